# error: 3:1
# why: return e in a loop over a buffer, and the end can be reached (points at def)
def f(x: bytes):
    for v in x:
        if v > 10:
            return v
