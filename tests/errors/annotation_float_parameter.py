# error: 3:10
# why: only int and bool annotations are accepted
def f(x: float):
    return 0
