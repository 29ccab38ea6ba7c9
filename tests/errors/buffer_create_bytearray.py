# error: 8:14
# why: buffers are never created by the program
def g(x: bytearray):
    return len(x)


def f(n):
    return g(bytearray(n))
