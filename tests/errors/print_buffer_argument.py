# error: 4:11
# why: print takes integers, not a buffer (points at the argument)
def f(x: bytes):
    print(x)
    return 0
