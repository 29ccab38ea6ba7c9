# error: 4:19
# why: an assert message must be a string literal
def f(n):
    assert n > 0, n
    return n
