# error: 3:10
# why: default parameter values are not supported (the parameter starts at its name)
def f(a, b=2):
    return a + b
