# error: 3:1
# why: return e beside a while True that a break leaves (points at def)
def f(n):
    while True:
        if n > 10:
            break
        if n == 5:
            return n
        n += 1
