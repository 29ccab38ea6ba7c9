# error: 8:14
# why: a bytearray passed to a list[int] parameter (points at the argument)
def g(y: list[int]):
    return y[0]


def f(x: bytearray):
    return g(x)
