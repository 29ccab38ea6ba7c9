# error: 5:9
# why: break outside a loop
def f(n):
    if n:
        break
    return n
