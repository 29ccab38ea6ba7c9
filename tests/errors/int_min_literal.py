# error: 4:13
# why: -9223372036854775808 is unary minus on an out-of-range literal; the literal is the error
def f(n):
    return -9223372036854775808
