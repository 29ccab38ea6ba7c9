# error: 4:16
# why: len() takes a buffer
def f(n):
    return len(n)
