# error: 4:8
# why: the truth value of a buffer is not supported
def f(x: bytes):
    if x:
        return 1
    return 0
