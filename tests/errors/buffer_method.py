# error: 4:5
# why: a method call on a buffer (the attribute starts at its value)
def f(x: list[int]):
    x.append(1)
    return 0
