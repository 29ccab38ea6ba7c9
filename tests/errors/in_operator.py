# error: 4:14
# why: `in` is not supported (the operator token)
def f(n):
    return 1 in n
