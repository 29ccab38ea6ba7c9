# error: 4:5
# why: bytes is read-only: augmented item assignment
def f(x: bytes):
    x[0] += 1
    return 0
