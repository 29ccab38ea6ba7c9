# error: 6:13
# why: a bare return in a loop beside return e (points at the bare return)
def f(x: list[int]):
    for v in x:
        if v < 0:
            return
    return 1
