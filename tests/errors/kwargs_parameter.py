# error: 3:10
# why: **kwargs parameters are not supported
def f(n, **kw):
    return n
