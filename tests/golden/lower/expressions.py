# Short-circuit operators, chained comparisons, conditional expressions, builtins.
# `a < b <= c` as a value, over names bound here, is both comparisons and an
# `and` of them: nothing to skip that could be seen.
def logic(a, b, c):
    x = a and b or c
    y = a < b <= c
    z = a if not b else -c
    return min(x, y, z) + max(a, b) + abs(c) + bool(a) + int(b)
