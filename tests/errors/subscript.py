# error: 4:12
# why: subscripts are not supported (the construct starts at its value)
def f(n):
    return n[0]
