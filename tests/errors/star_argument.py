# error: 8:14
# why: *args in a call is not supported
def g(x):
    return x


def f(n):
    return g(*n)
