# error: 4:12
# why: abs takes exactly 1 argument
def f(n):
    return abs(n, 1)
