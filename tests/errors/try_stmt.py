# error: 4:5
# why: try is not supported
def f(n):
    try:
        n = 1 // n
    except ZeroDivisionError:
        n = 0
    return n
