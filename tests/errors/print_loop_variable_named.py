# error: 4:9
# why: a for variable may not take the host function's name print
def f(n):
    for print in range(n):
        pass
    return n
