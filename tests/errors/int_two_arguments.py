# error: 4:12
# why: int takes exactly 1 argument (no base)
def f(n):
    return int(n, 2)
