# error: 3:1
# why: an if without else: the end of f can be reached (points at def)
def f(n):
    if n > 0:
        return 1
