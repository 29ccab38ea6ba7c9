# error: 4:12
# why: complex (imaginary) literals are not supported
def f(n):
    return 3j + n
