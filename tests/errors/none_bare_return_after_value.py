# error: 6:5
# why: a bare return beside return e (points at the bare return)
def f(n):
    if n > 0:
        return n
    return
