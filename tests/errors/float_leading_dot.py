# error: 4:16
# why: a float literal starting with a dot
def f(n):
    return n + .5
