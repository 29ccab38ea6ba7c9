# error: 8:14
# why: buffers are never created by the program
def g(x: bytes):
    return len(x)


def f(n):
    return g(bytes(n))
