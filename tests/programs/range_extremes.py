# range() over the whole 64-bit range (left by break after a few steps),
# with steps of MAX, MIN, 2**62 and a third of the range in both directions,
# counting exactly how many steps fit; the last value a loop leaves in its
# variable when the next step would leave the range; a zero step (also on an
# empty range) raising ValueError.


def full(a, b, st, k):
    s = 0
    c = 0
    for i in range(a, b, st):
        s = i
        c += 1
        if c >= k:
            break
    return s


# call: full(-9223372036854775808, 9223372036854775807, 1, 3)
# call: full(9223372036854775807, -9223372036854775808, -1, 3)
# call: full(-9223372036854775808, 9223372036854775807, 9223372036854775807, 10)
# call: full(9223372036854775807, -9223372036854775808, -9223372036854775808, 10)
# call: full(9223372036854775807, -9223372036854775808, -9223372036854775807, 10)
# call: full(-9223372036854775808, 9223372036854775807, 4611686018427387904, 10)
# call: full(-1, 9223372036854775807, 4611686018427387904, 10)
# call: full(0, 9223372036854775807, 4611686018427387904, 10)
# call: full(-9223372036854775808, -9223372036854775808, 1, 10)
# call: full(9223372036854775807, 9223372036854775807, -1, 10)


def full2(a, b, k):
    s = 0
    c = 0
    for i in range(a, b):
        s = i
        c += 1
        if c >= k:
            break
    return s


# call: full2(-9223372036854775808, 9223372036854775807, 5)
# call: full2(9223372036854775806, 9223372036854775807, 5)


def cnt(a, b, st):
    c = 0
    for i in range(a, b, st):
        c += 1
    return c


# call: cnt(-9223372036854775808, 9223372036854775807, 9223372036854775807)
# call: cnt(-9223372036854775808, 9223372036854775807, 6148914691236517205)
# call: cnt(-9223372036854775808, 9223372036854775807, 6148914691236517206)
# call: cnt(9223372036854775807, -9223372036854775808, -6148914691236517205)
# call: cnt(9223372036854775807, -9223372036854775808, -9223372036854775808)
# call: cnt(5, -5, -9223372036854775808)
# call: cnt(-5, 5, -9223372036854775808)
# call: cnt(0, 0, -9223372036854775808)
# call: cnt(0, -1, -9223372036854775808)
# call: cnt(10, 0, -3)
# call: cnt(0, 10, 3)
# call: cnt(0, 10, 0)
# call: cnt(0, 0, 0)


def last(a, b, st):
    s = 7
    for i in range(a, b, st):
        s = i
    return s


# call: last(-9223372036854775808, 9223372036854775807, 9223372036854775807)
# call: last(9223372036854775807, -9223372036854775808, -9223372036854775808)
# call: last(9223372036854775806, 9223372036854775807, 9223372036854775807)
# call: last(-9223372036854775807, -9223372036854775808, -1)
# call: last(-9223372036854775807, -9223372036854775808, -2)


def stop_only(n, k):
    c = 0
    for i in range(n):
        c = i
        if i >= k:
            break
    return c


# call: stop_only(9223372036854775807, 4)
# call: stop_only(-9223372036854775808, 4)
