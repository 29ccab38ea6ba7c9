# error: 3:1
# why: pass at module level is not a def, a constant or a docstring
pass


def f(n):
    return n
