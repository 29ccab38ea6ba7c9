def check(x):
    assert x > 0, "x must be positive"
    if x > 10:
        y = 1
    return y
