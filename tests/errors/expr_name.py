# error: 4:5
# why: an expression statement must be a call (a bare name)
def f(n):
    n
    return n
