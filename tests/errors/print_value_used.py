# error: 4:9
# why: print returns nothing: its value cannot be used
def f(n):
    x = print(n)
    return n
