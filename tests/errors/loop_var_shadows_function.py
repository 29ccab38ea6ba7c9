# error: 8:9
# why: a for variable may not shadow a function
def g(x):
    return x


def f(n):
    for g in range(n):
        pass
    return n
