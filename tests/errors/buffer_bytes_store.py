# error: 4:5
# why: bytes is read-only: item assignment (the target starts at its value)
def f(x: bytes):
    x[0] = 1
    return 0
