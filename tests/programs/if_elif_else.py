# if / elif / else: long elif chains, if without else falling through to a
# later return, every branch returning (no statement after the if), nested ifs,
# pass in a branch, conditions that are calls, and an elif chain ending in
# else.


def classify(n):
    if n < -100:
        return -2
    elif n < 0:
        return -1
    elif n == 0:
        return 0
    elif n <= 100:
        return 1
    else:
        return 2


# call: classify(-9223372036854775808)
# call: classify(-100)
# call: classify(-101)
# call: classify(0)
# call: classify(100)
# call: classify(101)
# call: classify(9223372036854775807)


def no_else(n):
    r = 0
    if n > 10:
        r = 1
    elif n > 5:
        r = 2
    if n % 2 == 0:
        r += 10
    return r


# call: no_else(11)
# call: no_else(12)
# call: no_else(6)
# call: no_else(3)


def all_branches_return(a, b):
    if a > b:
        return a - b
    elif a < b:
        if b > 100:
            return 1000
        else:
            return b - a
    else:
        return 0


# call: all_branches_return(5, 3)
# call: all_branches_return(3, 5)
# call: all_branches_return(3, 500)
# call: all_branches_return(4, 4)


def with_pass(n):
    if n > 0:
        pass
    elif n < 0:
        n = -n
    else:
        pass
    return n


# call: with_pass(5)
# call: with_pass(-5)
# call: with_pass(0)


def nested(a, b, c):
    if a:
        if b:
            if c:
                return 7
            return 6
        else:
            if c:
                return 5
        return 4
    else:
        if b:
            return 3 if c else 2
    if c:
        return 1
    return 0


# call: nested(1, 1, 1)
# call: nested(1, 1, 0)
# call: nested(1, 0, 1)
# call: nested(1, 0, 0)
# call: nested(0, 1, 1)
# call: nested(0, 1, 0)
# call: nested(0, 0, 1)
# call: nested(0, 0, 0)


def is_even(n):
    return n % 2 == 0


def call_conditions(n):
    if is_even(n) and is_even(n // 2):
        return 4
    elif is_even(n):
        return 2
    elif not is_even(n + 1):
        return -1
    return 1


# call: call_conditions(8)
# call: call_conditions(6)
# call: call_conditions(7)


def many_elifs(n):
    if n == 0:
        return 100
    elif n == 1:
        return 101
    elif n == 2:
        return 102
    elif n == 3:
        return 103
    elif n == 4:
        return 104
    elif n == 5:
        return 105
    elif n == 6:
        return 106
    elif n == 7:
        return 107
    elif n == 8:
        return 108
    elif n == 9:
        return 109
    elif n == 10:
        return 110
    elif n == 11:
        return 111
    elif n == 12:
        return 112
    elif n == -1:
        return 99
    elif n == -9223372036854775807 - 1:
        return 0
    elif n == 9223372036854775807:
        return 1
    return -1


# call: many_elifs(0)
# call: many_elifs(7)
# call: many_elifs(12)
# call: many_elifs(13)
# call: many_elifs(-1)
# call: many_elifs(-9223372036854775808)
# call: many_elifs(9223372036854775807)


def assign_in_branches(n):
    if n > 0:
        s = 1
        t = n
    elif n < 0:
        s = -1
        t = -n
    else:
        s = 0
        t = 0
    return s * 1000 + t


# call: assign_in_branches(42)
# call: assign_in_branches(-42)
# call: assign_in_branches(0)


def condition_values(n):
    # Conditions are arbitrary integers, not just comparisons.
    c = 0
    if n & 1:
        c += 1
    if n & 2:
        c += 2
    if n - 4:
        c += 4
    if n // 8:
        c += 8
    return c


# call: condition_values(0)
# call: condition_values(3)
# call: condition_values(4)
# call: condition_values(-1)
