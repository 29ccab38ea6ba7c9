# error: 3:1
# why: while True with a break can end, and nothing follows it (points at def)
def f(n):
    while True:
        if n > 10:
            break
        n += 1
