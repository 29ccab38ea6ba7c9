# error: 4:5
# why: a module constant whose value would raise OverflowError (the negation of MIN)
MIN = -9223372036854775807 - 1
X = -MIN


def f(n):
    return n
