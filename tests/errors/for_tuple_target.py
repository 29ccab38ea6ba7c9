# error: 4:9
# why: a for loop variable must be a single name
def f(n):
    for a, b in range(n):
        pass
    return n
