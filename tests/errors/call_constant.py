# error: 7:12
# why: a constant is not a function
X = 3


def f(n):
    return X(n)
