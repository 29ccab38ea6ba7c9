# error: 4:11
# why: print takes integers, not a string
def f(n):
    print("n =", n)
    return n
