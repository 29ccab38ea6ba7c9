# error: 3:5
# why: `for` loops name the builtin range: a module function may not take it
def range(n):
    return n


def f(n):
    return range(n)
