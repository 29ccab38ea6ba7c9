# error: 5:9
# why: a bare return would give None
def f(n):
    if n:
        return
    return n
