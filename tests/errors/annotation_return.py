# error: 3:18
# why: only int and bool annotations are accepted
def f(x: int) -> str:
    return x
