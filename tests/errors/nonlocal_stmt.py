# error: 4:5
# why: nonlocal is not supported
def f(n):
    nonlocal x
    return n
