# error: 8:12
# why: g takes 1 argument (points at the called name)
def g(a):
    return a


def f(n):
    return g(n, n)
