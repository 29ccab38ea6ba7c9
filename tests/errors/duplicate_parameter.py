# error: 3:10
# why: two parameters named a
def f(a, a):
    return a
