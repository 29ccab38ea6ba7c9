# error: 4:5
# why: assigning min in a function would shadow the builtin
def f(n):
    min = 3
    return n
