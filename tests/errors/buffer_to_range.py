# error: 5:20
# why: a buffer passed to range() (points at the argument)
def f(x: bytes):
    s = 0
    for i in range(x):
        s += i
    return s
