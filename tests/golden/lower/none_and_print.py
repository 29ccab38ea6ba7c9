# A function without `return e` returns None (a 0 no caller reads); it and
# the host function `print` are called as statements.
def countdown(n):
    while n > 0:
        print(n)
        n -= 1
    print()


def main(n):
    if n < 0:
        return 0
    countdown(n)
    return n
