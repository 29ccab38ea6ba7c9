# error: 12:14
# why: a None function's value passed as an argument
def g(n):
    pass


def h(n):
    return n


def f(n):
    return h(g(n))
