# error: 8:12
# why: returning the value of a function without return e
def g(x: bytearray):
    x[0] = 1


def f(x: bytearray):
    return g(x)
