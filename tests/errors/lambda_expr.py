# error: 4:9
# why: lambda is not supported
def f(n):
    x = lambda: 1
    return n
