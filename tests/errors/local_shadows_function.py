# error: 8:5
# why: a local may not shadow a function
def g(x):
    return x


def f(n):
    g = n
    return n
