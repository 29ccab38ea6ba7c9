# error: 3:11
# why: default parameter values are not supported (the parameter starts at its name)
def f(a, b=2):
    return a + b
