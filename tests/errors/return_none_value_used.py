# error: 4:12
# why: None is not a 64-bit integer (an expression after it)
def f(n):
    return None + n
