# error: 4:5
# why: a local may not take the host function's name print
def f(n):
    print = n
    return n
