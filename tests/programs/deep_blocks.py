# Deeply nested blocks: 60 nested ifs; 98 nested ifs inside a function
# body (99 indentation levels, the most CPython's tokenizer accepts, just
# under the 100 levels the language guarantees); 19 nested loops mixing for
# and while (CPython refuses more than 20 nested loops); ifs with else
# branches at every level; a return from the innermost level. (Generated.)


def ifs60(n):
    # 60 nested ifs: 60000 when n > 59, else n
    if n > 0:
        if n > 1:
            if n > 2:
                if n > 3:
                    if n > 4:
                        if n > 5:
                            if n > 6:
                                if n > 7:
                                    if n > 8:
                                        if n > 9:
                                            if n > 10:
                                                if n > 11:
                                                    if n > 12:
                                                        if n > 13:
                                                            if n > 14:
                                                                if n > 15:
                                                                    if n > 16:
                                                                        if n > 17:
                                                                            if n > 18:
                                                                                if n > 19:
                                                                                    if n > 20:
                                                                                        if n > 21:
                                                                                            if n > 22:
                                                                                                if n > 23:
                                                                                                    if n > 24:
                                                                                                        if n > 25:
                                                                                                            if n > 26:
                                                                                                                if n > 27:
                                                                                                                    if n > 28:
                                                                                                                        if n > 29:
                                                                                                                            if n > 30:
                                                                                                                                if n > 31:
                                                                                                                                    if n > 32:
                                                                                                                                        if n > 33:
                                                                                                                                            if n > 34:
                                                                                                                                                if n > 35:
                                                                                                                                                    if n > 36:
                                                                                                                                                        if n > 37:
                                                                                                                                                            if n > 38:
                                                                                                                                                                if n > 39:
                                                                                                                                                                    if n > 40:
                                                                                                                                                                        if n > 41:
                                                                                                                                                                            if n > 42:
                                                                                                                                                                                if n > 43:
                                                                                                                                                                                    if n > 44:
                                                                                                                                                                                        if n > 45:
                                                                                                                                                                                            if n > 46:
                                                                                                                                                                                                if n > 47:
                                                                                                                                                                                                    if n > 48:
                                                                                                                                                                                                        if n > 49:
                                                                                                                                                                                                            if n > 50:
                                                                                                                                                                                                                if n > 51:
                                                                                                                                                                                                                    if n > 52:
                                                                                                                                                                                                                        if n > 53:
                                                                                                                                                                                                                            if n > 54:
                                                                                                                                                                                                                                if n > 55:
                                                                                                                                                                                                                                    if n > 56:
                                                                                                                                                                                                                                        if n > 57:
                                                                                                                                                                                                                                            if n > 58:
                                                                                                                                                                                                                                                if n > 59:
                                                                                                                                                                                                                                                    return 60000
    return n


# call: ifs60(0)
# call: ifs60(59)
# call: ifs60(60)
# call: ifs60(-9223372036854775808)
# call: ifs60(9223372036854775807)


def ifs98(n):
    # 98 nested ifs: 98000 when n > 97, else n
    if n > 0:
        if n > 1:
            if n > 2:
                if n > 3:
                    if n > 4:
                        if n > 5:
                            if n > 6:
                                if n > 7:
                                    if n > 8:
                                        if n > 9:
                                            if n > 10:
                                                if n > 11:
                                                    if n > 12:
                                                        if n > 13:
                                                            if n > 14:
                                                                if n > 15:
                                                                    if n > 16:
                                                                        if n > 17:
                                                                            if n > 18:
                                                                                if n > 19:
                                                                                    if n > 20:
                                                                                        if n > 21:
                                                                                            if n > 22:
                                                                                                if n > 23:
                                                                                                    if n > 24:
                                                                                                        if n > 25:
                                                                                                            if n > 26:
                                                                                                                if n > 27:
                                                                                                                    if n > 28:
                                                                                                                        if n > 29:
                                                                                                                            if n > 30:
                                                                                                                                if n > 31:
                                                                                                                                    if n > 32:
                                                                                                                                        if n > 33:
                                                                                                                                            if n > 34:
                                                                                                                                                if n > 35:
                                                                                                                                                    if n > 36:
                                                                                                                                                        if n > 37:
                                                                                                                                                            if n > 38:
                                                                                                                                                                if n > 39:
                                                                                                                                                                    if n > 40:
                                                                                                                                                                        if n > 41:
                                                                                                                                                                            if n > 42:
                                                                                                                                                                                if n > 43:
                                                                                                                                                                                    if n > 44:
                                                                                                                                                                                        if n > 45:
                                                                                                                                                                                            if n > 46:
                                                                                                                                                                                                if n > 47:
                                                                                                                                                                                                    if n > 48:
                                                                                                                                                                                                        if n > 49:
                                                                                                                                                                                                            if n > 50:
                                                                                                                                                                                                                if n > 51:
                                                                                                                                                                                                                    if n > 52:
                                                                                                                                                                                                                        if n > 53:
                                                                                                                                                                                                                            if n > 54:
                                                                                                                                                                                                                                if n > 55:
                                                                                                                                                                                                                                    if n > 56:
                                                                                                                                                                                                                                        if n > 57:
                                                                                                                                                                                                                                            if n > 58:
                                                                                                                                                                                                                                                if n > 59:
                                                                                                                                                                                                                                                    if n > 60:
                                                                                                                                                                                                                                                        if n > 61:
                                                                                                                                                                                                                                                            if n > 62:
                                                                                                                                                                                                                                                                if n > 63:
                                                                                                                                                                                                                                                                    if n > 64:
                                                                                                                                                                                                                                                                        if n > 65:
                                                                                                                                                                                                                                                                            if n > 66:
                                                                                                                                                                                                                                                                                if n > 67:
                                                                                                                                                                                                                                                                                    if n > 68:
                                                                                                                                                                                                                                                                                        if n > 69:
                                                                                                                                                                                                                                                                                            if n > 70:
                                                                                                                                                                                                                                                                                                if n > 71:
                                                                                                                                                                                                                                                                                                    if n > 72:
                                                                                                                                                                                                                                                                                                        if n > 73:
                                                                                                                                                                                                                                                                                                            if n > 74:
                                                                                                                                                                                                                                                                                                                if n > 75:
                                                                                                                                                                                                                                                                                                                    if n > 76:
                                                                                                                                                                                                                                                                                                                        if n > 77:
                                                                                                                                                                                                                                                                                                                            if n > 78:
                                                                                                                                                                                                                                                                                                                                if n > 79:
                                                                                                                                                                                                                                                                                                                                    if n > 80:
                                                                                                                                                                                                                                                                                                                                        if n > 81:
                                                                                                                                                                                                                                                                                                                                            if n > 82:
                                                                                                                                                                                                                                                                                                                                                if n > 83:
                                                                                                                                                                                                                                                                                                                                                    if n > 84:
                                                                                                                                                                                                                                                                                                                                                        if n > 85:
                                                                                                                                                                                                                                                                                                                                                            if n > 86:
                                                                                                                                                                                                                                                                                                                                                                if n > 87:
                                                                                                                                                                                                                                                                                                                                                                    if n > 88:
                                                                                                                                                                                                                                                                                                                                                                        if n > 89:
                                                                                                                                                                                                                                                                                                                                                                            if n > 90:
                                                                                                                                                                                                                                                                                                                                                                                if n > 91:
                                                                                                                                                                                                                                                                                                                                                                                    if n > 92:
                                                                                                                                                                                                                                                                                                                                                                                        if n > 93:
                                                                                                                                                                                                                                                                                                                                                                                            if n > 94:
                                                                                                                                                                                                                                                                                                                                                                                                if n > 95:
                                                                                                                                                                                                                                                                                                                                                                                                    if n > 96:
                                                                                                                                                                                                                                                                                                                                                                                                        if n > 97:
                                                                                                                                                                                                                                                                                                                                                                                                            return 98000
    return n


# call: ifs98(97)
# call: ifs98(98)
# call: ifs98(-1)


def if_else50(n):
    # 50 levels of if n > i: s += i + 1 (and deeper) / else: s -= i; the
    # innermost level doubles s.
    s = 0
    if n > 0:
        s += 1
        if n > 1:
            s += 2
            if n > 2:
                s += 3
                if n > 3:
                    s += 4
                    if n > 4:
                        s += 5
                        if n > 5:
                            s += 6
                            if n > 6:
                                s += 7
                                if n > 7:
                                    s += 8
                                    if n > 8:
                                        s += 9
                                        if n > 9:
                                            s += 10
                                            if n > 10:
                                                s += 11
                                                if n > 11:
                                                    s += 12
                                                    if n > 12:
                                                        s += 13
                                                        if n > 13:
                                                            s += 14
                                                            if n > 14:
                                                                s += 15
                                                                if n > 15:
                                                                    s += 16
                                                                    if n > 16:
                                                                        s += 17
                                                                        if n > 17:
                                                                            s += 18
                                                                            if n > 18:
                                                                                s += 19
                                                                                if n > 19:
                                                                                    s += 20
                                                                                    if n > 20:
                                                                                        s += 21
                                                                                        if n > 21:
                                                                                            s += 22
                                                                                            if n > 22:
                                                                                                s += 23
                                                                                                if n > 23:
                                                                                                    s += 24
                                                                                                    if n > 24:
                                                                                                        s += 25
                                                                                                        if n > 25:
                                                                                                            s += 26
                                                                                                            if n > 26:
                                                                                                                s += 27
                                                                                                                if n > 27:
                                                                                                                    s += 28
                                                                                                                    if n > 28:
                                                                                                                        s += 29
                                                                                                                        if n > 29:
                                                                                                                            s += 30
                                                                                                                            if n > 30:
                                                                                                                                s += 31
                                                                                                                                if n > 31:
                                                                                                                                    s += 32
                                                                                                                                    if n > 32:
                                                                                                                                        s += 33
                                                                                                                                        if n > 33:
                                                                                                                                            s += 34
                                                                                                                                            if n > 34:
                                                                                                                                                s += 35
                                                                                                                                                if n > 35:
                                                                                                                                                    s += 36
                                                                                                                                                    if n > 36:
                                                                                                                                                        s += 37
                                                                                                                                                        if n > 37:
                                                                                                                                                            s += 38
                                                                                                                                                            if n > 38:
                                                                                                                                                                s += 39
                                                                                                                                                                if n > 39:
                                                                                                                                                                    s += 40
                                                                                                                                                                    if n > 40:
                                                                                                                                                                        s += 41
                                                                                                                                                                        if n > 41:
                                                                                                                                                                            s += 42
                                                                                                                                                                            if n > 42:
                                                                                                                                                                                s += 43
                                                                                                                                                                                if n > 43:
                                                                                                                                                                                    s += 44
                                                                                                                                                                                    if n > 44:
                                                                                                                                                                                        s += 45
                                                                                                                                                                                        if n > 45:
                                                                                                                                                                                            s += 46
                                                                                                                                                                                            if n > 46:
                                                                                                                                                                                                s += 47
                                                                                                                                                                                                if n > 47:
                                                                                                                                                                                                    s += 48
                                                                                                                                                                                                    if n > 48:
                                                                                                                                                                                                        s += 49
                                                                                                                                                                                                        if n > 49:
                                                                                                                                                                                                            s += 50
                                                                                                                                                                                                            s *= 2
                                                                                                                                                                                                        else:
                                                                                                                                                                                                            s -= 49
                                                                                                                                                                                                    else:
                                                                                                                                                                                                        s -= 48
                                                                                                                                                                                                else:
                                                                                                                                                                                                    s -= 47
                                                                                                                                                                                            else:
                                                                                                                                                                                                s -= 46
                                                                                                                                                                                        else:
                                                                                                                                                                                            s -= 45
                                                                                                                                                                                    else:
                                                                                                                                                                                        s -= 44
                                                                                                                                                                                else:
                                                                                                                                                                                    s -= 43
                                                                                                                                                                            else:
                                                                                                                                                                                s -= 42
                                                                                                                                                                        else:
                                                                                                                                                                            s -= 41
                                                                                                                                                                    else:
                                                                                                                                                                        s -= 40
                                                                                                                                                                else:
                                                                                                                                                                    s -= 39
                                                                                                                                                            else:
                                                                                                                                                                s -= 38
                                                                                                                                                        else:
                                                                                                                                                            s -= 37
                                                                                                                                                    else:
                                                                                                                                                        s -= 36
                                                                                                                                                else:
                                                                                                                                                    s -= 35
                                                                                                                                            else:
                                                                                                                                                s -= 34
                                                                                                                                        else:
                                                                                                                                            s -= 33
                                                                                                                                    else:
                                                                                                                                        s -= 32
                                                                                                                                else:
                                                                                                                                    s -= 31
                                                                                                                            else:
                                                                                                                                s -= 30
                                                                                                                        else:
                                                                                                                            s -= 29
                                                                                                                    else:
                                                                                                                        s -= 28
                                                                                                                else:
                                                                                                                    s -= 27
                                                                                                            else:
                                                                                                                s -= 26
                                                                                                        else:
                                                                                                            s -= 25
                                                                                                    else:
                                                                                                        s -= 24
                                                                                                else:
                                                                                                    s -= 23
                                                                                            else:
                                                                                                s -= 22
                                                                                        else:
                                                                                            s -= 21
                                                                                    else:
                                                                                        s -= 20
                                                                                else:
                                                                                    s -= 19
                                                                            else:
                                                                                s -= 18
                                                                        else:
                                                                            s -= 17
                                                                    else:
                                                                        s -= 16
                                                                else:
                                                                    s -= 15
                                                            else:
                                                                s -= 14
                                                        else:
                                                            s -= 13
                                                    else:
                                                        s -= 12
                                                else:
                                                    s -= 11
                                            else:
                                                s -= 10
                                        else:
                                            s -= 9
                                    else:
                                        s -= 8
                                else:
                                    s -= 7
                            else:
                                s -= 6
                        else:
                            s -= 5
                    else:
                        s -= 4
                else:
                    s -= 3
            else:
                s -= 2
        else:
            s -= 1
    else:
        s -= 0
    return s


# call: if_else50(0)
# call: if_else50(25)
# call: if_else50(50)


def loops19(n):
    # 19 nested loops, alternating for and while, each running n times at
    # most while the total stays small (loops past the fourth run once).
    c = 0
    for i0 in range(n):
        w1 = 0
        while w1 < n:
            w1 += 1
            for i2 in range(n):
                w3 = 0
                while w3 < n:
                    w3 += 1
                    for i4 in range(1):
                        w5 = 0
                        while w5 < 1:
                            w5 += 1
                            for i6 in range(1):
                                w7 = 0
                                while w7 < 1:
                                    w7 += 1
                                    for i8 in range(1):
                                        w9 = 0
                                        while w9 < 1:
                                            w9 += 1
                                            for i10 in range(1):
                                                w11 = 0
                                                while w11 < 1:
                                                    w11 += 1
                                                    for i12 in range(1):
                                                        w13 = 0
                                                        while w13 < 1:
                                                            w13 += 1
                                                            for i14 in range(1):
                                                                w15 = 0
                                                                while w15 < 1:
                                                                    w15 += 1
                                                                    for i16 in range(1):
                                                                        w17 = 0
                                                                        while w17 < 1:
                                                                            w17 += 1
                                                                            for i18 in range(1):
                                                                                c += 1
    return c


# call: loops19(0)
# call: loops19(1)
# call: loops19(3)


def return_from_depth(n):
    # A while True around 40 nested ifs; the innermost returns.
    while True:
        if n >= 0:
            if n >= 1:
                if n >= 2:
                    if n >= 3:
                        if n >= 4:
                            if n >= 5:
                                if n >= 6:
                                    if n >= 7:
                                        if n >= 8:
                                            if n >= 9:
                                                if n >= 10:
                                                    if n >= 11:
                                                        if n >= 12:
                                                            if n >= 13:
                                                                if n >= 14:
                                                                    if n >= 15:
                                                                        if n >= 16:
                                                                            if n >= 17:
                                                                                if n >= 18:
                                                                                    if n >= 19:
                                                                                        if n >= 20:
                                                                                            if n >= 21:
                                                                                                if n >= 22:
                                                                                                    if n >= 23:
                                                                                                        if n >= 24:
                                                                                                            if n >= 25:
                                                                                                                if n >= 26:
                                                                                                                    if n >= 27:
                                                                                                                        if n >= 28:
                                                                                                                            if n >= 29:
                                                                                                                                if n >= 30:
                                                                                                                                    if n >= 31:
                                                                                                                                        if n >= 32:
                                                                                                                                            if n >= 33:
                                                                                                                                                if n >= 34:
                                                                                                                                                    if n >= 35:
                                                                                                                                                        if n >= 36:
                                                                                                                                                            if n >= 37:
                                                                                                                                                                if n >= 38:
                                                                                                                                                                    if n >= 39:
                                                                                                                                                                        return n * 2
        n += 1


# call: return_from_depth(39)
# call: return_from_depth(0)
# call: return_from_depth(-5)
