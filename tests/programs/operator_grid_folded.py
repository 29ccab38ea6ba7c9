# The operator grid of operator_grid.py with constant operands, which the
# compiler may fold: each binary operator on each pair of MIN, -1, 0, 1, MAX
# (and a right operand of 63). A folded operation that would trap must trap
# when (and only when) its branch runs, with the same exception as at run
# time.


MAX = 9223372036854775807
MIN = -9223372036854775807 - 1


def add_folded(k):
    if k == 0:
        return (MIN) + (MIN)
    if k == 1:
        return (MIN) + (-1)
    if k == 2:
        return (MIN) + 0
    if k == 3:
        return (MIN) + 1
    if k == 4:
        return (MIN) + MAX
    if k == 5:
        return (MIN) + 63
    if k == 6:
        return (-1) + (MIN)
    if k == 7:
        return (-1) + (-1)
    if k == 8:
        return (-1) + 0
    if k == 9:
        return (-1) + 1
    if k == 10:
        return (-1) + MAX
    if k == 11:
        return (-1) + 63
    if k == 12:
        return 0 + (MIN)
    if k == 13:
        return 0 + (-1)
    if k == 14:
        return 0 + 0
    if k == 15:
        return 0 + 1
    if k == 16:
        return 0 + MAX
    if k == 17:
        return 0 + 63
    if k == 18:
        return 1 + (MIN)
    if k == 19:
        return 1 + (-1)
    if k == 20:
        return 1 + 0
    if k == 21:
        return 1 + 1
    if k == 22:
        return 1 + MAX
    if k == 23:
        return 1 + 63
    if k == 24:
        return MAX + (MIN)
    if k == 25:
        return MAX + (-1)
    if k == 26:
        return MAX + 0
    if k == 27:
        return MAX + 1
    if k == 28:
        return MAX + MAX
    if k == 29:
        return MAX + 63
    return 0


# call: add_folded(0)
# call: add_folded(1)
# call: add_folded(2)
# call: add_folded(3)
# call: add_folded(4)
# call: add_folded(5)
# call: add_folded(6)
# call: add_folded(7)
# call: add_folded(8)
# call: add_folded(9)
# call: add_folded(10)
# call: add_folded(11)
# call: add_folded(12)
# call: add_folded(13)
# call: add_folded(14)
# call: add_folded(15)
# call: add_folded(16)
# call: add_folded(17)
# call: add_folded(18)
# call: add_folded(19)
# call: add_folded(20)
# call: add_folded(21)
# call: add_folded(22)
# call: add_folded(23)
# call: add_folded(24)
# call: add_folded(25)
# call: add_folded(26)
# call: add_folded(27)
# call: add_folded(28)
# call: add_folded(29)


def sub_folded(k):
    if k == 0:
        return (MIN) - (MIN)
    if k == 1:
        return (MIN) - (-1)
    if k == 2:
        return (MIN) - 0
    if k == 3:
        return (MIN) - 1
    if k == 4:
        return (MIN) - MAX
    if k == 5:
        return (MIN) - 63
    if k == 6:
        return (-1) - (MIN)
    if k == 7:
        return (-1) - (-1)
    if k == 8:
        return (-1) - 0
    if k == 9:
        return (-1) - 1
    if k == 10:
        return (-1) - MAX
    if k == 11:
        return (-1) - 63
    if k == 12:
        return 0 - (MIN)
    if k == 13:
        return 0 - (-1)
    if k == 14:
        return 0 - 0
    if k == 15:
        return 0 - 1
    if k == 16:
        return 0 - MAX
    if k == 17:
        return 0 - 63
    if k == 18:
        return 1 - (MIN)
    if k == 19:
        return 1 - (-1)
    if k == 20:
        return 1 - 0
    if k == 21:
        return 1 - 1
    if k == 22:
        return 1 - MAX
    if k == 23:
        return 1 - 63
    if k == 24:
        return MAX - (MIN)
    if k == 25:
        return MAX - (-1)
    if k == 26:
        return MAX - 0
    if k == 27:
        return MAX - 1
    if k == 28:
        return MAX - MAX
    if k == 29:
        return MAX - 63
    return 0


# call: sub_folded(0)
# call: sub_folded(1)
# call: sub_folded(2)
# call: sub_folded(3)
# call: sub_folded(4)
# call: sub_folded(5)
# call: sub_folded(6)
# call: sub_folded(7)
# call: sub_folded(8)
# call: sub_folded(9)
# call: sub_folded(10)
# call: sub_folded(11)
# call: sub_folded(12)
# call: sub_folded(13)
# call: sub_folded(14)
# call: sub_folded(15)
# call: sub_folded(16)
# call: sub_folded(17)
# call: sub_folded(18)
# call: sub_folded(19)
# call: sub_folded(20)
# call: sub_folded(21)
# call: sub_folded(22)
# call: sub_folded(23)
# call: sub_folded(24)
# call: sub_folded(25)
# call: sub_folded(26)
# call: sub_folded(27)
# call: sub_folded(28)
# call: sub_folded(29)


def mul_folded(k):
    if k == 0:
        return (MIN) * (MIN)
    if k == 1:
        return (MIN) * (-1)
    if k == 2:
        return (MIN) * 0
    if k == 3:
        return (MIN) * 1
    if k == 4:
        return (MIN) * MAX
    if k == 5:
        return (MIN) * 63
    if k == 6:
        return (-1) * (MIN)
    if k == 7:
        return (-1) * (-1)
    if k == 8:
        return (-1) * 0
    if k == 9:
        return (-1) * 1
    if k == 10:
        return (-1) * MAX
    if k == 11:
        return (-1) * 63
    if k == 12:
        return 0 * (MIN)
    if k == 13:
        return 0 * (-1)
    if k == 14:
        return 0 * 0
    if k == 15:
        return 0 * 1
    if k == 16:
        return 0 * MAX
    if k == 17:
        return 0 * 63
    if k == 18:
        return 1 * (MIN)
    if k == 19:
        return 1 * (-1)
    if k == 20:
        return 1 * 0
    if k == 21:
        return 1 * 1
    if k == 22:
        return 1 * MAX
    if k == 23:
        return 1 * 63
    if k == 24:
        return MAX * (MIN)
    if k == 25:
        return MAX * (-1)
    if k == 26:
        return MAX * 0
    if k == 27:
        return MAX * 1
    if k == 28:
        return MAX * MAX
    if k == 29:
        return MAX * 63
    return 0


# call: mul_folded(0)
# call: mul_folded(1)
# call: mul_folded(2)
# call: mul_folded(3)
# call: mul_folded(4)
# call: mul_folded(5)
# call: mul_folded(6)
# call: mul_folded(7)
# call: mul_folded(8)
# call: mul_folded(9)
# call: mul_folded(10)
# call: mul_folded(11)
# call: mul_folded(12)
# call: mul_folded(13)
# call: mul_folded(14)
# call: mul_folded(15)
# call: mul_folded(16)
# call: mul_folded(17)
# call: mul_folded(18)
# call: mul_folded(19)
# call: mul_folded(20)
# call: mul_folded(21)
# call: mul_folded(22)
# call: mul_folded(23)
# call: mul_folded(24)
# call: mul_folded(25)
# call: mul_folded(26)
# call: mul_folded(27)
# call: mul_folded(28)
# call: mul_folded(29)


def fdiv_folded(k):
    if k == 0:
        return (MIN) // (MIN)
    if k == 1:
        return (MIN) // (-1)
    if k == 2:
        return (MIN) // 0
    if k == 3:
        return (MIN) // 1
    if k == 4:
        return (MIN) // MAX
    if k == 5:
        return (MIN) // 63
    if k == 6:
        return (-1) // (MIN)
    if k == 7:
        return (-1) // (-1)
    if k == 8:
        return (-1) // 0
    if k == 9:
        return (-1) // 1
    if k == 10:
        return (-1) // MAX
    if k == 11:
        return (-1) // 63
    if k == 12:
        return 0 // (MIN)
    if k == 13:
        return 0 // (-1)
    if k == 14:
        return 0 // 0
    if k == 15:
        return 0 // 1
    if k == 16:
        return 0 // MAX
    if k == 17:
        return 0 // 63
    if k == 18:
        return 1 // (MIN)
    if k == 19:
        return 1 // (-1)
    if k == 20:
        return 1 // 0
    if k == 21:
        return 1 // 1
    if k == 22:
        return 1 // MAX
    if k == 23:
        return 1 // 63
    if k == 24:
        return MAX // (MIN)
    if k == 25:
        return MAX // (-1)
    if k == 26:
        return MAX // 0
    if k == 27:
        return MAX // 1
    if k == 28:
        return MAX // MAX
    if k == 29:
        return MAX // 63
    return 0


# call: fdiv_folded(0)
# call: fdiv_folded(1)
# call: fdiv_folded(2)
# call: fdiv_folded(3)
# call: fdiv_folded(4)
# call: fdiv_folded(5)
# call: fdiv_folded(6)
# call: fdiv_folded(7)
# call: fdiv_folded(8)
# call: fdiv_folded(9)
# call: fdiv_folded(10)
# call: fdiv_folded(11)
# call: fdiv_folded(12)
# call: fdiv_folded(13)
# call: fdiv_folded(14)
# call: fdiv_folded(15)
# call: fdiv_folded(16)
# call: fdiv_folded(17)
# call: fdiv_folded(18)
# call: fdiv_folded(19)
# call: fdiv_folded(20)
# call: fdiv_folded(21)
# call: fdiv_folded(22)
# call: fdiv_folded(23)
# call: fdiv_folded(24)
# call: fdiv_folded(25)
# call: fdiv_folded(26)
# call: fdiv_folded(27)
# call: fdiv_folded(28)
# call: fdiv_folded(29)


def mod_folded(k):
    if k == 0:
        return (MIN) % (MIN)
    if k == 1:
        return (MIN) % (-1)
    if k == 2:
        return (MIN) % 0
    if k == 3:
        return (MIN) % 1
    if k == 4:
        return (MIN) % MAX
    if k == 5:
        return (MIN) % 63
    if k == 6:
        return (-1) % (MIN)
    if k == 7:
        return (-1) % (-1)
    if k == 8:
        return (-1) % 0
    if k == 9:
        return (-1) % 1
    if k == 10:
        return (-1) % MAX
    if k == 11:
        return (-1) % 63
    if k == 12:
        return 0 % (MIN)
    if k == 13:
        return 0 % (-1)
    if k == 14:
        return 0 % 0
    if k == 15:
        return 0 % 1
    if k == 16:
        return 0 % MAX
    if k == 17:
        return 0 % 63
    if k == 18:
        return 1 % (MIN)
    if k == 19:
        return 1 % (-1)
    if k == 20:
        return 1 % 0
    if k == 21:
        return 1 % 1
    if k == 22:
        return 1 % MAX
    if k == 23:
        return 1 % 63
    if k == 24:
        return MAX % (MIN)
    if k == 25:
        return MAX % (-1)
    if k == 26:
        return MAX % 0
    if k == 27:
        return MAX % 1
    if k == 28:
        return MAX % MAX
    if k == 29:
        return MAX % 63
    return 0


# call: mod_folded(0)
# call: mod_folded(1)
# call: mod_folded(2)
# call: mod_folded(3)
# call: mod_folded(4)
# call: mod_folded(5)
# call: mod_folded(6)
# call: mod_folded(7)
# call: mod_folded(8)
# call: mod_folded(9)
# call: mod_folded(10)
# call: mod_folded(11)
# call: mod_folded(12)
# call: mod_folded(13)
# call: mod_folded(14)
# call: mod_folded(15)
# call: mod_folded(16)
# call: mod_folded(17)
# call: mod_folded(18)
# call: mod_folded(19)
# call: mod_folded(20)
# call: mod_folded(21)
# call: mod_folded(22)
# call: mod_folded(23)
# call: mod_folded(24)
# call: mod_folded(25)
# call: mod_folded(26)
# call: mod_folded(27)
# call: mod_folded(28)
# call: mod_folded(29)


def pow_folded(k):
    if k == 0:
        return (MIN) ** (MIN)
    if k == 1:
        return (MIN) ** (-1)
    if k == 2:
        return (MIN) ** 0
    if k == 3:
        return (MIN) ** 1
    if k == 4:
        return (MIN) ** MAX
    if k == 5:
        return (MIN) ** 63
    if k == 6:
        return (-1) ** (MIN)
    if k == 7:
        return (-1) ** (-1)
    if k == 8:
        return (-1) ** 0
    if k == 9:
        return (-1) ** 1
    if k == 10:
        return (-1) ** MAX
    if k == 11:
        return (-1) ** 63
    if k == 12:
        return 0 ** (MIN)
    if k == 13:
        return 0 ** (-1)
    if k == 14:
        return 0 ** 0
    if k == 15:
        return 0 ** 1
    if k == 16:
        return 0 ** MAX
    if k == 17:
        return 0 ** 63
    if k == 18:
        return 1 ** (MIN)
    if k == 19:
        return 1 ** (-1)
    if k == 20:
        return 1 ** 0
    if k == 21:
        return 1 ** 1
    if k == 22:
        return 1 ** MAX
    if k == 23:
        return 1 ** 63
    if k == 24:
        return MAX ** (MIN)
    if k == 25:
        return MAX ** (-1)
    if k == 26:
        return MAX ** 0
    if k == 27:
        return MAX ** 1
    if k == 28:
        return MAX ** MAX
    if k == 29:
        return MAX ** 63
    return 0


# call: pow_folded(0)
# call: pow_folded(1)
# call: pow_folded(2)
# call: pow_folded(3)
# expect: pow_folded(4) -> OverflowError
# call: pow_folded(5)
# call: pow_folded(6)
# call: pow_folded(7)
# call: pow_folded(8)
# call: pow_folded(9)
# call: pow_folded(10)
# call: pow_folded(11)
# call: pow_folded(12)
# call: pow_folded(13)
# call: pow_folded(14)
# call: pow_folded(15)
# call: pow_folded(16)
# call: pow_folded(17)
# call: pow_folded(18)
# call: pow_folded(19)
# call: pow_folded(20)
# call: pow_folded(21)
# call: pow_folded(22)
# call: pow_folded(23)
# call: pow_folded(24)
# call: pow_folded(25)
# call: pow_folded(26)
# call: pow_folded(27)
# expect: pow_folded(28) -> OverflowError
# call: pow_folded(29)


def shl_folded(k):
    if k == 0:
        return (MIN) << (MIN)
    if k == 1:
        return (MIN) << (-1)
    if k == 2:
        return (MIN) << 0
    if k == 3:
        return (MIN) << 1
    if k == 4:
        return (MIN) << MAX
    if k == 5:
        return (MIN) << 63
    if k == 6:
        return (-1) << (MIN)
    if k == 7:
        return (-1) << (-1)
    if k == 8:
        return (-1) << 0
    if k == 9:
        return (-1) << 1
    if k == 10:
        return (-1) << MAX
    if k == 11:
        return (-1) << 63
    if k == 12:
        return 0 << (MIN)
    if k == 13:
        return 0 << (-1)
    if k == 14:
        return 0 << 0
    if k == 15:
        return 0 << 1
    if k == 16:
        return 0 << MAX
    if k == 17:
        return 0 << 63
    if k == 18:
        return 1 << (MIN)
    if k == 19:
        return 1 << (-1)
    if k == 20:
        return 1 << 0
    if k == 21:
        return 1 << 1
    if k == 22:
        return 1 << MAX
    if k == 23:
        return 1 << 63
    if k == 24:
        return MAX << (MIN)
    if k == 25:
        return MAX << (-1)
    if k == 26:
        return MAX << 0
    if k == 27:
        return MAX << 1
    if k == 28:
        return MAX << MAX
    if k == 29:
        return MAX << 63
    return 0


# call: shl_folded(0)
# call: shl_folded(1)
# call: shl_folded(2)
# call: shl_folded(3)
# expect: shl_folded(4) -> OverflowError
# call: shl_folded(5)
# call: shl_folded(6)
# call: shl_folded(7)
# call: shl_folded(8)
# call: shl_folded(9)
# expect: shl_folded(10) -> OverflowError
# call: shl_folded(11)
# call: shl_folded(12)
# call: shl_folded(13)
# call: shl_folded(14)
# call: shl_folded(15)
# call: shl_folded(16)
# call: shl_folded(17)
# call: shl_folded(18)
# call: shl_folded(19)
# call: shl_folded(20)
# call: shl_folded(21)
# expect: shl_folded(22) -> OverflowError
# call: shl_folded(23)
# call: shl_folded(24)
# call: shl_folded(25)
# call: shl_folded(26)
# call: shl_folded(27)
# expect: shl_folded(28) -> OverflowError
# call: shl_folded(29)


def shr_folded(k):
    if k == 0:
        return (MIN) >> (MIN)
    if k == 1:
        return (MIN) >> (-1)
    if k == 2:
        return (MIN) >> 0
    if k == 3:
        return (MIN) >> 1
    if k == 4:
        return (MIN) >> MAX
    if k == 5:
        return (MIN) >> 63
    if k == 6:
        return (-1) >> (MIN)
    if k == 7:
        return (-1) >> (-1)
    if k == 8:
        return (-1) >> 0
    if k == 9:
        return (-1) >> 1
    if k == 10:
        return (-1) >> MAX
    if k == 11:
        return (-1) >> 63
    if k == 12:
        return 0 >> (MIN)
    if k == 13:
        return 0 >> (-1)
    if k == 14:
        return 0 >> 0
    if k == 15:
        return 0 >> 1
    if k == 16:
        return 0 >> MAX
    if k == 17:
        return 0 >> 63
    if k == 18:
        return 1 >> (MIN)
    if k == 19:
        return 1 >> (-1)
    if k == 20:
        return 1 >> 0
    if k == 21:
        return 1 >> 1
    if k == 22:
        return 1 >> MAX
    if k == 23:
        return 1 >> 63
    if k == 24:
        return MAX >> (MIN)
    if k == 25:
        return MAX >> (-1)
    if k == 26:
        return MAX >> 0
    if k == 27:
        return MAX >> 1
    if k == 28:
        return MAX >> MAX
    if k == 29:
        return MAX >> 63
    return 0


# call: shr_folded(0)
# call: shr_folded(1)
# call: shr_folded(2)
# call: shr_folded(3)
# call: shr_folded(4)
# call: shr_folded(5)
# call: shr_folded(6)
# call: shr_folded(7)
# call: shr_folded(8)
# call: shr_folded(9)
# call: shr_folded(10)
# call: shr_folded(11)
# call: shr_folded(12)
# call: shr_folded(13)
# call: shr_folded(14)
# call: shr_folded(15)
# call: shr_folded(16)
# call: shr_folded(17)
# call: shr_folded(18)
# call: shr_folded(19)
# call: shr_folded(20)
# call: shr_folded(21)
# call: shr_folded(22)
# call: shr_folded(23)
# call: shr_folded(24)
# call: shr_folded(25)
# call: shr_folded(26)
# call: shr_folded(27)
# call: shr_folded(28)
# call: shr_folded(29)


def and_folded(k):
    if k == 0:
        return (MIN) & (MIN)
    if k == 1:
        return (MIN) & (-1)
    if k == 2:
        return (MIN) & 0
    if k == 3:
        return (MIN) & 1
    if k == 4:
        return (MIN) & MAX
    if k == 5:
        return (MIN) & 63
    if k == 6:
        return (-1) & (MIN)
    if k == 7:
        return (-1) & (-1)
    if k == 8:
        return (-1) & 0
    if k == 9:
        return (-1) & 1
    if k == 10:
        return (-1) & MAX
    if k == 11:
        return (-1) & 63
    if k == 12:
        return 0 & (MIN)
    if k == 13:
        return 0 & (-1)
    if k == 14:
        return 0 & 0
    if k == 15:
        return 0 & 1
    if k == 16:
        return 0 & MAX
    if k == 17:
        return 0 & 63
    if k == 18:
        return 1 & (MIN)
    if k == 19:
        return 1 & (-1)
    if k == 20:
        return 1 & 0
    if k == 21:
        return 1 & 1
    if k == 22:
        return 1 & MAX
    if k == 23:
        return 1 & 63
    if k == 24:
        return MAX & (MIN)
    if k == 25:
        return MAX & (-1)
    if k == 26:
        return MAX & 0
    if k == 27:
        return MAX & 1
    if k == 28:
        return MAX & MAX
    if k == 29:
        return MAX & 63
    return 0


# call: and_folded(0)
# call: and_folded(1)
# call: and_folded(2)
# call: and_folded(3)
# call: and_folded(4)
# call: and_folded(5)
# call: and_folded(6)
# call: and_folded(7)
# call: and_folded(8)
# call: and_folded(9)
# call: and_folded(10)
# call: and_folded(11)
# call: and_folded(12)
# call: and_folded(13)
# call: and_folded(14)
# call: and_folded(15)
# call: and_folded(16)
# call: and_folded(17)
# call: and_folded(18)
# call: and_folded(19)
# call: and_folded(20)
# call: and_folded(21)
# call: and_folded(22)
# call: and_folded(23)
# call: and_folded(24)
# call: and_folded(25)
# call: and_folded(26)
# call: and_folded(27)
# call: and_folded(28)
# call: and_folded(29)


def or_folded(k):
    if k == 0:
        return (MIN) | (MIN)
    if k == 1:
        return (MIN) | (-1)
    if k == 2:
        return (MIN) | 0
    if k == 3:
        return (MIN) | 1
    if k == 4:
        return (MIN) | MAX
    if k == 5:
        return (MIN) | 63
    if k == 6:
        return (-1) | (MIN)
    if k == 7:
        return (-1) | (-1)
    if k == 8:
        return (-1) | 0
    if k == 9:
        return (-1) | 1
    if k == 10:
        return (-1) | MAX
    if k == 11:
        return (-1) | 63
    if k == 12:
        return 0 | (MIN)
    if k == 13:
        return 0 | (-1)
    if k == 14:
        return 0 | 0
    if k == 15:
        return 0 | 1
    if k == 16:
        return 0 | MAX
    if k == 17:
        return 0 | 63
    if k == 18:
        return 1 | (MIN)
    if k == 19:
        return 1 | (-1)
    if k == 20:
        return 1 | 0
    if k == 21:
        return 1 | 1
    if k == 22:
        return 1 | MAX
    if k == 23:
        return 1 | 63
    if k == 24:
        return MAX | (MIN)
    if k == 25:
        return MAX | (-1)
    if k == 26:
        return MAX | 0
    if k == 27:
        return MAX | 1
    if k == 28:
        return MAX | MAX
    if k == 29:
        return MAX | 63
    return 0


# call: or_folded(0)
# call: or_folded(1)
# call: or_folded(2)
# call: or_folded(3)
# call: or_folded(4)
# call: or_folded(5)
# call: or_folded(6)
# call: or_folded(7)
# call: or_folded(8)
# call: or_folded(9)
# call: or_folded(10)
# call: or_folded(11)
# call: or_folded(12)
# call: or_folded(13)
# call: or_folded(14)
# call: or_folded(15)
# call: or_folded(16)
# call: or_folded(17)
# call: or_folded(18)
# call: or_folded(19)
# call: or_folded(20)
# call: or_folded(21)
# call: or_folded(22)
# call: or_folded(23)
# call: or_folded(24)
# call: or_folded(25)
# call: or_folded(26)
# call: or_folded(27)
# call: or_folded(28)
# call: or_folded(29)


def xor_folded(k):
    if k == 0:
        return (MIN) ^ (MIN)
    if k == 1:
        return (MIN) ^ (-1)
    if k == 2:
        return (MIN) ^ 0
    if k == 3:
        return (MIN) ^ 1
    if k == 4:
        return (MIN) ^ MAX
    if k == 5:
        return (MIN) ^ 63
    if k == 6:
        return (-1) ^ (MIN)
    if k == 7:
        return (-1) ^ (-1)
    if k == 8:
        return (-1) ^ 0
    if k == 9:
        return (-1) ^ 1
    if k == 10:
        return (-1) ^ MAX
    if k == 11:
        return (-1) ^ 63
    if k == 12:
        return 0 ^ (MIN)
    if k == 13:
        return 0 ^ (-1)
    if k == 14:
        return 0 ^ 0
    if k == 15:
        return 0 ^ 1
    if k == 16:
        return 0 ^ MAX
    if k == 17:
        return 0 ^ 63
    if k == 18:
        return 1 ^ (MIN)
    if k == 19:
        return 1 ^ (-1)
    if k == 20:
        return 1 ^ 0
    if k == 21:
        return 1 ^ 1
    if k == 22:
        return 1 ^ MAX
    if k == 23:
        return 1 ^ 63
    if k == 24:
        return MAX ^ (MIN)
    if k == 25:
        return MAX ^ (-1)
    if k == 26:
        return MAX ^ 0
    if k == 27:
        return MAX ^ 1
    if k == 28:
        return MAX ^ MAX
    if k == 29:
        return MAX ^ 63
    return 0


# call: xor_folded(0)
# call: xor_folded(1)
# call: xor_folded(2)
# call: xor_folded(3)
# call: xor_folded(4)
# call: xor_folded(5)
# call: xor_folded(6)
# call: xor_folded(7)
# call: xor_folded(8)
# call: xor_folded(9)
# call: xor_folded(10)
# call: xor_folded(11)
# call: xor_folded(12)
# call: xor_folded(13)
# call: xor_folded(14)
# call: xor_folded(15)
# call: xor_folded(16)
# call: xor_folded(17)
# call: xor_folded(18)
# call: xor_folded(19)
# call: xor_folded(20)
# call: xor_folded(21)
# call: xor_folded(22)
# call: xor_folded(23)
# call: xor_folded(24)
# call: xor_folded(25)
# call: xor_folded(26)
# call: xor_folded(27)
# call: xor_folded(28)
# call: xor_folded(29)
