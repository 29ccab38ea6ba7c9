# error: 4:25
# why: a lone surrogate in an assert message (its text must be valid Unicode)
def f(n):
    assert n > 0, "n is \udc80"
    return n
