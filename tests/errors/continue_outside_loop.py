# error: 4:5
# why: continue outside a loop
def f(n):
    continue
    return n
