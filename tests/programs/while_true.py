# `while True:` / `while 1:` never end by themselves: a function whose last
# statement is such a loop without a break needs no return after it, even when
# the loop body contains an inner loop with its own break (that break only
# leaves the inner loop). With a break at the loop's own level (also inside an
# if), the loop can end and a return follows.


def find_square_above(n):
    i = 0
    while True:
        if i * i > n:
            return i
        i += 1


# call: find_square_above(0)
# call: find_square_above(99)
# call: find_square_above(100)


def while_one(n):
    i = n
    while 1:
        i += 1
        if i % 7 == 0:
            return i


# call: while_one(0)
# call: while_one(7)
# call: while_one(-20)


def with_break(n):
    i = 0
    while True:
        i += 3
        if i >= n:
            break
    return i


# call: with_break(0)
# call: with_break(10)


def break_in_elif(n):
    steps = 0
    while 1:
        steps += 1
        if n == 1:
            break
        elif n % 2 == 0:
            n //= 2
        else:
            n = 3 * n + 1
    return steps


# call: break_in_elif(1)
# call: break_in_elif(27)


def inner_break_only(n):
    # The break belongs to the for loop; the while True still never ends.
    total = 0
    while True:
        for i in range(100):
            if i >= n:
                break
            total += i
        n += 1
        if total > 50:
            return total * 1000 + n


# call: inner_break_only(0)
# call: inner_break_only(3)
# call: inner_break_only(11)


def inner_while_break(n):
    # A while True inside a while True: the inner break leaves only the inner one.
    rounds = 0
    while True:
        rounds += 1
        while True:
            n -= 1
            if n % 5 == 0:
                break
        if n < 0:
            return rounds * 100 + n


# call: inner_while_break(0)
# call: inner_while_break(23)


def continue_in_while_true(n):
    i = 0
    s = 0
    while True:
        i += 1
        if i % 2 == 0:
            continue
        if i > n:
            return s
        s += i


# call: continue_in_while_true(0)
# call: continue_in_while_true(10)


def while_true_then_more(n):
    # Statements after a loop with a break run.
    i = 0
    while True:
        i += 1
        if i == n:
            break
    i *= 10
    while True:
        i += 1
        if i % 4 == 0:
            break
    return i


# call: while_true_then_more(1)
# call: while_true_then_more(5)


def nested_in_if(n):
    if n < 0:
        return -1
    else:
        while True:
            n -= 3
            if n < 0:
                return n


# call: nested_in_if(-4)
# call: nested_in_if(10)


def gcd_loop(a, b):
    while True:
        if b == 0:
            return a
        a, b = b, a % b


# call: gcd_loop(48, 18)
# call: gcd_loop(17, 0)
# call: gcd_loop(0, 17)
# call: gcd_loop(-48, 18)
