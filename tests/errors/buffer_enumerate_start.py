# error: 5:17
# why: enumerate takes only the buffer (points at the called name)
def f(x: bytes):
    s = 0
    for i, v in enumerate(x, 1):
        s += i * v
    return s
