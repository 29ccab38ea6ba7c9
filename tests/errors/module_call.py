# error: 7:1
# why: a call at module level
def f(n):
    return n


f(1)
