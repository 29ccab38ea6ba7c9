# error: 4:14
# why: $ is not a valid character
def f(n):
    return n $ 1
