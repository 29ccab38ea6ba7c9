# Module functions and constants may take the name of a builtin, as in
# Python: calls then go to the module's function, reads to the constant.
# A constant computed before the builtin's name is taken used the builtin
# (module level runs top to bottom); functions see the last value.

M = abs(-2)
abs = 5


def max(a, b):
    return a - b


def int(x):
    return x * 10


def len(b: bytes) -> int:
    return 99


def bool(x):
    if x:
        return 7
    return -7


def uses(a, b: bytes):
    # min stays the builtin: only the names defined above changed.
    return max(a, 1) + abs + int(a) + len(b) + M + min(a, 3) + bool(a)


def truth(a):
    # `not` and `if` take the truth of a value: no call to `bool`.
    if a:
        return bool(not a)
    return bool(a) * 2


# call: uses(7, b'ab')
# call: uses(-3, b'')
# call: truth(0)
# call: truth(4)
