# error: 4:7
# why: `/=` is not supported, only `//=` (the operator token)
def f(n):
    n /= 2
    return n
