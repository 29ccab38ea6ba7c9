# error: 3:5
# why: a module constant with an out-of-range literal
X = 18446744073709551616


def f(n):
    return X
