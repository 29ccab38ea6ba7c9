# error: 4:16
# why: max needs at least 2 arguments
def f(n):
    return n + max()
