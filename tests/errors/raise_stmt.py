# error: 5:9
# why: raise is not supported
def f(n):
    if n < 0:
        raise ValueError
    return n
