# error: 8:14
# why: print is a host function, not a value
def g(n):
    return n


def f(n):
    return g(print)
