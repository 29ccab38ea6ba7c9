# ZeroDivisionError: // and % by zero (also 0 // 0, MIN % 0), their augmented
# forms, 0 ** negative, a zero divisor computed at run time, a division by
# zero in a callee, in a condition, in a range bound and in a dropped call;
# divisions by zero on paths that do not run do not trap.


def div(a, b):
    return a // b


def mod(a, b):
    return a % b


# call: div(1, 0)
# call: div(0, 0)
# call: div(-1, 0)
# call: div(-9223372036854775808, 0)
# call: div(9223372036854775807, 0)
# call: mod(1, 0)
# call: mod(0, 0)
# call: mod(-9223372036854775808, 0)


def aug(a, b):
    x = a
    x //= b
    y = a
    y %= b
    return x + y


# call: aug(7, 2)
# call: aug(7, 0)


def zero_pow(n):
    return 0 ** n


# call: zero_pow(0)
# call: zero_pow(1)
# call: zero_pow(-1)
# call: zero_pow(-9223372036854775808)


def computed_divisor(a, b):
    return 100 // (a - b) + 100 % (a * b)


# call: computed_divisor(5, 3)
# call: computed_divisor(3, 3)
# call: computed_divisor(3, 0)


def in_callee(n):
    return div(100, n) + 1


# call: in_callee(0)
# call: in_callee(7)


def in_condition(n):
    if 10 % n == 0:
        return 1
    return 0


# call: in_condition(5)
# call: in_condition(0)


def literal_zero(n):
    # A division by the literal 0 is only an error when it runs.
    if n > 0:
        return n // 0
    if n < 0:
        return n % 0
    return 0


# call: literal_zero(0)
# call: literal_zero(1)
# call: literal_zero(-1)


def in_loop(n):
    s = 0
    for i in range(n, -1, -1):
        s += 1000 // i
    return s


# call: in_loop(0)
# call: in_loop(3)


def unused_result(n):
    # The quotient is never used, but the division still traps.
    q = 1 // n
    return 5


# call: unused_result(1)
# call: unused_result(0)


def dropped_call(n):
    div(1, n)
    return 7


# call: dropped_call(2)
# call: dropped_call(0)


def mod_by_zero_zero(n):
    return (n - n) % (n - n)


# call: mod_by_zero_zero(9)
