# error: 4:16
# why: 0x8000000000000000 is outside the 64-bit range
def f(n):
    return n & 0x8000000000000000
