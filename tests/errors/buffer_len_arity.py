# error: 4:12
# why: len takes one argument (points at the called name)
def f(x: bytes):
    return len(x, x)
