# error: 4:5
# why: with is not supported
def f(n):
    with n:
        pass
    return n
