# error: 7:5
# why: two functions named f (points at the second def)
def f(n):
    return n


def f(n):
    return -n
