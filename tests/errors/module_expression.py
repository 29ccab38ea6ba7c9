# error: 7:1
# why: an expression statement at module level
def f(n):
    return n


1 + 2
