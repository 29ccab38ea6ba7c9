# error: 3:10
# why: list[str] is not a parameter annotation (points at the annotation)
def f(x: list[str]):
    return 0
