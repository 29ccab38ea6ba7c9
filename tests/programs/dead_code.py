# Unreachable code and unused values: statements after a return, after a
# while True without break, after break/continue; branches that are never
# taken (if 0:, while 0:); unused assignments whose computation traps (the
# trap must still happen); values computed and overwritten.


def after_return(n):
    return n + 1
    n = n // 0
    return n


# call: after_return(41)


def after_while_true(n):
    while True:
        if n > 10:
            return n
        n += 4
    n = 1 // 0
    return -1


# call: after_while_true(1)


def after_break_continue(n):
    s = 0
    for i in range(n):
        if i % 2:
            continue
            s += 1000
        if i > 6:
            break
            s += 1000
        s += i
    return s


# call: after_break_continue(20)


def never_taken(n):
    if 0:
        n = 1 // 0
    while 0:
        n = 2 // 0
    if False:
        return -1
    return n


# call: never_taken(7)


def unused_trapping(n):
    # x is never read, but computing it traps for some n.
    x = 100 // n
    y = n * n
    z = n << 70
    return 1


# call: unused_trapping(0)
# n << 70 is unused but overflows for any n != 0 (CPython answers 1):
# expect: unused_trapping(3) -> OverflowError
# expect: unused_trapping(-1) -> OverflowError


def overwritten(n):
    x = n * 3
    x = n + 1
    return x


# call: overwritten(5)


def unused_loop(n):
    # A loop whose result is never used still runs (and traps).
    t = 0
    for i in range(n):
        t += 10 // (5 - i)
    return n


# call: unused_loop(5)
# call: unused_loop(6)


def all_paths_return_then_more(n):
    if n > 0:
        return 1
    else:
        return 2
    return 3


# call: all_paths_return_then_more(5)
# call: all_paths_return_then_more(-5)
