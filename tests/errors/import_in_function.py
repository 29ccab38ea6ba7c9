# error: 4:5
# why: import is not supported
def f(n):
    import os
    return n
