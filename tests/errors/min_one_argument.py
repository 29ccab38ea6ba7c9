# error: 4:12
# why: min needs at least 2 arguments
def f(n):
    return min(n)
