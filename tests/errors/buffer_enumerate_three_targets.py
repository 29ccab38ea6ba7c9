# error: 5:9
# why: for i, v, w in enumerate(x): enumerate gives pairs
def f(x: bytes):
    s = 0
    for i, v, w in enumerate(x):
        s += i
    return s
