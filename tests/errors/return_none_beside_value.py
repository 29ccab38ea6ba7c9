# error: 5:9
# why: a return of None beside a return of a value
def f(n):
    if n:
        return None
    return n
