# error: 4:5
# why: item assignment to an integer (the target starts at its value)
def f(n):
    n[0] = 1
    return n
