# error: 3:7
# why: a parameter may not take the host function's name print
def f(print):
    return 0
