# error: 4:14
# why: `/` is not supported, only `//` (the operator token)
def f(n):
    return n / 2
