# error: 4:5
# why: augmented assignment of a buffer (arithmetic on it)
def f(x: bytearray):
    x += 1
    return 0
