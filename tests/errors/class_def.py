# error: 3:1
# why: classes are not supported
class C:
    pass


def f(n):
    return n
