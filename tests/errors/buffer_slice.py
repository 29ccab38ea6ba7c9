# error: 4:14
# why: slicing a buffer (points at the slice)
def f(x: bytes):
    return x[1:3]
