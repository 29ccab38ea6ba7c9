# error: 4:8
# why: a local cannot be annotated bytes (buffers are parameters only)
def f(n):
    y: bytes = n
    return y
