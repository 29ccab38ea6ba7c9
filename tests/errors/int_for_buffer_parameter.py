# error: 8:14
# why: an integer passed for a buffer parameter
def g(xs: list[int]):
    return xs[0]


def f(n):
    return g(n)
