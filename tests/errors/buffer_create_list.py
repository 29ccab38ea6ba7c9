# error: 8:14
# why: a list display is not a value, even for a list[int] parameter
def g(x: list[int]):
    return len(x)


def f(n):
    return g([n, n])
