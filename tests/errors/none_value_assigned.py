# error: 8:9
# why: a function without return e has no value (points at the call)
def g(n):
    n += 1


def f(n):
    x = g(n)
    return n
