# error: 4:8
# why: only int and bool annotations are accepted
def f(n):
    x: str = 1
    return n
