# error: 7:1
# why: a function and a constant both named g (points at the later definition)
def g(n):
    return n


g = 3
