# error: 4:14
# why: `@` is not supported (the operator token)
def f(n):
    return n @ n
