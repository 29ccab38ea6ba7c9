# error: 3:1
# why: a value is returned on one path, but the body also ends without a return (points at def)
def f(n):
    if n < 0:
        return -n
    x = n + 1
