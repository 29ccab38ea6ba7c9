# error: 4:16
# why: a buffer's truth value (not x)
def f(x: bytes):
    return not x
