# error: 4:13
# why: a tuple as a value (only `a, b = e1, e2` is allowed)
def f(n):
    return n, 1
