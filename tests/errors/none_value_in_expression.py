# error: 8:16
# why: a None function's value used in arithmetic
def g(n):
    pass


def f(n):
    return 1 + g(n)
