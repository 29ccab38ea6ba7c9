# error: 4:1
# why: an if at module level
X = 1
if X:
    Y = 2


def f(n):
    return n
