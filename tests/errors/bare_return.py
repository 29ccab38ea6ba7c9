# error: 5:9
# why: a bare return (None) beside a return of a value
def f(n):
    if n:
        return
    return n
