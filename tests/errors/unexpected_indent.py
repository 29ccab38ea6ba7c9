# error: 5:9
# why: unexpected indent (points at the statement)
def f(n):
    x = 1
        return x
