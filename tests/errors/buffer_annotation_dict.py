# error: 3:10
# why: dict is not a parameter annotation
def f(x: dict):
    return 0
