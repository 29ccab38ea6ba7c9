# error: 4:9
# why: a buffer cannot be assigned to a local (it is not a value)
def f(x: bytearray):
    y = x
    return 0
