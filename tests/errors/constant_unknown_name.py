# error: 3:5
# why: a module constant refers to an unknown name
X = Y + 1


def f(n):
    return n
