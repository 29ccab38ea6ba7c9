# error: 4:8
# why: bytes is read-only: an item target in a tuple assignment
def f(x: bytes, n):
    n, x[0] = 1, 2
    return n
