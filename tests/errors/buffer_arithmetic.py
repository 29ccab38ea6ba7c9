# error: 4:12
# why: arithmetic on a buffer
def f(x: bytearray):
    return x + 1
