# error: 4:12
# why: a call of a function that does not exist (points at its name)
def f(n):
    return g(n)
