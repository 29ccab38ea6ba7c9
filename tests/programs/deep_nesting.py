# Deep nesting in expressions, at the 100 levels the language guarantees:
# 100 nested parentheses around a binary operation, 100 around a name, 100
# unary operators in a row, 100 nested calls, a right-nested chain of 99
# conditional expressions, a 100-term sum, an and/or chain of 100 operands, a
# 50-link comparison chain, alternating operators 100 deep, and a
# 100-deep ** tower of ones, 100 nested builtin calls. (Generated; see each
# function's comment.)


def paren_binop(x):
    # x + 100 with each + in its own parentheses, 100 deep
    return ((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((x + 1) + 1) + 1) + 1) + 1) + 1) + 1) + 1) + 1) + 1) + 1) + 1) + 1) + 1) + 1) + 1) + 1) + 1) + 1) + 1) + 1) + 1) + 1) + 1) + 1) + 1) + 1) + 1) + 1) + 1) + 1) + 1) + 1) + 1) + 1) + 1) + 1) + 1) + 1) + 1) + 1) + 1) + 1) + 1) + 1) + 1) + 1) + 1) + 1) + 1) + 1) + 1) + 1) + 1) + 1) + 1) + 1) + 1) + 1) + 1) + 1) + 1) + 1) + 1) + 1) + 1) + 1) + 1) + 1) + 1) + 1) + 1) + 1) + 1) + 1) + 1) + 1) + 1) + 1) + 1) + 1) + 1) + 1) + 1) + 1) + 1) + 1) + 1) + 1) + 1) + 1) + 1) + 1) + 1) + 1) + 1) + 1) + 1) + 1) + 1)


# call: paren_binop(0)
# call: paren_binop(-100)
# call: paren_binop(9223372036854775707)
# call: paren_binop(9223372036854775708)


def paren_atom(x):
    # 100 parentheses around x
    return ((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((x))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))


# call: paren_atom(7)
# call: paren_atom(-9223372036854775808)


def unary_minus(x):
    # 100 unary minus operators: x
    return - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - x


# call: unary_minus(5)
# call: unary_minus(-9223372036854775807)
# The first minus already overflows (CPython answers MIN after 100 of them):
# expect: unary_minus(-9223372036854775808) -> OverflowError


def unary_invert(x):
    # 99 ~ operators: ~x
    return ~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~x


# call: unary_invert(5)
# call: unary_invert(-9223372036854775808)


def unary_not(x):
    # 100 not operators: the truth of x
    return not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not x


# call: unary_not(5)
# call: unary_not(0)


def unary_mixed(x):
    # -~x is x + 1, 50 times: x + 50
    return -~-~-~-~-~-~-~-~-~-~-~-~-~-~-~-~-~-~-~-~-~-~-~-~-~-~-~-~-~-~-~-~-~-~-~-~-~-~-~-~-~-~-~-~-~-~-~-~-~-~x


# call: unary_mixed(0)
# call: unary_mixed(9223372036854775757)
# call: unary_mixed(9223372036854775758)


def inc(x):
    return x + 1


def calls(x):
    # 100 nested calls of inc: x + 100
    return inc(inc(inc(inc(inc(inc(inc(inc(inc(inc(inc(inc(inc(inc(inc(inc(inc(inc(inc(inc(inc(inc(inc(inc(inc(inc(inc(inc(inc(inc(inc(inc(inc(inc(inc(inc(inc(inc(inc(inc(inc(inc(inc(inc(inc(inc(inc(inc(inc(inc(inc(inc(inc(inc(inc(inc(inc(inc(inc(inc(inc(inc(inc(inc(inc(inc(inc(inc(inc(inc(inc(inc(inc(inc(inc(inc(inc(inc(inc(inc(inc(inc(inc(inc(inc(inc(inc(inc(inc(inc(inc(inc(inc(inc(inc(inc(inc(inc(inc(inc(x))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))


# call: calls(0)
# call: calls(-5)


def cond_chain(x):
    # 99 right-nested conditional expressions: x * 10 for 0 <= x < 99, else -1
    return 0 if x == 0 else 10 if x == 1 else 20 if x == 2 else 30 if x == 3 else 40 if x == 4 else 50 if x == 5 else 60 if x == 6 else 70 if x == 7 else 80 if x == 8 else 90 if x == 9 else 100 if x == 10 else 110 if x == 11 else 120 if x == 12 else 130 if x == 13 else 140 if x == 14 else 150 if x == 15 else 160 if x == 16 else 170 if x == 17 else 180 if x == 18 else 190 if x == 19 else 200 if x == 20 else 210 if x == 21 else 220 if x == 22 else 230 if x == 23 else 240 if x == 24 else 250 if x == 25 else 260 if x == 26 else 270 if x == 27 else 280 if x == 28 else 290 if x == 29 else 300 if x == 30 else 310 if x == 31 else 320 if x == 32 else 330 if x == 33 else 340 if x == 34 else 350 if x == 35 else 360 if x == 36 else 370 if x == 37 else 380 if x == 38 else 390 if x == 39 else 400 if x == 40 else 410 if x == 41 else 420 if x == 42 else 430 if x == 43 else 440 if x == 44 else 450 if x == 45 else 460 if x == 46 else 470 if x == 47 else 480 if x == 48 else 490 if x == 49 else 500 if x == 50 else 510 if x == 51 else 520 if x == 52 else 530 if x == 53 else 540 if x == 54 else 550 if x == 55 else 560 if x == 56 else 570 if x == 57 else 580 if x == 58 else 590 if x == 59 else 600 if x == 60 else 610 if x == 61 else 620 if x == 62 else 630 if x == 63 else 640 if x == 64 else 650 if x == 65 else 660 if x == 66 else 670 if x == 67 else 680 if x == 68 else 690 if x == 69 else 700 if x == 70 else 710 if x == 71 else 720 if x == 72 else 730 if x == 73 else 740 if x == 74 else 750 if x == 75 else 760 if x == 76 else 770 if x == 77 else 780 if x == 78 else 790 if x == 79 else 800 if x == 80 else 810 if x == 81 else 820 if x == 82 else 830 if x == 83 else 840 if x == 84 else 850 if x == 85 else 860 if x == 86 else 870 if x == 87 else 880 if x == 88 else 890 if x == 89 else 900 if x == 90 else 910 if x == 91 else 920 if x == 92 else 930 if x == 93 else 940 if x == 94 else 950 if x == 95 else 960 if x == 96 else 970 if x == 97 else 980 if x == 98 else -1


# call: cond_chain(0)
# call: cond_chain(50)
# call: cond_chain(98)
# call: cond_chain(99)
# call: cond_chain(-1)


def long_sum(x):
    # x + x + ... 100 terms (left-nested 100 deep): 100 * x
    return x + x + x + x + x + x + x + x + x + x + x + x + x + x + x + x + x + x + x + x + x + x + x + x + x + x + x + x + x + x + x + x + x + x + x + x + x + x + x + x + x + x + x + x + x + x + x + x + x + x + x + x + x + x + x + x + x + x + x + x + x + x + x + x + x + x + x + x + x + x + x + x + x + x + x + x + x + x + x + x + x + x + x + x + x + x + x + x + x + x + x + x + x + x + x + x + x + x + x + x


# call: long_sum(1)
# call: long_sum(92233720368547758)
# call: long_sum(92233720368547759)


def and_chain(x):
    # 100 and-operands: the first false one (x + i == 0) or the last
    return x + 0 and x + 1 and x + 2 and x + 3 and x + 4 and x + 5 and x + 6 and x + 7 and x + 8 and x + 9 and x + 10 and x + 11 and x + 12 and x + 13 and x + 14 and x + 15 and x + 16 and x + 17 and x + 18 and x + 19 and x + 20 and x + 21 and x + 22 and x + 23 and x + 24 and x + 25 and x + 26 and x + 27 and x + 28 and x + 29 and x + 30 and x + 31 and x + 32 and x + 33 and x + 34 and x + 35 and x + 36 and x + 37 and x + 38 and x + 39 and x + 40 and x + 41 and x + 42 and x + 43 and x + 44 and x + 45 and x + 46 and x + 47 and x + 48 and x + 49 and x + 50 and x + 51 and x + 52 and x + 53 and x + 54 and x + 55 and x + 56 and x + 57 and x + 58 and x + 59 and x + 60 and x + 61 and x + 62 and x + 63 and x + 64 and x + 65 and x + 66 and x + 67 and x + 68 and x + 69 and x + 70 and x + 71 and x + 72 and x + 73 and x + 74 and x + 75 and x + 76 and x + 77 and x + 78 and x + 79 and x + 80 and x + 81 and x + 82 and x + 83 and x + 84 and x + 85 and x + 86 and x + 87 and x + 88 and x + 89 and x + 90 and x + 91 and x + 92 and x + 93 and x + 94 and x + 95 and x + 96 and x + 97 and x + 98 and x + 99


# call: and_chain(5)
# call: and_chain(-50)
# call: and_chain(-99)
# call: and_chain(-100)


def or_chain(x):
    # 100 or-operands: the first true one, or the last
    return x - 0 or x - 1 or x - 2 or x - 3 or x - 4 or x - 5 or x - 6 or x - 7 or x - 8 or x - 9 or x - 10 or x - 11 or x - 12 or x - 13 or x - 14 or x - 15 or x - 16 or x - 17 or x - 18 or x - 19 or x - 20 or x - 21 or x - 22 or x - 23 or x - 24 or x - 25 or x - 26 or x - 27 or x - 28 or x - 29 or x - 30 or x - 31 or x - 32 or x - 33 or x - 34 or x - 35 or x - 36 or x - 37 or x - 38 or x - 39 or x - 40 or x - 41 or x - 42 or x - 43 or x - 44 or x - 45 or x - 46 or x - 47 or x - 48 or x - 49 or x - 50 or x - 51 or x - 52 or x - 53 or x - 54 or x - 55 or x - 56 or x - 57 or x - 58 or x - 59 or x - 60 or x - 61 or x - 62 or x - 63 or x - 64 or x - 65 or x - 66 or x - 67 or x - 68 or x - 69 or x - 70 or x - 71 or x - 72 or x - 73 or x - 74 or x - 75 or x - 76 or x - 77 or x - 78 or x - 79 or x - 80 or x - 81 or x - 82 or x - 83 or x - 84 or x - 85 or x - 86 or x - 87 or x - 88 or x - 89 or x - 90 or x - 91 or x - 92 or x - 93 or x - 94 or x - 95 or x - 96 or x - 97 or x - 98 or x - 99


# call: or_chain(0)
# call: or_chain(5)
# call: or_chain(99)


def compare_chain(x):
    # a 50-link comparison chain, all links true
    return x + 0 < x + 1 < x + 2 < x + 3 < x + 4 < x + 5 < x + 6 < x + 7 < x + 8 < x + 9 < x + 10 < x + 11 < x + 12 < x + 13 < x + 14 < x + 15 < x + 16 < x + 17 < x + 18 < x + 19 < x + 20 < x + 21 < x + 22 < x + 23 < x + 24 < x + 25 < x + 26 < x + 27 < x + 28 < x + 29 < x + 30 < x + 31 < x + 32 < x + 33 < x + 34 < x + 35 < x + 36 < x + 37 < x + 38 < x + 39 < x + 40 < x + 41 < x + 42 < x + 43 < x + 44 < x + 45 < x + 46 < x + 47 < x + 48 < x + 49 < x + 50


# call: compare_chain(0)
# call: compare_chain(-9223372036854775808)
# call: compare_chain(9223372036854775757)
# x + 50 overflows in the last link (CPython answers 1):
# expect: compare_chain(9223372036854775758) -> OverflowError


def alternating(x):
    # 100 nested operations cycling through + * - // ^ |
    return ((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((x + 3) * 1) - 2) // 1) ^ 5) | 8) + 3) * 1) - 2) // 1) ^ 5) | 8) + 3) * 1) - 2) // 1) ^ 5) | 8) + 3) * 1) - 2) // 1) ^ 5) | 8) + 3) * 1) - 2) // 1) ^ 5) | 8) + 3) * 1) - 2) // 1) ^ 5) | 8) + 3) * 1) - 2) // 1) ^ 5) | 8) + 3) * 1) - 2) // 1) ^ 5) | 8) + 3) * 1) - 2) // 1) ^ 5) | 8) + 3) * 1) - 2) // 1) ^ 5) | 8) + 3) * 1) - 2) // 1) ^ 5) | 8) + 3) * 1) - 2) // 1) ^ 5) | 8) + 3) * 1) - 2) // 1) ^ 5) | 8) + 3) * 1) - 2) // 1) ^ 5) | 8) + 3) * 1) - 2) // 1) ^ 5) | 8) + 3) * 1) - 2) // 1) ^ 5) | 8) + 3) * 1) - 2) // 1)


# call: alternating(0)
# call: alternating(1000)
# call: alternating(-1000)


def pow_tower(x):
    # x ** 1 ** 1 ** ... (right-nested 100 deep): x
    return x ** 1 ** 1 ** 1 ** 1 ** 1 ** 1 ** 1 ** 1 ** 1 ** 1 ** 1 ** 1 ** 1 ** 1 ** 1 ** 1 ** 1 ** 1 ** 1 ** 1 ** 1 ** 1 ** 1 ** 1 ** 1 ** 1 ** 1 ** 1 ** 1 ** 1 ** 1 ** 1 ** 1 ** 1 ** 1 ** 1 ** 1 ** 1 ** 1 ** 1 ** 1 ** 1 ** 1 ** 1 ** 1 ** 1 ** 1 ** 1 ** 1 ** 1 ** 1 ** 1 ** 1 ** 1 ** 1 ** 1 ** 1 ** 1 ** 1 ** 1 ** 1 ** 1 ** 1 ** 1 ** 1 ** 1 ** 1 ** 1 ** 1 ** 1 ** 1 ** 1 ** 1 ** 1 ** 1 ** 1 ** 1 ** 1 ** 1 ** 1 ** 1 ** 1 ** 1 ** 1 ** 1 ** 1 ** 1 ** 1 ** 1 ** 1 ** 1 ** 1 ** 1 ** 1 ** 1 ** 1 ** 1 ** 1 ** 1


# call: pow_tower(7)
# call: pow_tower(-9223372036854775808)


def builtin_nest(x):
    # 50 max(.., min(..)) pairs: 100 nested builtin calls
    return max(max(max(max(max(max(max(max(max(max(max(max(max(max(max(max(max(max(max(max(max(max(max(max(max(max(max(max(max(max(max(max(max(max(max(max(max(max(max(max(max(max(max(max(max(max(max(max(max(max(x, min(x, 0)), min(x, 1)), min(x, 2)), min(x, 3)), min(x, 4)), min(x, 5)), min(x, 6)), min(x, 7)), min(x, 8)), min(x, 9)), min(x, 10)), min(x, 11)), min(x, 12)), min(x, 13)), min(x, 14)), min(x, 15)), min(x, 16)), min(x, 17)), min(x, 18)), min(x, 19)), min(x, 20)), min(x, 21)), min(x, 22)), min(x, 23)), min(x, 24)), min(x, 25)), min(x, 26)), min(x, 27)), min(x, 28)), min(x, 29)), min(x, 30)), min(x, 31)), min(x, 32)), min(x, 33)), min(x, 34)), min(x, 35)), min(x, 36)), min(x, 37)), min(x, 38)), min(x, 39)), min(x, 40)), min(x, 41)), min(x, 42)), min(x, 43)), min(x, 44)), min(x, 45)), min(x, 46)), min(x, 47)), min(x, 48)), min(x, 49))


# call: builtin_nest(3)
# call: builtin_nest(-3)
# call: builtin_nest(100)
