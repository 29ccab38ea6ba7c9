# error: 4:14
# why: range takes 1 to 3 arguments
def f(n):
    for i in range(0, n, 1, 2):
        pass
    return n
