# error: 3:7
# why: a parameter may not shadow the builtin abs
def f(abs):
    return abs
