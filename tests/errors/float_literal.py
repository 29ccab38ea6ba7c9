# error: 4:16
# why: floats are not supported
def f(n):
    return n * 0.5
