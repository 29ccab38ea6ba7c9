# error: 7:7
# why: a parameter may not shadow the function g
def g(x):
    return x


def f(g):
    return 0
