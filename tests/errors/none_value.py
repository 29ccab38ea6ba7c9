# error: 4:9
# why: None is not a 64-bit integer
def f(n):
    x = None
    return n
