# error: 4:5
# why: chained assignment is not supported (points at the statement)
def f(n):
    a = b = n
    return a
