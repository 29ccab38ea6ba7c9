# Unary operators and one-operand builtins at the 64-bit edges, alone and
# combined: -x, +x, ~x, abs(x), not x, int(x), bool(x), -(-x), ~~x,
# abs(-x), -abs(x), - - -x, 0 - x, x * -1, x // -1, x % -1, -x // 1,
# abs(x) // 2, min(x, -x), max(x, 0) - min(x, 0). Where the minimum's
# negation leaves the range and CPython's big integer comes back into it,
# minijit stops with OverflowError (`# expect:`).


def f(w, a):
    if w == 0:
        return -a
    if w == 1:
        return +a
    if w == 2:
        return ~a
    if w == 3:
        return abs(a)
    if w == 4:
        return not a
    if w == 5:
        return int(a)
    if w == 6:
        return bool(a)
    if w == 7:
        return -(-a)
    if w == 8:
        return ~~a
    if w == 9:
        return abs(-a)
    if w == 10:
        return -abs(a)
    if w == 11:
        return - - - a
    if w == 12:
        return 0 - a
    if w == 13:
        return a * -1
    if w == 14:
        return a // -1
    if w == 15:
        return a % -1
    if w == 16:
        return -a // 1
    if w == 17:
        return abs(a) // 2
    if w == 18:
        return min(a, -a)
    if w == 19:
        return max(a, 0) - min(a, 0)
    return 0


# call: f(0, -9223372036854775808)
# call: f(0, -9223372036854775807)
# call: f(0, -2)
# call: f(0, -1)
# call: f(0, 0)
# call: f(0, 1)
# call: f(0, 2)
# call: f(0, 9223372036854775806)
# call: f(0, 9223372036854775807)
# call: f(1, -9223372036854775808)
# call: f(1, -9223372036854775807)
# call: f(1, -2)
# call: f(1, -1)
# call: f(1, 0)
# call: f(1, 1)
# call: f(1, 2)
# call: f(1, 9223372036854775806)
# call: f(1, 9223372036854775807)
# call: f(2, -9223372036854775808)
# call: f(2, -9223372036854775807)
# call: f(2, -2)
# call: f(2, -1)
# call: f(2, 0)
# call: f(2, 1)
# call: f(2, 2)
# call: f(2, 9223372036854775806)
# call: f(2, 9223372036854775807)
# call: f(3, -9223372036854775808)
# call: f(3, -9223372036854775807)
# call: f(3, -2)
# call: f(3, -1)
# call: f(3, 0)
# call: f(3, 1)
# call: f(3, 2)
# call: f(3, 9223372036854775806)
# call: f(3, 9223372036854775807)
# call: f(4, -9223372036854775808)
# call: f(4, -9223372036854775807)
# call: f(4, -2)
# call: f(4, -1)
# call: f(4, 0)
# call: f(4, 1)
# call: f(4, 2)
# call: f(4, 9223372036854775806)
# call: f(4, 9223372036854775807)
# call: f(5, -9223372036854775808)
# call: f(5, -9223372036854775807)
# call: f(5, -2)
# call: f(5, -1)
# call: f(5, 0)
# call: f(5, 1)
# call: f(5, 2)
# call: f(5, 9223372036854775806)
# call: f(5, 9223372036854775807)
# call: f(6, -9223372036854775808)
# call: f(6, -9223372036854775807)
# call: f(6, -2)
# call: f(6, -1)
# call: f(6, 0)
# call: f(6, 1)
# call: f(6, 2)
# call: f(6, 9223372036854775806)
# call: f(6, 9223372036854775807)
# expect: f(7, -9223372036854775808) -> OverflowError
# call: f(7, -9223372036854775807)
# call: f(7, -2)
# call: f(7, -1)
# call: f(7, 0)
# call: f(7, 1)
# call: f(7, 2)
# call: f(7, 9223372036854775806)
# call: f(7, 9223372036854775807)
# call: f(8, -9223372036854775808)
# call: f(8, -9223372036854775807)
# call: f(8, -2)
# call: f(8, -1)
# call: f(8, 0)
# call: f(8, 1)
# call: f(8, 2)
# call: f(8, 9223372036854775806)
# call: f(8, 9223372036854775807)
# call: f(9, -9223372036854775808)
# call: f(9, -9223372036854775807)
# call: f(9, -2)
# call: f(9, -1)
# call: f(9, 0)
# call: f(9, 1)
# call: f(9, 2)
# call: f(9, 9223372036854775806)
# call: f(9, 9223372036854775807)
# expect: f(10, -9223372036854775808) -> OverflowError
# call: f(10, -9223372036854775807)
# call: f(10, -2)
# call: f(10, -1)
# call: f(10, 0)
# call: f(10, 1)
# call: f(10, 2)
# call: f(10, 9223372036854775806)
# call: f(10, 9223372036854775807)
# call: f(11, -9223372036854775808)
# call: f(11, -9223372036854775807)
# call: f(11, -2)
# call: f(11, -1)
# call: f(11, 0)
# call: f(11, 1)
# call: f(11, 2)
# call: f(11, 9223372036854775806)
# call: f(11, 9223372036854775807)
# call: f(12, -9223372036854775808)
# call: f(12, -9223372036854775807)
# call: f(12, -2)
# call: f(12, -1)
# call: f(12, 0)
# call: f(12, 1)
# call: f(12, 2)
# call: f(12, 9223372036854775806)
# call: f(12, 9223372036854775807)
# call: f(13, -9223372036854775808)
# call: f(13, -9223372036854775807)
# call: f(13, -2)
# call: f(13, -1)
# call: f(13, 0)
# call: f(13, 1)
# call: f(13, 2)
# call: f(13, 9223372036854775806)
# call: f(13, 9223372036854775807)
# call: f(14, -9223372036854775808)
# call: f(14, -9223372036854775807)
# call: f(14, -2)
# call: f(14, -1)
# call: f(14, 0)
# call: f(14, 1)
# call: f(14, 2)
# call: f(14, 9223372036854775806)
# call: f(14, 9223372036854775807)
# call: f(15, -9223372036854775808)
# call: f(15, -9223372036854775807)
# call: f(15, -2)
# call: f(15, -1)
# call: f(15, 0)
# call: f(15, 1)
# call: f(15, 2)
# call: f(15, 9223372036854775806)
# call: f(15, 9223372036854775807)
# call: f(16, -9223372036854775808)
# call: f(16, -9223372036854775807)
# call: f(16, -2)
# call: f(16, -1)
# call: f(16, 0)
# call: f(16, 1)
# call: f(16, 2)
# call: f(16, 9223372036854775806)
# call: f(16, 9223372036854775807)
# expect: f(17, -9223372036854775808) -> OverflowError
# call: f(17, -9223372036854775807)
# call: f(17, -2)
# call: f(17, -1)
# call: f(17, 0)
# call: f(17, 1)
# call: f(17, 2)
# call: f(17, 9223372036854775806)
# call: f(17, 9223372036854775807)
# expect: f(18, -9223372036854775808) -> OverflowError
# call: f(18, -9223372036854775807)
# call: f(18, -2)
# call: f(18, -1)
# call: f(18, 0)
# call: f(18, 1)
# call: f(18, 2)
# call: f(18, 9223372036854775806)
# call: f(18, 9223372036854775807)
# call: f(19, -9223372036854775808)
# call: f(19, -9223372036854775807)
# call: f(19, -2)
# call: f(19, -1)
# call: f(19, 0)
# call: f(19, 1)
# call: f(19, 2)
# call: f(19, 9223372036854775806)
# call: f(19, 9223372036854775807)
