# error: 4:9
# why: range is only allowed as the iterable of a for loop
def f(n):
    x = range(3)
    return n
