# error: 4:12
# why: arithmetic on a buffer
def f(x: bytes):
    return x + 1
