# error: 3:5
# why: a module function may not take the host function's name print
def print(n):
    return n
