# error: 3:1
# why: no else after elif: the end can be reached (points at def)
def f(n):
    if n > 0:
        return 1
    elif n < 0:
        return -1
