# Conditions of if, while and assert are lowered for their truth alone:
# `and`, `or`, `not` and comparison chains branch operand by operand (in
# Python's order, stopping where Python stops) instead of making a value
# and testing it.
def f(a, b, n):
    while n < a and b * b <= a:
        b += 1
    if not a or 0 < b < n:
        n -= 1
    assert a > 0 or b != 0
    return n


def g(a, b):
    return a if a > 0 and b > 0 else b
