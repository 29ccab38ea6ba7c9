# error: 4:12
# why: an integer cannot be indexed (only buffer parameters can)
def f(n):
    return n[0]
