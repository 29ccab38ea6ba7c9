# error: 3:1
# why: a while whose condition is not constant true can end (points at def)
def f(n):
    while n > 0:
        return n
