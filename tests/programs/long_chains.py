# Values live across many blocks: the parameters of a long `and`/`or`
# chain and a value made before a long run of `if`s and read after it.
# (The backend takes the blocks of a value live in more than 64 of them,
# and a quarter of the function's, in code order from a walk over all
# blocks instead of sorting them.)


def chain(a, b):
    return (
        a < 0 < b and a < 2 < b and a < 4 < b or a < 6 < b and a < 8 < b
        and a < 10 < b or a < 12 < b and a < 14 < b and a < 16 < b
        or a < 18 < b and a < 20 < b and a < 22 < b or a < 24 < b
        and a < 26 < b and a < 28 < b or a < 30 < b and a < 32 < b
        and a < 34 < b or a < 36 < b and a < 38 < b and a < 40 < b
        or a < 42 < b and a < 44 < b and a < 46 < b or a < 48 < b
        and a < 50 < b and a < 52 < b or a < 54 < b and a < 56 < b
        and a < 58 < b or a < 60 < b and a < 62 < b and a < 64 < b
        or a < 66 < b and a < 68 < b and a < 70 < b or a < 72 < b
        and a < 74 < b and a < 76 < b or a < 78 < b and a < 80 < b
        and a < 82 < b or a < 84 < b and a < 86 < b and a < 88 < b
        or a < 90 < b and a < 92 < b and a < 94 < b or a < 96 < b
        and a < 98 < b and a < 100 < b or a < 102 < b and a < 104 < b
        and a < 106 < b or a < 108 < b and a < 110 < b and a < 112 < b
        or a < 114 < b and a < 116 < b and a < 118 < b or a < 120 < b
        and a < 122 < b and a < 124 < b or a < 126 < b and a < 128 < b
        and a < 130 < b or a < 132 < b and a < 134 < b and a < 136 < b
        or a < 138 < b and a < 140 < b and a < 142 < b or a < 144 < b
        and a < 146 < b and a < 148 < b or a < 150 < b and a < 152 < b
        and a < 154 < b or a < 156 < b and a < 158 < b and a < 160 < b
        or a < 162 < b and a < 164 < b and a < 166 < b or a < 168 < b
        and a < 170 < b and a < 172 < b or a < 174 < b and a < 176 < b
        and a < 178 < b or a < 180 < b and a < 182 < b and a < 184 < b
        or a < 186 < b and a < 188 < b and a < 190 < b or a < 192 < b
        and a < 194 < b and a < 196 < b or a < 198 < b and a < 200 < b
        and a < 202 < b or a < 204 < b and a < 206 < b and a < 208 < b
        or a < 210 < b and a < 212 < b and a < 214 < b or a < 216 < b
        and a < 218 < b and a < 220 < b or a < 222 < b and a < 224 < b
        and a < 226 < b or a < 228 < b and a < 230 < b and a < 232 < b
        or a < 234 < b and a < 236 < b and a < 238 < b
    )


# call: chain(0, 1)
# call: chain(-1, 300)
# call: chain(5, 7)
# call: chain(238, 240)
# call: chain(100, 101)
# call: chain(-5, 1000)


def long_ifs(x, y):
    keep = x * 3 - y
    if y < 0:
        x = x - 1
    if x > 1:
        y = y + 1
    if y < 14:
        x = x - 1
    if x > 3:
        y = y + 3
    if y < 28:
        x = x - 1
    if x > 5:
        y = y + 5
    if y < 42:
        x = x - 1
    if x > 7:
        y = y + 7
    if y < 56:
        x = x - 1
    if x > 9:
        y = y + 9
    if y < 70:
        x = x - 1
    if x > 11:
        y = y + 11
    if y < 84:
        x = x - 1
    if x > 13:
        y = y + 13
    if y < 98:
        x = x - 1
    if x > 15:
        y = y + 15
    if y < 112:
        x = x - 1
    if x > 17:
        y = y + 17
    if y < 126:
        x = x - 1
    if x > 19:
        y = y + 19
    if y < 140:
        x = x - 1
    if x > 21:
        y = y + 21
    if y < 154:
        x = x - 1
    if x > 23:
        y = y + 23
    if y < 168:
        x = x - 1
    if x > 25:
        y = y + 25
    if y < 182:
        x = x - 1
    if x > 27:
        y = y + 27
    if y < 196:
        x = x - 1
    if x > 29:
        y = y + 29
    if y < 210:
        x = x - 1
    if x > 31:
        y = y + 31
    if y < 224:
        x = x - 1
    if x > 33:
        y = y + 33
    if y < 238:
        x = x - 1
    if x > 35:
        y = y + 35
    if y < 252:
        x = x - 1
    if x > 37:
        y = y + 37
    if y < 266:
        x = x - 1
    if x > 39:
        y = y + 39
    if y < 280:
        x = x - 1
    if x > 41:
        y = y + 41
    if y < 294:
        x = x - 1
    if x > 43:
        y = y + 43
    if y < 308:
        x = x - 1
    if x > 45:
        y = y + 45
    if y < 322:
        x = x - 1
    if x > 47:
        y = y + 47
    if y < 336:
        x = x - 1
    if x > 49:
        y = y + 49
    if y < 350:
        x = x - 1
    if x > 51:
        y = y + 51
    if y < 364:
        x = x - 1
    if x > 53:
        y = y + 53
    if y < 378:
        x = x - 1
    if x > 55:
        y = y + 55
    if y < 392:
        x = x - 1
    if x > 57:
        y = y + 57
    if y < 406:
        x = x - 1
    if x > 59:
        y = y + 59
    if y < 420:
        x = x - 1
    if x > 61:
        y = y + 61
    if y < 434:
        x = x - 1
    if x > 63:
        y = y + 63
    if y < 448:
        x = x - 1
    if x > 65:
        y = y + 65
    if y < 462:
        x = x - 1
    if x > 67:
        y = y + 67
    if y < 476:
        x = x - 1
    if x > 69:
        y = y + 69
    if y < 490:
        x = x - 1
    if x > 71:
        y = y + 71
    if y < 504:
        x = x - 1
    if x > 73:
        y = y + 73
    if y < 518:
        x = x - 1
    if x > 75:
        y = y + 75
    if y < 532:
        x = x - 1
    if x > 77:
        y = y + 77
    if y < 546:
        x = x - 1
    if x > 79:
        y = y + 79
    return keep + x * 1000 + y


# call: long_ifs(0, 0)
# call: long_ifs(50, -20)
# call: long_ifs(100, 1000)
# call: long_ifs(-9223372036854775807, 3)
# call: long_ifs(3074457345618258602, 0)
