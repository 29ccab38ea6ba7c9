# error: 5:14
# why: for only iterates over range(...)
def f(n):
    s = 0
    for i in n:
        s += i
    return s
