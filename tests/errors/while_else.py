# error: 6:5
# why: else on a while loop is not supported
def f(n):
    while n > 0:
        n -= 1
    else:
        n = 5
    return n
