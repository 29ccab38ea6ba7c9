# Short-circuit operators, chained comparisons, conditional expressions, builtins.
def logic(a, b, c):
    x = a and b or c
    y = a < b <= c
    z = a if not b else -c
    return min(x, y, z) + max(a, b) + abs(c) + bool(a) + int(b)
