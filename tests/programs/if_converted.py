# Branches between short arms that the optimizer computes both of and
# selects between (if-conversion), at the edges of the range guard that
# keeps a checked arm from overflowing: just inside, just outside with
# the other arm taken (no exception), just outside with the checked arm
# taken (OverflowError), on both sides of zero; arms with two results;
# arms that subtract from a constant.


def step(x):
    if x % 2 == 0:
        y = x // 2
    else:
        y = 3 * x + 1
    return y


# call: step(7)
# call: step(-7)
# call: step(0)
# call: step(3074457345618258601)
# call: step(3074457345618258602)
# call: step(3074457345618258603)
# call: step(3074457345618258604)
# call: step(9223372036854775806)
# call: step(9223372036854775807)
# call: step(-3074457345618258601)
# call: step(-3074457345618258602)
# call: step(-3074457345618258604)
# call: step(-9223372036854775808)


def steps(x):
    count = 0
    while x != 1:
        if x % 2 == 0:
            x = x // 2
        else:
            x = 3 * x + 1
        count += 1
    return count


# call: steps(27)
# call: steps(1)
# call: steps(6148914691236517204)


def both(a, b):
    if a < b:
        p = 100 - a
        q = b
    else:
        p = a * 5
        q = a
    return p * 1000 + q


# call: both(1, 2)
# call: both(2, 1)
# call: both(-9223372036854775708, -1)
# call: both(-9223372036854775709, -1)
# call: both(1844674407370955161, 0)
# call: both(1844674407370955162, 0)
# call: both(-1844674407370955161, -9223372036854775808)
# call: both(-1844674407370955162, -9223372036854775808)


def mask_or_shift(x, n):
    total = 0
    for i in range(n):
        if (x + i) & 3 == 1:
            v = (x + i) >> 1
        else:
            v = (x + i) ^ 5
        total += v
    return total


# call: mask_or_shift(10, 20)
# call: mask_or_shift(-10, 20)
