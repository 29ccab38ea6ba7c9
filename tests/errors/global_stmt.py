# error: 7:5
# why: global is not supported (constants are read-only in functions)
X = 1


def f(n):
    global X
    X = n
    return n
