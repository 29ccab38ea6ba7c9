# error: 4:12
# why: a parenthesized tuple as a value
def f(n):
    return (n, 1)
