# error: 4:5
# why: an annotation without a value
def f(n):
    x: int
    return n
