# error: 4:5
# why: yield (generators) is not supported
def f(n):
    yield n
    return n
