# error: 4:16
# why: 9223372036854775808 is outside the 64-bit range
def f(n):
    return n + 9223372036854775808
