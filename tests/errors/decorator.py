# error: 3:1
# why: decorators are not supported
@deco
def f(n):
    return n
