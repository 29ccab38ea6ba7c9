# error: 4:16
# why: a string used as a value
def f(n):
    return n + "a"
