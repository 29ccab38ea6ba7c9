# error: 8:9
# why: a function is not a value
def g(x):
    return x


def f(n):
    h = g
    return n
