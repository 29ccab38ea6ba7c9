# error: 4:11
# why: chained assignment is not supported (points at the statement)
def f(n):
    a = b = n
    return a
