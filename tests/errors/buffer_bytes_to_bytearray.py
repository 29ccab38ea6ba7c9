# error: 8:14
# why: a bytes buffer passed to a bytearray parameter (points at the argument)
def g(y: bytearray):
    return y[0]


def f(x: bytes):
    return g(x)
