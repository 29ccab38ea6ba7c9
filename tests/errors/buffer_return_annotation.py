# error: 3:13
# why: a function cannot return a buffer (-> bytes)
def f(n) -> bytes:
    return n
