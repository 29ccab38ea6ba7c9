# error: 8:8
# why: a None function's value as a condition
def g(n):
    assert n


def f(n):
    if g(n):
        return 1
    return 0
