# error: 5:14
# why: for iterates over range(...), a buffer or enumerate(buffer); n is an integer
def f(n):
    s = 0
    for i in n:
        s += i
    return s
