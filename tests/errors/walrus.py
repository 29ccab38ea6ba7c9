# error: 4:9
# why: assignment expressions are not supported (the construct starts at its target)
def f(n):
    if (y := n) > 0:
        return y
    return 0
