# error: 5:9
# why: for p in enumerate(x): the target must be i, v
def f(x: bytes):
    s = 0
    for p in enumerate(x):
        s += 1
    return s
