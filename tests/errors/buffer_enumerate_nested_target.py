# error: 5:9
# why: for i, (a, b) in enumerate(x): the target must be two names
def f(x: list[int]):
    s = 0
    for i, (a, b) in enumerate(x):
        s += i
    return s
