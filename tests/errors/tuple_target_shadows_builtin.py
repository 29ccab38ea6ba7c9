# error: 4:8
# why: a tuple target may not shadow the builtin max
def f(n):
    a, max = 1, 2
    return a
