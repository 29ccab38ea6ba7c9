# error: 8:12
# why: a function is not a value
def g(x):
    return x


def f(n):
    return g
