# error: 4:9
# why: Ellipsis is not supported
def f(n):
    x = ...
    return n
