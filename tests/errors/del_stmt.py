# error: 4:5
# why: del is not supported
def f(n):
    del n
    return 0
