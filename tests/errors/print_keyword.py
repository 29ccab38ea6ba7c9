# error: 4:14
# why: print takes no keyword arguments (points at the keyword's name)
def f(n):
    print(n, flush=True)
    return n
