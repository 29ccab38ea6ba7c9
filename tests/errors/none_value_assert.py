# error: 8:12
# why: a None function's value asserted
def g(n):
    return


def f(n):
    assert g(n)
    return n
