# error: 6:5
# why: else on a for loop is not supported
def f(n):
    for i in range(n):
        pass
    else:
        n = 5
    return n
