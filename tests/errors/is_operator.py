# error: 4:14
# why: `is` is not supported (the operator token)
def f(n):
    return n is 0
