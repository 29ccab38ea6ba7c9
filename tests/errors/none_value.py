# error: 4:12
# why: None is not a 64-bit integer
def f(n):
    return None
