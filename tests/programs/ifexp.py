# Conditional expressions: a if c else b evaluates c first and then only the
# chosen branch (a trap in the other branch does not happen); they nest to the
# right (a if c else b if d else e), bind looser than or (a or b if c else d is
# (a or b) if c else d), and can appear anywhere an expression can.


def pick(c, a, b):
    return a if c else b


# call: pick(1, 10, 20)
# call: pick(0, 10, 20)
# call: pick(-1, 10, 20)
# call: pick(-9223372036854775808, 10, 20)


def lazy(n):
    return 100 // n if n != 0 else -1


# call: lazy(0)
# call: lazy(7)
# call: lazy(-7)


def lazy_else(n):
    return 0 if n == 0 else 100 // n


# call: lazy_else(0)
# call: lazy_else(3)


def lazy_overflow(x):
    return x if x == -9223372036854775807 - 1 else -x


# call: lazy_overflow(-9223372036854775808)
# call: lazy_overflow(9223372036854775807)


def chosen_trap(n):
    return 1 // n if n < 5 else 2


# call: chosen_trap(0)
# call: chosen_trap(5)


def classify(n):
    # Right-nested: 'neg' if n < 0 else ('zero' if n == 0 else 'pos')
    return -1 if n < 0 else 0 if n == 0 else 1


# call: classify(-5)
# call: classify(0)
# call: classify(5)


def grade(n):
    return 4 if n >= 90 else 3 if n >= 80 else 2 if n >= 70 else 1 if n >= 60 else 0


# call: grade(95)
# call: grade(85)
# call: grade(75)
# call: grade(65)
# call: grade(5)


def binds_loosest(a, b, c):
    # (a or b) if c else 0
    return a or b if c else 0


# call: binds_loosest(0, 5, 1)
# call: binds_loosest(3, 5, 1)
# call: binds_loosest(3, 5, 0)


def in_arith(a, b):
    return (a if a > b else b) * 10 + (1 if a == b else 0) - (b if a < b else a)


# call: in_arith(3, 8)
# call: in_arith(8, 3)
# call: in_arith(4, 4)


def in_condition(a):
    if (a if a > 0 else -a) > 10:
        return 1
    return 0


# call: in_condition(-11)
# call: in_condition(9)


def as_argument(a, b):
    return max(a if a > 0 else 0, b if b > 0 else 0) + abs(a if a < b else b)


# call: as_argument(-3, 4)
# call: as_argument(5, -9)


def nested_condition(a, b):
    return (1 if a else 2) if (3 if b else 0) else (4 if a else 5)


# call: nested_condition(0, 0)
# call: nested_condition(1, 0)
# call: nested_condition(0, 1)
# call: nested_condition(1, 1)


def with_compare(x):
    return x < 0 if x % 2 else x > 0


# call: with_compare(-3)
# call: with_compare(3)
# call: with_compare(-4)
# call: with_compare(4)
