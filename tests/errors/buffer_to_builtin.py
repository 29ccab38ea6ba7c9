# error: 4:16
# why: a buffer passed to abs() (points at the argument)
def f(x: list[int]):
    return abs(x)
