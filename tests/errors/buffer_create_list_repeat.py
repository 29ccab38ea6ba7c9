# error: 8:14
# why: [0] * n makes a list: buffers are never created
def g(x: list[int]):
    return len(x)


def f(n):
    return g([0] * n)
