# error: 3:1
# why: the body ends without a return (points at def)
def f(n):
    x = n + 1
