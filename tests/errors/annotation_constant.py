# error: 3:4
# why: only int and bool annotations are accepted
X: float = 1


def f(n):
    return X
