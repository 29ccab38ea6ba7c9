# Truth values: every nonzero value is true (negatives and MIN too), `not`
# gives 1 or 0, bool() gives 1 or 0, True/False are 1/0 in arithmetic, and
# the precedence of `not` (below comparisons, above and/or).


def nt(x):
    return not x


# call: nt(0)
# call: nt(1)
# call: nt(-1)
# call: nt(2)
# call: nt(-9223372036854775808)
# call: nt(9223372036854775807)
# call: nt(4294967296)
# call: nt(256)


def nnt(x):
    return not not x


# call: nnt(0)
# call: nnt(-7)
# call: nnt(-9223372036854775808)


def truth_if(x):
    if x:
        return 1
    return 0


# call: truth_if(0)
# call: truth_if(-1)
# call: truth_if(-9223372036854775808)
# call: truth_if(256)
# call: truth_if(4294967296)


def truth_while(x):
    # A negative value stays true until it becomes zero.
    n = 0
    while x:
        x += 1
        n += 1
    return n


# call: truth_while(0)
# call: truth_while(-5)


def not_arith(x):
    # not binds looser than ==, +, etc.: not (x + 1), not (x == 0)
    return (not x + 1) * 100 + (not x == 0) * 10 + (not x) + 1


# call: not_arith(-1)
# call: not_arith(0)
# call: not_arith(5)


def not_values(x):
    return -(not x) + ~(not x) * 10 + (not x) * 100 + (not x) ** 2 * 1000 + ((not x) << 4)


# call: not_values(0)
# call: not_values(3)


def bool_arith():
    return True + True * 10 + False * 100 + (not False) * 1000 + (not True) - -True + ~False


# call: bool_arith()


def not_and_or(a, b):
    # not binds tighter than and / or: (not a) or (not b)
    return not a or not b


# call: not_and_or(0, 0)
# call: not_and_or(1, 0)
# call: not_and_or(1, 1)


def not_compare_chain(a, b, c):
    return not a < b < c


# call: not_compare_chain(1, 2, 3)
# call: not_compare_chain(3, 2, 1)


def truth_of_compare(x):
    t = x > 5
    f = x < 5
    return t * 2 + f + (t == True) * 10 + (f == False) * 100


# call: truth_of_compare(7)
# call: truth_of_compare(3)
# call: truth_of_compare(5)


def is_truthy_count(a, b, c, d):
    return bool(a) + bool(b) + bool(c) + bool(d)


# call: is_truthy_count(0, 0, 0, 0)
# call: is_truthy_count(-1, 0, -9223372036854775808, 9223372036854775807)
