# error: 4:5
# why: a string literal without its closing quote
def f(n):
    "docstring never closed
    return n
