# error: 4:11
# why: print(*x): argument unpacking is not supported (points at the *)
def f(x: list[int]):
    print(*x)
    return 0
