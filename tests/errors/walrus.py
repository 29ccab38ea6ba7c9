# error: 4:11
# why: assignment expressions are not supported (the construct starts at its target)
def f(n):
    if (y := n) > 0:
        return y
    return 0
