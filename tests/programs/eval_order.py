# Evaluation order is left to right, as in Python, and it decides which
# exception a call reports when two operations would trap: binary operands,
# call arguments (module functions and builtins), both sides of a
# comparison, tuple-assignment values, range arguments, and the condition of
# a conditional expression before its branch. Where the first trap is one
# CPython does not have (an overflow or a float), `# expect:` gives
# minijit's answer.


def zdiv(n):
    return 1 // n


def nshift(n):
    return 1 << n


def binary(a, b):
    return zdiv(a) + nshift(b)


# call: binary(0, -1)
# call: binary(1, -1)
# call: binary(0, 1)


def binary_swapped(a, b):
    return nshift(b) + zdiv(a)


# call: binary_swapped(0, -1)


def two(a, b):
    return a * 10 + b


def arguments(a, b):
    return two(zdiv(a), nshift(b))


# call: arguments(0, -1)
# call: arguments(1, -1)


def builtin_arguments(a, b, c):
    return max(zdiv(a), nshift(b), c % a)


# call: builtin_arguments(0, -1, 5)
# call: builtin_arguments(1, -1, 5)
# call: builtin_arguments(2, 3, 5)


def comparison(a, b):
    return zdiv(a) < nshift(b)


# call: comparison(0, -1)
# call: comparison(2, -1)


def tuple_values(a, b):
    x, y = nshift(b), zdiv(a)
    return x + y


# call: tuple_values(0, -1)
# call: tuple_values(0, 1)


def range_arguments(a, b):
    s = 0
    for i in range(zdiv(a), nshift(b), a - a):
        s += i
    return s


# call: range_arguments(0, -1)
# call: range_arguments(1, -1)
# call: range_arguments(1, 1)


def condition_first(a):
    return nshift(-1) if zdiv(a) else 0


# call: condition_first(0)
# call: condition_first(1)
# call: condition_first(2)


def overflow_before_zero_division(x):
    # minijit stops at x + 1 (OverflowError); CPython computes the big
    # integer and then fails on the division (ZeroDivisionError).
    return (x + 1) + 1 // (x - x)


# call: overflow_before_zero_division(5)
# expect: overflow_before_zero_division(9223372036854775807) -> OverflowError


def float_before_zero_division(x):
    # CPython makes 0.5 and then divides by zero; minijit refuses the ** first.
    return 2 ** x + 1 // (x - x)


# call: float_before_zero_division(3)
# expect: float_before_zero_division(-1) -> ValueError


def chain_order(a, b, c):
    # a < b evaluates a, then b; only if true is c evaluated.
    return zdiv(a) < zdiv(b) < zdiv(c)


# call: chain_order(0, 0, 0)
# call: chain_order(2, 0, 0)
# call: chain_order(2, 1, 0)
# call: chain_order(1, 2, 0)


def nested_call_order(a, b, c):
    return two(two(zdiv(a), zdiv(b)), nshift(c))


# call: nested_call_order(1, 0, -1)
# call: nested_call_order(1, 1, -1)
