# error: 4:12
# why: a parenthesis never closed before the end of the file (points at the opening paren)
def f(n):
    return (n + 1
