# error: 5:9
# why: for i, y[0] in enumerate(x): the targets must be names
def f(x: bytes, y: list[int]):
    s = 0
    for i, y[0] in enumerate(x):
        s += i
    return s
