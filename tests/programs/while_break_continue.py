# while loops: counting loops, loops that never run, break and continue (also
# inside nested ifs), nested loops where break and continue only affect the
# innermost loop, complex conditions evaluated before every iteration, and
# loop variables still set after the loop.


def count_down(n):
    c = 0
    while n > 0:
        n -= 1
        c += 1
    return c


# call: count_down(0)
# call: count_down(-5)
# call: count_down(10)


def sum_to(n):
    s = 0
    i = 1
    while i <= n:
        s += i
        i += 1
    return s


# call: sum_to(0)
# call: sum_to(100)
# call: sum_to(10000)


def first_divisor(n):
    d = 2
    while d * d <= n:
        if n % d == 0:
            break
        d += 1
    if d * d > n:
        return n
    return d


# call: first_divisor(97)
# call: first_divisor(91)
# call: first_divisor(1000003)
# call: first_divisor(4)


def skip_multiples(n, k):
    # Sum of 1..n leaving out multiples of k.
    s = 0
    i = 0
    while i < n:
        i += 1
        if i % k == 0:
            continue
        s += i
    return s


# call: skip_multiples(10, 3)
# call: skip_multiples(100, 7)
# call: skip_multiples(5, 1)


def nested_break(n):
    # Count pairs (i, j), j < i, stopping each inner loop at the first j with
    # i * j > n.
    count = 0
    i = 0
    while i < 10:
        j = 0
        while j < i:
            if i * j > n:
                break
            count += 1
            j += 1
        i += 1
    return count * 100 + i * 10 + j


# call: nested_break(0)
# call: nested_break(20)
# call: nested_break(1000)


def nested_continue(n):
    total = 0
    i = 0
    while i < n:
        i += 1
        if i % 2 == 0:
            continue
        j = 0
        while j < i:
            j += 1
            if j % 3 == 0:
                continue
            total += j
    return total


# call: nested_continue(0)
# call: nested_continue(7)
# call: nested_continue(30)


def break_and_continue(n):
    i = 0
    s = 0
    while i < 1000:
        i += 1
        if i > n:
            break
        elif i % 5 == 0:
            continue
        else:
            s += i
    return s * 10000 + i


# call: break_and_continue(0)
# call: break_and_continue(12)
# call: break_and_continue(5000)


def collatz_steps(x):
    count = 0
    while x != 1:
        if x % 2 == 0:
            x = x // 2
        else:
            x = 3 * x + 1
        count += 1
    return count


# call: collatz_steps(1)
# call: collatz_steps(27)
# call: collatz_steps(837799)


def condition_recomputed(n):
    # The condition reads variables the body changes.
    a = 0
    b = n
    while a < b and b - a != 1:
        a += 2
        b -= 1
    return a * 1000 + b


# call: condition_recomputed(10)
# call: condition_recomputed(11)
# call: condition_recomputed(0)


def continue_in_last_position(n):
    s = 0
    while n > 0:
        n -= 1
        s += n
        continue
    return s


# call: continue_in_last_position(10)


def break_first(n):
    while n > 0:
        break
    return n


# call: break_first(5)
# call: break_first(-5)
