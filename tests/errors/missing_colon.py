# error: 4:14
# why: missing colon after an if condition (points at the token where it was expected)
def f(n):
    if n > 0 return n
    return 0
