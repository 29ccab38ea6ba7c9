# error: 4:9
# why: dicts are not supported
def f(n):
    x = {1: 2}
    return n
