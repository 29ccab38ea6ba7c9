# error: 3:10
# why: list without [int] is not a parameter annotation
def f(x: list):
    return 0
