# error: 4:12
# why: slicing is not supported (the construct starts at its value)
def f(x: bytes):
    return x[1:]
