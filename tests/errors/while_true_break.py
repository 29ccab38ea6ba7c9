# error: 3:1
# why: while True with a break can end, nothing follows it, and another path returns a value (points at def)
def f(n):
    while True:
        if n > 10:
            break
        if n < 0:
            return n
        n += 1
