# error: 4:5
# why: print is not a builtin of the subset
def f(n):
    print(n)
    return n
