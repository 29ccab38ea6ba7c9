# error: 3:5
# why: a module constant whose value would raise ZeroDivisionError (the expression 1 // 0)
X = 1 // 0


def f(n):
    return n
