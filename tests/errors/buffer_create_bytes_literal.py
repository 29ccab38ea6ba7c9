# error: 8:14
# why: a bytes literal is not a value, even for a bytes parameter
def g(x: bytes):
    return len(x)


def f(n):
    return g(b"abc")
