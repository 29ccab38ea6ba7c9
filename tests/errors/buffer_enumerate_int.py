# error: 5:27
# why: enumerate of an integer (points at the argument)
def f(n):
    s = 0
    for i, v in enumerate(n):
        s += v
    return s
