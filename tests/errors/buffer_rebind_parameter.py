# error: 4:5
# why: a buffer parameter cannot be assigned
def f(x: list[int]):
    x = 0
    return 0
