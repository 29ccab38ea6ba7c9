# for loops over ranges whose bounds and step are constants: the lowering
# decides the first test, so a range of one item is the body once (with
# break and continue still leaving it), a longer one is entered without a
# test, an empty one never runs (its variable stays unbound). Trip counts
# near the 64-bit edges and with steps that do not divide the span.

MAX = 9223372036854775807
MIN = -9223372036854775807 - 1


def once(n):
    s = n
    for i in range(1):
        s = s * 10 + i + 7
    for i in range(5, 6):
        s += i
    for i in range(3, -1, -4):
        s += i
    for i in range(0, 10, 10):
        s += i
    for i in range(0, 10, 11):
        s += 1
    return s * 100 + i


# call: once(0)
# call: once(-3)
# call: once(922337203685477)


def once_break_continue(n):
    s = 0
    for i in range(7, 8):
        if n > 5:
            break
        s += i
        if n > 2:
            continue
        s += 100
    for j in range(4, 3, -1):
        if n == 1:
            continue
        if n == 0:
            return -j
        s += j
    return s * 10 + i + j


# call: once_break_continue(0)
# call: once_break_continue(1)
# call: once_break_continue(3)
# call: once_break_continue(9)


def nested_once(n):
    s = 0
    for i in range(1):
        for j in range(3):
            for k in range(2, 3):
                if j == n:
                    break
                s = s * 7 + i + j + k
            else_ = s
        s += else_
    return s


# call: nested_once(0)
# call: nested_once(1)
# call: nested_once(5)


def two_or_more(n):
    s = n
    for i in range(2):
        s = s * 3 + i
    for i in range(10, 0, -3):
        s = s * 3 + i
    for i in range(0, 10, 9):
        s = s * 3 + i
    for i in range(-2, 2, 3):
        s = s * 3 + i
    return s * 1000 + i


# call: two_or_more(0)
# call: two_or_more(5)
# call: two_or_more(-12345)


def near_the_edges(n):
    s = n
    for i in range(MAX - 1, MAX):
        s += i & 0xFF
    for i in range(MAX - 2, MAX, 5):
        s += i & 0xFF
    for i in range(MIN, MIN + 2):
        s += i & 0xFF
    for i in range(MAX, MIN, -MAX):
        s += i & 0xFF
    for i in range(MIN, MAX, MAX):
        s += i & 0xFF
    for i in range(MAX, MIN, MIN):
        s += i & 0xFF
    for i in range(MIN, MAX, -1):
        s += 1000000
    return s


# call: near_the_edges(0)
# call: near_the_edges(-7)


def empty_leaves_unbound(n):
    for i in range(5, 5):
        n += 1
    for i in range(0, 3, -1):
        n += 1
    return n + i


# call: empty_leaves_unbound(1)


def once_returns(n):
    for i in range(1):
        if n > 0:
            return i + n
    return -1


# call: once_returns(4)
# call: once_returns(-4)
