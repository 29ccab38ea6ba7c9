# error: 8:14
# why: an integer passed to a buffer parameter (points at the argument)
def g(y: bytes):
    return len(y)


def f(n):
    return g(n + 1)
