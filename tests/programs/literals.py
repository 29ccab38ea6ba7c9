# Integer literals: decimal, 0x/0X, 0o/0O, 0b/0B, `_` separators, the largest
# literal 9223372036854775807 in every base, i64::MIN written as
# -9223372036854775807 - 1, zero in odd spellings (00, 0_0, 0x0), True/False.

MAX_HEX = 0x7FFF_FFFF_FFFF_FFFF
MAX_OCT = 0o777777777777777777777
MAX_BIN = 0b111111111111111111111111111111111111111111111111111111111111111
MIN = -9223372036854775807 - 1


def edge(k):
    if k == 0:
        return 9223372036854775807
    if k == 1:
        return 0x7fffffffffffffff
    if k == 2:
        return 0o777_777_777_777_777_777_777
    if k == 3:
        return 0b0111_1111_1111_1111_1111_1111_1111_1111_1111_1111_1111_1111_1111_1111_1111_1111
    if k == 4:
        return -9223372036854775807 - 1
    if k == 5:
        return -0x7FFFFFFFFFFFFFFF - 1
    if k == 6:
        return MAX_HEX - MAX_OCT + MAX_BIN
    if k == 7:
        return MIN
    if k == 8:
        return 9_223_372_036_854_775_807
    return -1


# call: edge(0)
# call: edge(1)
# call: edge(2)
# call: edge(3)
# call: edge(4)
# call: edge(5)
# call: edge(6)
# call: edge(7)
# call: edge(8)
# call: edge(9)


def bases():
    return 0x1F + 0X1f + 0o17 + 0O17 + 0b1010 + 0B1010 + 1_000 + 0x_ff + 0o_7 + 0b_1


# call: bases()


def zeros():
    return 00 + 0_0 + 0x0 + 0o0 + 0b0 + 0 + 000


# call: zeros()


def true_false():
    return True + True + False * 7 + (True << 10) - (False - True)


# call: true_false()


def big_values():
    return 1_000_000_007 * 1000000009 - 0xDEAD_BEEF * 0o1234567 + 0b1 - 9_007_199_254_740_993


# call: big_values()
