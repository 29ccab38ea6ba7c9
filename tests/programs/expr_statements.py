# Expression statements: a call whose value is dropped. The call still runs
# in full: its traps (ZeroDivisionError, OverflowError, AssertionError,
# RecursionError) still happen, also for builtins whose value is dropped;
# dropped calls in loops, in branches, and after other statements.


def check(n):
    assert n >= 0, "negative"
    return n


def divide(n):
    return 100 // n


def forever(n):
    return forever(n + 1)


def dropped(n):
    check(n)
    return n * 2


# call: dropped(5)
# call: dropped(-5)


def dropped_division(n):
    divide(n)
    return 1


# call: dropped_division(4)
# call: dropped_division(0)


def dropped_builtins(n):
    abs(n)
    min(n, 1 // (n + 5))
    max(n, n)
    int(n)
    bool(n)
    return 3


# call: dropped_builtins(1)
# abs(MIN) overflows even though its value is dropped (CPython answers 3):
# expect: dropped_builtins(-9223372036854775808) -> OverflowError
# call: dropped_builtins(-5)


def dropped_in_loop(n):
    s = 0
    for i in range(n):
        check(5 - i)
        s += i
    return s


# call: dropped_in_loop(5)
# call: dropped_in_loop(7)


def dropped_in_branch(n):
    if n > 0:
        divide(n - 1)
    else:
        check(n)
    return 0


# call: dropped_in_branch(2)
# call: dropped_in_branch(1)
# call: dropped_in_branch(0)
# call: dropped_in_branch(-1)


def dropped_recursion(n):
    if n > 0:
        forever(n)
    return n


# call: dropped_recursion(0)
# expect: dropped_recursion(1) -> RecursionError


def several(n):
    check(n); divide(n + 1); check(n - 1)
    return n


# call: several(1)
# call: several(0)
# call: several(-1)


def dropped_overflow(n):
    double(n)
    return 0


def double(n):
    return n * 2


# call: dropped_overflow(4611686018427387903)
# The dropped result overflows inside double() (CPython answers 0):
# expect: dropped_overflow(4611686018427387904) -> OverflowError


def parenthesized_call(n):
    (check(n))
    return n


# call: parenthesized_call(3)
# call: parenthesized_call(-3)
