# error: 4:12
# why: 3 values for 2 names (points at the statement)
def f(n):
    a, b = n, n, n
    return a
