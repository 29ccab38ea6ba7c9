# ValueError: negative shift counts (<< and >>, also of 0 and with the
# augmented forms), range() with step 0 (even when the range would be empty,
# with the step computed at run time), and a negative exponent with a
# nonzero base (CPython makes a float; minijit refuses).


def shl(a, n):
    return a << n


def shr(a, n):
    return a >> n


# call: shl(1, -1)
# call: shl(0, -1)
# call: shl(-1, -64)
# call: shl(5, -9223372036854775808)
# call: shr(1, -1)
# call: shr(0, -1)
# call: shr(-1, -9223372036854775808)
# call: shr(-9223372036854775808, -1)


def aug_shift(a, n):
    a <<= n
    a >>= n
    return a


# call: aug_shift(3, 2)
# call: aug_shift(3, -2)


def step_zero(a, b, s):
    n = 0
    for i in range(a, b, s):
        n += 1
    return n


# call: step_zero(0, 10, 0)
# call: step_zero(0, 0, 0)
# call: step_zero(10, 0, 0)
# call: step_zero(-9223372036854775808, 9223372036854775807, 0)
# call: step_zero(0, 10, 1)


def computed_step(k):
    n = 0
    for i in range(0, 100, k - 3):
        n += 1
    return n


# call: computed_step(3)
# call: computed_step(4)
# call: computed_step(2)


def literal_step_zero(n):
    # Only an error when the loop statement runs.
    if n > 0:
        for i in range(5, 5, 0):
            n += i
    return n


# call: literal_step_zero(0)
# call: literal_step_zero(1)


def neg_power(a, n):
    return a ** n


# call: neg_power(2, -1)
# call: neg_power(-2, -1)
# call: neg_power(1, -1)
# call: neg_power(-1, -3)
# call: neg_power(9223372036854775807, -9223372036854775808)
# call: neg_power(0, -1)


def neg_power_aug(a, n):
    a **= n
    return a


# call: neg_power_aug(3, -2)
# call: neg_power_aug(3, 2)


def shift_by_computed(a, b):
    return 1 << (a - b)


# call: shift_by_computed(5, 3)
# call: shift_by_computed(3, 5)


def first_trap_wins(n):
    # Left operand first: the negative shift happens before the division.
    return (1 << n) + 1 // (n + 1)


# call: first_trap_wins(-1)
# call: first_trap_wins(-2)
# call: first_trap_wins(3)
