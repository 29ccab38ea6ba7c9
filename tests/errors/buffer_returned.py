# error: 4:12
# why: a buffer cannot be returned
def f(x: bytes) -> int:
    return x
