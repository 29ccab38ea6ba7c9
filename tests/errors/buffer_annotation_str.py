# error: 3:10
# why: only int, bool, bytes, bytearray and list[int] annotate a parameter
def f(x: str):
    return 0
