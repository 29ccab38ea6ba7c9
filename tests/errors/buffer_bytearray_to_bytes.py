# error: 8:14
# why: a bytearray passed to a bytes parameter (points at the argument)
def g(y: bytes):
    return y[0]


def f(x: bytearray):
    return g(x)
