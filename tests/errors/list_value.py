# error: 4:9
# why: lists are not supported
def f(n):
    x = [1, 2]
    return n
