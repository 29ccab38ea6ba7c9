# error: 5:9
# why: for a, b in x: a tuple target needs enumerate(x)
def f(x: bytes):
    s = 0
    for a, b in x:
        s += a
    return s
