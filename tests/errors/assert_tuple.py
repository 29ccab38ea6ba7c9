# error: 4:12
# why: an assert of a tuple (a tuple value)
def f(n):
    assert (n > 0, "positive")
    return n
