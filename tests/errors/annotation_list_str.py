# error: 3:10
# why: only bytes, bytearray and list[int] buffers
def f(x: list[str]):
    return 0
