# error: 8:14
# why: keyword arguments are not supported (the argument starts at its name)
def g(x):
    return x


def f(n):
    return g(x=n)
