# error: 4:12
# why: comparing buffers
def f(a: bytes, b: bytes):
    return a == b
