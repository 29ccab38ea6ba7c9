# error: 3:5
# why: a constant expression may only use constants defined above it
X = Y + 1
Y = 2


def f(n):
    return n
