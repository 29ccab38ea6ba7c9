# error: 4:5
# why: an expression statement must be a call
def f(n):
    n + 1
    return n
