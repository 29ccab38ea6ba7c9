# error: 3:9
# why: missing colon after the parameter list (points at the newline where it was expected)
def f(n)
    return n
