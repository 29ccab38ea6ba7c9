# assert e and assert e, "message": passing and failing, the truth of any
# value (negative and MIN are true), chained comparisons and and/or in the
# condition, a trap inside the condition (that exception, not
# AssertionError), messages with escapes and quotes, asserts in loops and
# branches, and code after a passing assert.


def check_positive(n):
    assert n > 0
    return n


# call: check_positive(5)
# call: check_positive(0)
# call: check_positive(-5)


def with_message(n):
    assert n != 13, "thirteen is not allowed"
    return n * 2


# call: with_message(12)
# call: with_message(13)


def truth(n):
    assert n
    return 1


# call: truth(-1)
# call: truth(-9223372036854775808)
# call: truth(0)


def chained(a, b, c):
    assert a <= b <= c, 'not sorted'
    return c - a


# call: chained(1, 2, 3)
# call: chained(1, 3, 2)


def bool_ops(a, b):
    assert a and b or not a, "a without b"
    return 1


# call: bool_ops(1, 1)
# call: bool_ops(0, 0)
# call: bool_ops(1, 0)


def trap_in_condition(n):
    assert 10 // n > 1, "small"
    return 0


# call: trap_in_condition(2)
# call: trap_in_condition(0)
# call: trap_in_condition(20)


def message_escapes(n):
    assert n, "quote \" backslash \\ newline \n tab \t unicode \u00e9 é"
    assert n > 1, 'single \'quotes\' and "double"'
    assert n > 2, """triple quoted"""
    return n


# call: message_escapes(3)
# call: message_escapes(0)
# call: message_escapes(1)
# call: message_escapes(2)


def in_loop(n):
    s = 0
    for i in range(n):
        assert i < 5, "too many iterations"
        s += i
    return s


# call: in_loop(5)
# call: in_loop(6)


def in_branch(n):
    if n > 0:
        assert n % 2 == 0
        return n // 2
    else:
        assert n < 0, "zero"
    return -n


# call: in_branch(4)
# call: in_branch(3)
# call: in_branch(-3)
# call: in_branch(0)


def assert_false_constant(n):
    if n > 100:
        assert False, "unreachable for small n"
    if n > 50:
        assert 0
    return n


# call: assert_false_constant(1)
# call: assert_false_constant(60)
# call: assert_false_constant(101)


def assert_parenthesized(n):
    assert (n > 0), "needs a positive n"
    assert (
        n < 1000
    )
    return n


# call: assert_parenthesized(10)
# call: assert_parenthesized(-10)
# call: assert_parenthesized(1000)


def assert_call(n):
    assert is_small(n), "not small"
    return n


def is_small(n):
    return -10 < n < 10


# call: assert_call(9)
# call: assert_call(10)
