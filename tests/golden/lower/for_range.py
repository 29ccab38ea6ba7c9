# The three forms of range: step 1, a constant step, a step known only at run time.
def up(n):
    s = 0
    for i in range(n):
        s += i
    return s


def by_three(a, b):
    s = 0
    for i in range(a, b, 3):
        s += i
    return s


def any_step(a, b, c):
    s = 0
    for i in range(a, b, c):
        s += i
    return s
