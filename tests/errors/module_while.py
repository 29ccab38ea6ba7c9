# error: 4:1
# why: a while loop at module level
X = 0
while X < 3:
    X = X + 1


def f(n):
    return n
