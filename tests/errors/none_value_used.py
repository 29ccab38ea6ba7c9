# error: 8:12
# why: a function without return e returns None, which is not a value
def log(n):
    pass


def f(n):
    return log(n) + 1
