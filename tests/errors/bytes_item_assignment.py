# error: 4:5
# why: bytes is read-only
def f(x: bytes):
    x[0] = 1
