# While loops whose condition is a constant true value other than True or 1
# (2, -1, not 0, (0x1), 1 == 1, True and 3, a module constant whose last
# value is true) never end by themselves: a function ending with such a loop
# without a break needs no return after it; breaks of inner loops do not
# leave it; a None function leaves one by a break.


ON = 0
TWO = 1


def w_two(n):
    while 2:
        if n > 5:
            return n
        n += 1


# call: w_two(0)
# call: w_two(9)


def w_neg(n):
    while -1:
        n += 3
        if n % 7 == 0:
            return n


# call: w_neg(0)


def w_not(n):
    while not 0:
        return n * 2


# call: w_not(4)


def w_paren_hex(n):
    while (0x1):
        n -= 1
        if n < 0:
            return n


# call: w_paren_hex(3)


def w_compare(n):
    while 1 == 1:
        return n + 1


# call: w_compare(4)


def w_and(n):
    while True and 3:
        return n + 2


# call: w_and(4)


def w_const(n):
    # ON is 0 where this is defined and 1 at the end of the module: the
    # function sees the last value.
    while ON:
        if n > 2:
            return n
        n += 1


# call: w_const(0)
# call: w_const(7)


def w_const_two(n):
    while TWO:
        return n * 3


# call: w_const_two(5)


def w_inner_break(n):
    while 5:
        while 1:
            break
        for i in range(n):
            if i > 2:
                break
        return n


# call: w_inner_break(9)


def w_none(x: list[int]):
    # A None function: its while 2 loop is left by a break.
    while 2:
        x[0] += 1
        if x[0] > 3:
            break


# call: w_none([0])


ON = 1
TWO = TWO + 1
