# error: 4:9
# why: a float literal written with an exponent
def f(n):
    x = 1e3
    return n
