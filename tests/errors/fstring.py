# error: 4:9
# why: f-strings are not supported
def f(n):
    x = f"{n}"
    return n
