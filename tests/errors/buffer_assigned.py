# error: 4:9
# why: a buffer is not a value: it cannot be assigned to a local
def f(x: list[int]):
    y = x
    return len(y)
