# error: 4:8
# why: a buffer's truth value
def f(x: list[int]):
    if x:
        return 1
    return 0
