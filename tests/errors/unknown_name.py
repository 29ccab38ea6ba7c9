# error: 4:16
# why: a name that is neither a local, a parameter nor a constant
def f(n):
    return n + y
