# for v in range(...): the three forms, negative steps, empty ranges, steps
# that would step past the 64-bit edges (the loop must stop, not overflow or
# wrap: range(9223372036854775800, 9223372036854775807, 5)), ranges near MIN
# with negative steps, bounds evaluated once, the loop variable reassigned in
# the body (the next iteration is not affected), the loop variable after the
# loop (its last value; unbound if the loop never ran), break and continue.

MAX = 9223372036854775807
MIN = -9223372036854775807 - 1


def one_arg(n):
    s = 0
    for i in range(n):
        s += i
    return s


# call: one_arg(0)
# call: one_arg(-5)
# call: one_arg(1)
# call: one_arg(10)
# call: one_arg(100000)
# call: one_arg(-9223372036854775808)


def two_args(a, b):
    s = 0
    for i in range(a, b):
        s = s * 3 + i
    return s


# call: two_args(0, 5)
# call: two_args(-3, 3)
# call: two_args(5, 5)
# call: two_args(5, 1)
# call: two_args(-10, -7)
# call: two_args(9223372036854775806, 9223372036854775807)
# call: two_args(-9223372036854775808, -9223372036854775806)
# call: count(-9223372036854775808, -9223372036854775806, 1)
# call: count(5, 5, 1)


def three_args(a, b, c):
    n = 0
    s = 0
    for i in range(a, b, c):
        n += 1
        s = s * 7 + i % 1000
    return n * 1000000000 + s


# call: three_args(0, 10, 3)
# call: three_args(0, 9, 3)
# call: three_args(10, 0, -3)
# call: three_args(10, 0, -1)
# call: three_args(0, 10, -1)
# call: three_args(10, 0, 1)
# call: three_args(5, 5, -1)
# call: three_args(-5, 5, 2)
# call: three_args(5, -5, -2)
# call: three_args(0, 1, 9223372036854775807)
# call: three_args(0, -1, -9223372036854775808)
# call: three_args(1, 0, -9223372036854775808)
# call: three_args(0, 10, 0)
# call: three_args(5, 5, 0)


def count(a, b, c):
    # The last value, without arithmetic on the values (12345 if none).
    last = 12345
    for i in range(a, b, c):
        last = i
    return last


def how_many(a, b, c):
    n = 0
    for i in range(a, b, c):
        n += 1
    return n


# Steps that would carry the loop variable past MAX / MIN:
# call: count(9223372036854775800, 9223372036854775807, 5)
# call: how_many(9223372036854775800, 9223372036854775807, 5)
# call: count(9223372036854775800, 9223372036854775807, 9223372036854775807)
# call: how_many(9223372036854775806, 9223372036854775807, 1)
# call: count(9223372036854775806, 9223372036854775807, 1)
# call: how_many(9223372036854775805, 9223372036854775807, 2)
# call: how_many(9223372036854775805, 9223372036854775807, 3)
# call: how_many(-9223372036854775808, 9223372036854775807, 9223372036854775807)
# call: count(-9223372036854775808, 9223372036854775807, 9223372036854775807)
# call: how_many(-9223372036854775808, 9223372036854775807, 4611686018427387904)
# call: how_many(9223372036854775807, -9223372036854775808, -9223372036854775808)
# call: count(9223372036854775807, -9223372036854775808, -9223372036854775808)
# call: how_many(9223372036854775807, -9223372036854775808, -4611686018427387904)
# call: count(-9223372036854775803, -9223372036854775808, -2)
# call: how_many(-9223372036854775803, -9223372036854775808, -2)
# call: how_many(-9223372036854775803, -9223372036854775808, -3)
# call: count(-9223372036854775807, -9223372036854775808, -1)
# call: how_many(-9223372036854775807, -9223372036854775808, -9223372036854775808)
# call: how_many(0, -9223372036854775808, -9223372036854775808)
# call: how_many(-1, -9223372036854775808, -9223372036854775808)
# call: how_many(-9223372036854775808, -9223372036854775800, 3)
# call: count(-9223372036854775808, -9223372036854775800, 3)
# call: how_many(9223372036854775807, 9223372036854775800, -3)
# call: count(9223372036854775807, 9223372036854775800, -3)


def big_range_break(k):
    # A huge range left early.
    n = 0
    for i in range(MIN, MAX):
        n += 1
        if n == k:
            break
    return i


# call: big_range_break(1)
# call: big_range_break(3)


def huge_step_down(k):
    n = 0
    for i in range(MAX, MIN, -1):
        n += 1
        if n > k:
            return i
    return 0


# call: huge_step_down(0)
# call: huge_step_down(4)


def bounds_once(n):
    # range's arguments are evaluated once: changing n or step in the body
    # does not change the iterations.
    step = 1
    c = 0
    for i in range(0, n, step):
        n = n - 1
        step = step + 5
        c += 1
    return c * 1000 + n


# call: bounds_once(10)
# call: bounds_once(0)


def reassign_var(n):
    # Assigning the loop variable does not change the next value.
    s = 0
    for i in range(n):
        s += i
        i = i * 100
        s += i
    return s


# call: reassign_var(5)


def var_after(n):
    for i in range(n):
        pass
    return i


# call: var_after(1)
# call: var_after(10)
# call: var_after(0)


def var_after_preassigned(n):
    i = -1
    for i in range(n):
        pass
    return i


# call: var_after_preassigned(0)
# call: var_after_preassigned(3)


def var_after_break(n):
    for i in range(100):
        if i * i >= n:
            break
    return i


# call: var_after_break(50)
# call: var_after_break(100000)


def var_after_negative_step(n):
    for i in range(n, 0, -2):
        pass
    return i


# call: var_after_negative_step(9)
# call: var_after_negative_step(8)


def continue_for(n):
    s = 0
    for i in range(n):
        if i % 3 == 0:
            continue
        s += i
    return s


# call: continue_for(10)
# call: continue_for(0)


def nested_for(n):
    s = 0
    for i in range(n):
        for j in range(i):
            for k in range(j, i, 2):
                s += i * j - k
    return s


# call: nested_for(0)
# call: nested_for(12)


def nested_break(n):
    # The break leaves only the inner loop.
    s = 0
    for i in range(n):
        for j in range(n):
            if j > i:
                break
            s += 1
    return s


# call: nested_break(10)


def same_var_nested(n):
    # An inner loop reusing the outer variable: the outer loop's next value
    # still comes from its own range.
    s = 0
    for i in range(n):
        for i in range(3):
            s += i
        s += 100
    return s * 10 + i


# call: same_var_nested(4)


def range_of_calls(a, b):
    s = 0
    for i in range(min(a, b), max(a, b) + 1, abs(a - b) // 3 + 1):
        s += i
    return s


# call: range_of_calls(10, -10)
# call: range_of_calls(3, 3)


def underscore(n):
    c = 0
    for _ in range(n):
        c += 2
    return c


# call: underscore(21)


def range_args_trap(n):
    # A trap in the range arguments happens before the loop.
    s = 0
    for i in range(10 // n):
        s += i
    return s


# call: range_args_trap(0)
# call: range_args_trap(2)


def return_inside(n):
    for i in range(2, n):
        if n % i == 0:
            return i
    return n


# call: return_inside(91)
# call: return_inside(97)
# call: return_inside(-9223372036854775808)


def one_line_for(n):
    s = 0
    for i in range(n): s += i * i
    return s


# call: one_line_for(10)
