# error: 8:12
# why: g takes 2 arguments (points at the called name)
def g(a, b):
    return a + b


def f(n):
    return g(n)
