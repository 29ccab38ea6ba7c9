# error: 8:14
# why: a buffer passed to an integer parameter (points at the argument)
def g(n):
    return n


def f(x: bytearray):
    return g(x)
