# error: 4:12
# why: attribute access is not supported (the construct starts at its value)
def f(n):
    return n.real
