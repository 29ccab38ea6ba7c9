# error: 4:9
# why: bytes literals are not supported
def f(n):
    x = b"ab"
    return n
