# error: 4:16
# why: len() of an integer (points at the argument)
def f(n):
    return len(n)
