# error: 4:9
# why: enumerate(x) outside a for loop
def f(x: bytes):
    e = enumerate(x)
    return 0
