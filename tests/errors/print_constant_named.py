# error: 3:1
# why: a module constant may not take the host function's name print
print = 3


def f(n):
    return n
