# Writing buffers (bytearray and list[int]): x[i] = v with positive and
# negative indexes; x[i] op= v with every operator (+= -= *= //= %= **= &=
# |= ^= <<= >>=) on both kinds; the target's x and i are evaluated once (the
# index is a call with a visible effect: a write into another buffer or a
# print); CPython's order of evaluation (x[i] = v evaluates v before i;
# x[i] op= v reads x[i] before evaluating v, so an index out of range stops
# it before v runs); tuple assignments with item targets (swaps, rotations,
# across two buffers, mixed with names: targets are assigned left to right
# after the whole right side); a bytearray store of a value outside 0..255
# raising ValueError before the index is checked (a bad index and a bad value
# together give ValueError; a trap in the index expression still comes
# first; an augmented store reads first, so there IndexError wins); list
# stores of 64-bit extremes; writes made before a trap stay in the buffer;
# the same buffer passed twice (writes through one name are seen through the
# other, also after a call and in overlapping copies); for loops that see
# writes made during the loop; in-place algorithms: reverse, insertion sort,
# heapsort, sieve, histogram into a list, prefix sums, and a packet-header
# parser (Ethernet / IPv4 / TCP fields with shifts and masks) that also
# rewrites a header and its checksum.


def store_ba(x: bytearray, i, v):
    x[i] = v
    return x[i]


# call: store_ba(bytearray(3), 0, 7)
# call: store_ba(bytearray(3), 2, 255)
# call: store_ba(bytearray(3), -1, 128)
# call: store_ba(bytearray(3), -3, 1)
# call: store_ba(bytearray(b'abc'), 1, 0)
# call: store_ba(bytearray(3), 0, 256)
# call: store_ba(bytearray(3), 0, -1)
# call: store_ba(bytearray(3), 0, 9223372036854775807)
# call: store_ba(bytearray(3), 0, -9223372036854775808)
# call: store_ba(bytearray(3), 3, 1)
# call: store_ba(bytearray(3), -4, 1)
# call: store_ba(bytearray(0), 0, 0)
# call: store_ba(bytearray(3), 3, 256)
# call: store_ba(bytearray(3), -4, -1)
# call: store_ba(bytearray(0), 0, 1000)
# call: store_ba(bytearray(3), 9223372036854775807, 300)
# call: store_ba(bytearray(3), 9223372036854775807, 3)
# call: store_ba(b'abc', 0, 120)


def store_l(x: list[int], i, v):
    x[i] = v
    return x[i]


# call: store_l([0, 0, 0], 0, 9223372036854775807)
# call: store_l([0, 0, 0], -1, -9223372036854775808)
# call: store_l([0, 0, 0], 1, -1)
# call: store_l([0, 0, 0], 3, 1)
# call: store_l([0, 0, 0], -4, 1)
# call: store_l([], 0, 5)
# call: store_l([], -1, 5)
# call: store_l([1, 2], 9223372036854775807, 5)
# call: store_l([1, 2], -9223372036854775808, 5)
# call: store_l([5] * 4, 2, 256)


def store_computed(x: list[int], n):
    x[0] = -9223372036854775807 - 1
    x[1] = 9223372036854775807
    x[2] = x[0] + x[1]
    x[n] = x[n] - 1
    return x[2]


# call: store_computed([0, 0, 0, 0], 3)
# call: store_computed([0, 0, 0, 0], 2)
# call: store_computed([0, 0, 0, 0], -1)
# x[1] - 1 fits; x[0] - 1 does not (CPython stores a big integer):
# call: store_computed([0, 0, 0, 0], 1)
# expect: store_computed([0, 0, 0, 0], 0) -> OverflowError | [-9223372036854775808, 9223372036854775807, -1, 0]
# call: store_computed([0, 0, 0], 3)


def negate_item(x: list[int], i):
    x[i] = -x[i]
    return x[i]


# call: negate_item([5], 0)
# call: negate_item([9223372036854775807], 0)
# expect: negate_item([-9223372036854775808], 0) -> OverflowError | [-9223372036854775808]


def store_bool(x: list[int], y: bytearray, a, b):
    # A comparison stored into a buffer is the integer 1 or 0.
    x[0] = a < b
    y[0] = a == b
    x[1] = x[0] + y[0] * 10
    return x[0] + x[1]


# call: store_bool([0, 0], bytearray(1), 1, 2)
# call: store_bool([0, 0], bytearray(1), 2, 2)


def aug_ba(x: bytearray, i, op, v):
    if op == 0:
        x[i] += v
    elif op == 1:
        x[i] -= v
    elif op == 2:
        x[i] *= v
    elif op == 3:
        x[i] //= v
    elif op == 4:
        x[i] %= v
    elif op == 5:
        x[i] **= v
    elif op == 6:
        x[i] &= v
    elif op == 7:
        x[i] |= v
    elif op == 8:
        x[i] ^= v
    elif op == 9:
        x[i] <<= v
    else:
        x[i] >>= v
    return x[i]


# +=
# call: aug_ba(bytearray(b'\x05\x06'), 0, 0, 10)
# call: aug_ba(bytearray(b'\x05\x06'), -1, 0, 249)
# call: aug_ba(bytearray(b'\x05\x06'), -1, 0, 250)
# call: aug_ba(bytearray(b'\x05\x06'), 0, 0, -5)
# call: aug_ba(bytearray(b'\x05\x06'), 0, 0, -6)
# call: aug_ba(bytearray(b'\x05\x06'), 2, 0, 1)
# call: aug_ba(bytearray(b'\x05\x06'), 2, 0, 1000)
# call: aug_ba(bytearray(b'\x05\x06'), -3, 0, 1)
# call: aug_ba(bytearray(b'\x00'), 0, 0, 9223372036854775807)
# expect: aug_ba(bytearray(b'\x01'), 0, 0, 9223372036854775807) -> OverflowError | bytearray(b'\x01')
# -=
# call: aug_ba(bytearray(b'\x05\x06'), 1, 1, 6)
# call: aug_ba(bytearray(b'\x05\x06'), 1, 1, 7)
# call: aug_ba(bytearray(b'\x05\x06'), 1, 1, -249)
# call: aug_ba(bytearray(b'\x05\x06'), 1, 1, -250)
# 6 + 9223372036854775807 does not fit (CPython: ValueError, too big a byte):
# expect: aug_ba(bytearray(b'\x05\x06'), 1, 1, -9223372036854775807) -> OverflowError | bytearray(b'\x05\x06')
# *=
# call: aug_ba(bytearray(b'\x05\x10'), 1, 2, 15)
# call: aug_ba(bytearray(b'\x05\x10'), 1, 2, 16)
# call: aug_ba(bytearray(b'\x05\x10'), 1, 2, -1)
# call: aug_ba(bytearray(b'\x05\x10'), 1, 2, 0)
# call: aug_ba(bytearray(b'\x00\x10'), 0, 2, 9223372036854775807)
# expect: aug_ba(bytearray(b'\x02'), 0, 2, 9223372036854775807) -> OverflowError | bytearray(b'\x02')
# //=
# call: aug_ba(bytearray(b'\xff'), 0, 3, 16)
# call: aug_ba(bytearray(b'\xff'), 0, 3, 256)
# call: aug_ba(bytearray(b'\xff'), 0, 3, -1)
# call: aug_ba(bytearray(b'\xff'), 0, 3, -256)
# call: aug_ba(bytearray(b'\xff'), 0, 3, -255)
# call: aug_ba(bytearray(b'\xff'), 0, 3, 0)
# call: aug_ba(bytearray(b'\xff'), 1, 3, 0)
# %=
# call: aug_ba(bytearray(b'\xff'), 0, 4, 16)
# call: aug_ba(bytearray(b'\xff'), 0, 4, 300)
# call: aug_ba(bytearray(b'\xff'), 0, 4, -16)
# call: aug_ba(bytearray(b'\xf0'), 0, 4, -16)
# call: aug_ba(bytearray(b'\xff'), 0, 4, 0)
# call: aug_ba(bytearray(b'\xff'), 0, 4, -9223372036854775808)
# call: aug_ba(bytearray(b'\xff'), 0, 4, 9223372036854775807)
# **=
# call: aug_ba(bytearray(b'\x0f'), 0, 5, 2)
# call: aug_ba(bytearray(b'\x10'), 0, 5, 2)
# call: aug_ba(bytearray(b'\x02'), 0, 5, 7)
# call: aug_ba(bytearray(b'\x02'), 0, 5, 8)
# call: aug_ba(bytearray(b'\x02'), 0, 5, 0)
# call: aug_ba(bytearray(b'\x01'), 0, 5, 9223372036854775807)
# call: aug_ba(bytearray(b'\x00'), 0, 5, -1)
# CPython makes a float 0.2 and refuses to store it (TypeError); minijit
# refuses the negative exponent:
# expect: aug_ba(bytearray(b'\x05'), 0, 5, -1) -> ValueError | bytearray(b'\x05')
# &=
# call: aug_ba(bytearray(b'\xf0'), 0, 6, 60)
# call: aug_ba(bytearray(b'\xf0'), 0, 6, -1)
# call: aug_ba(bytearray(b'\xf0'), 0, 6, -9223372036854775808)
# call: aug_ba(bytearray(b'\xf0'), 0, 6, 0)
# |=
# call: aug_ba(bytearray(b'\xf0'), 0, 7, 15)
# call: aug_ba(bytearray(b'\xf0'), 0, 7, 256)
# call: aug_ba(bytearray(b'\xf0'), 0, 7, -1)
# ^=
# call: aug_ba(bytearray(b'\xf0'), 0, 8, 255)
# call: aug_ba(bytearray(b'\xf0'), 0, 8, 240)
# call: aug_ba(bytearray(b'\xf0'), 0, 8, 256)
# call: aug_ba(bytearray(b'\xf0'), 0, 8, -241)
# <<=
# call: aug_ba(bytearray(b'\x01'), 0, 9, 7)
# call: aug_ba(bytearray(b'\x01'), 0, 9, 8)
# call: aug_ba(bytearray(b'\x00'), 0, 9, 100)
# call: aug_ba(bytearray(b'\x01'), 0, 9, -1)
# call: aug_ba(bytearray(b'\x01'), 0, 9, 62)
# 1 << 70 does not fit in 64 bits (CPython: ValueError, the byte is too big):
# expect: aug_ba(bytearray(b'\x01'), 0, 9, 70) -> OverflowError | bytearray(b'\x01')
# >>=
# call: aug_ba(bytearray(b'\xff'), 0, 10, 4)
# call: aug_ba(bytearray(b'\xff'), 0, 10, 64)
# call: aug_ba(bytearray(b'\xff'), 0, 10, 9223372036854775807)
# call: aug_ba(bytearray(b'\xff'), 0, 10, -1)
# call: aug_ba(bytearray(b'\xff'), 1, 10, -1)


def aug_l(x: list[int], i, op, v):
    if op == 0:
        x[i] += v
    elif op == 1:
        x[i] -= v
    elif op == 2:
        x[i] *= v
    elif op == 3:
        x[i] //= v
    elif op == 4:
        x[i] %= v
    elif op == 5:
        x[i] **= v
    elif op == 6:
        x[i] &= v
    elif op == 7:
        x[i] |= v
    elif op == 8:
        x[i] ^= v
    elif op == 9:
        x[i] <<= v
    else:
        x[i] >>= v
    return x[i]


# call: aug_l([10, -10], 0, 0, 5)
# call: aug_l([10, -10], -1, 0, 5)
# call: aug_l([9223372036854775806, 0], 0, 0, 1)
# expect: aug_l([9223372036854775807, 0], 0, 0, 1) -> OverflowError | [9223372036854775807, 0]
# The read of x[2] fails first: the message is the read's, not the store's.
# call: aug_l([10, -10], 2, 0, 5)
# call: aug_l([10, -10], -3, 0, 5)
# call: aug_l([], 0, 0, 5)
# call: aug_l([10, -1], 1, 1, 9223372036854775807)
# expect: aug_l([10, -2], 1, 1, 9223372036854775807) -> OverflowError | [10, -2]
# expect: aug_l([-9223372036854775807, 0], 0, 1, 2) -> OverflowError | [-9223372036854775807, 0]
# call: aug_l([3037000499, 0], 0, 2, 3037000499)
# expect: aug_l([3037000500, 0], 0, 2, 3037000500) -> OverflowError | [3037000500, 0]
# call: aug_l([-7, 0], 0, 3, 2)
# call: aug_l([7, 0], 0, 3, -2)
# call: aug_l([7, 0], 0, 3, 0)
# call: aug_l([-9223372036854775807, 0], 0, 3, -1)
# expect: aug_l([-9223372036854775808, 0], 0, 3, -1) -> OverflowError | [-9223372036854775808, 0]
# call: aug_l([-7, 0], 0, 4, 2)
# call: aug_l([7, 0], 0, 4, -2)
# call: aug_l([7, 0], 0, 4, 0)
# call: aug_l([-9223372036854775808, 0], 0, 4, -1)
# call: aug_l([3, 0], 0, 5, 39)
# call: aug_l([-2, 0], 0, 5, 63)
# expect: aug_l([2, 0], 0, 5, 63) -> OverflowError | [2, 0]
# call: aug_l([0, 0], 0, 5, -1)
# expect: aug_l([2, 0], 0, 5, -1) -> ValueError | [2, 0]
# call: aug_l([-1, 0], 0, 6, 255)
# call: aug_l([-1, 0], 0, 7, -9223372036854775808)
# call: aug_l([-1, 0], 0, 8, 9223372036854775807)
# call: aug_l([1, 0], 0, 9, 62)
# call: aug_l([-1, 0], 0, 9, 63)
# expect: aug_l([1, 0], 0, 9, 63) -> OverflowError | [1, 0]
# call: aug_l([1, 0], 0, 9, -1)
# call: aug_l([-9223372036854775808, 0], 0, 10, 63)
# call: aug_l([-9223372036854775808, 0], 0, 10, 64)
# call: aug_l([9223372036854775807, 0], 0, 10, 9223372036854775807)
# call: aug_l([5, 0], 0, 10, -1)


def aug_list_all(x: list[int]):
    # Every operator in turn on one item.
    x[0] += 100
    x[0] -= 3
    x[0] *= 7
    x[0] //= 2
    x[0] %= 1000
    x[0] **= 2
    x[0] &= 0xFFFF
    x[0] |= 0x10000
    x[0] ^= 0x5555
    x[0] <<= 3
    x[0] >>= 1
    return x[0]


# call: aug_list_all([0])
# call: aug_list_all([-100])
# call: aug_list_all([12345])
# call: aug_list_all([])


def bump(t: list[int], i):
    # Counts its calls in t[0].
    t[0] += 1
    return i


def once_aug(x: bytearray, t: list[int], i):
    x[bump(t, i)] += 1
    x[bump(t, i)] *= 3
    return t[0]


# call: once_aug(bytearray(3), [0], 1)
# call: once_aug(bytearray(3), [0], -1)
# call: once_aug(bytearray(b'\x55'), [0], 0)
# call: once_aug(bytearray(b'\x54'), [0], 0)
# call: once_aug(bytearray(3), [0], 3)


def once_aug_list(x: list[int], t: list[int]):
    # The index call runs once per statement, also in a loop.
    for _ in range(5):
        x[bump(t, t[0] % len(x))] += t[0]
    return t[0]


# call: once_aug_list([0, 0, 0], [0])
# call: once_aug_list([0], [0])
# call: once_aug_list([], [0])


def mark(t: list[int], code):
    # Appends code to the trace t[1:] (t[0] is the count) and returns it.
    t[0] += 1
    t[t[0]] = code
    return code


def store_order(x: list[int], t: list[int]):
    # Python evaluates the value, then the target's index.
    x[mark(t, 1)] = mark(t, 2)
    return t[0]


# call: store_order([0, 0, 0], [0, 0, 0])
# call: store_order([0], [0, 0, 0])
# call: store_order([0, 0, 0], [0, 0])


def aug_order(x: list[int], t: list[int]):
    # x[i] op= v: the index, then the read of x[i], then v.
    x[mark(t, 1)] -= mark(t, 2)
    return t[0]


# call: aug_order([10, 10], [0, 0, 0])
# call: aug_order([10], [0, 0, 0])


def idx(i):
    print(1, i)
    return i


def val(v):
    print(2, v)
    return v


def print_store_order(x: bytearray, i, v):
    x[idx(i)] = val(v)
    return x[i]


# call: print_store_order(bytearray(2), 1, 9)
# call: print_store_order(bytearray(2), 2, 9)
# call: print_store_order(bytearray(2), 2, 256)
# call: print_store_order(bytearray(2), 0, -1)


def print_aug_order(x: bytearray, i, v):
    x[idx(i)] += val(v)
    return x[i]


# call: print_aug_order(bytearray(2), 1, 9)
# call: print_aug_order(bytearray(2), 2, 9)
# call: print_aug_order(bytearray(2), 2, 256)
# call: print_aug_order(bytearray(b'\xff\xff'), 0, 1)


def print_tuple_order(x: list[int], i, j):
    x[idx(i)], x[idx(j)] = val(10), val(20)
    return x[i] * 100 + x[j]


# call: print_tuple_order([0, 0, 0], 0, 2)
# call: print_tuple_order([0, 0, 0], 1, 1)
# call: print_tuple_order([0, 0, 0], 0, 3)
# call: print_tuple_order([0, 0, 0], 3, 0)


def bad_value_first(x: bytearray, i, v):
    # The value is checked before the index (CPython's order).
    x[i] = v
    return 0


# call: bad_value_first(bytearray(2), 5, 256)
# call: bad_value_first(bytearray(2), -5, -1)
# call: bad_value_first(bytearray(2), 5, 255)
# call: bad_value_first(bytearray(0), 0, 256)


def index_trap_first(x: bytearray, n):
    # The index expression runs before the store checks the value.
    x[1 // n] = 300
    return 0


# call: index_trap_first(bytearray(2), 0)
# call: index_trap_first(bytearray(2), 1)
# call: index_trap_first(bytearray(2), -1)


def swap(x: list[int], i, j):
    x[i], x[j] = x[j], x[i]
    return x[i] - x[j]


# call: swap([1, 2, 3], 0, 2)
# call: swap([1, 2, 3], 1, 1)
# call: swap([1, 2, 3], -1, 0)
# call: swap([1, 2, 3], 0, 3)
# call: swap([1, 2, 3], 3, 0)


def swap_ba(x: bytearray, i, j):
    x[i], x[j] = x[j], x[i]
    return x[i] * 256 + x[j]


# call: swap_ba(bytearray(b'ab'), 0, 1)
# call: swap_ba(bytearray(b'ab'), 1, -1)
# call: swap_ba(bytearray(b'ab'), 0, -3)


def pair_store(x: list[int], i, j, a, b):
    # The first target is stored before the second one fails.
    x[i], x[j] = a, b
    return x[i] + x[j]


# call: pair_store([0, 0, 0], 0, 1, 7, 8)
# call: pair_store([0, 0, 0], 1, 1, 7, 8)
# call: pair_store([0, 0, 0], 0, 5, 7, 8)
# call: pair_store([0, 0, 0], 5, 0, 7, 8)


def pair_store_ba(x: bytearray, i, j, a, b):
    x[i], x[j] = a, b
    return x[i] + x[j]


# call: pair_store_ba(bytearray(3), 0, 1, 7, 8)
# call: pair_store_ba(bytearray(3), 0, 1, 7, 256)
# call: pair_store_ba(bytearray(3), 0, 1, 256, 7)
# call: pair_store_ba(bytearray(3), 0, 9, 7, 256)
# call: pair_store_ba(bytearray(3), 0, 9, 7, 8)
# call: pair_store_ba(bytearray(3), 9, 0, 7, 8)


def rotate3(x: list[int]):
    x[0], x[1], x[2] = x[1], x[2], x[0]
    return x[0] * 100 + x[1] * 10 + x[2]


# call: rotate3([1, 2, 3])
# call: rotate3([1, 2])


def across(a: list[int], b: bytearray):
    a[0], b[0] = b[0], a[0]
    return a[0] * 1000 + b[0]


# call: across([7, 0], bytearray(b'\x09'))
# call: across([700, 0], bytearray(b'\x09'))


def name_then_item(x: list[int], i, v):
    # i is assigned first; the item target then uses the new i.
    i, x[i] = v, i
    return i


# call: name_then_item([0, 0, 0, 0], 1, 3)
# call: name_then_item([0, 0, 0, 0], 3, 1)
# call: name_then_item([0, 0, 0, 0], 1, 4)


def item_then_name(x: list[int], i, v):
    # The item target uses the old i; then i changes.
    x[i], i = v, 2
    return i * 1000 + x[i]


# call: item_then_name([0, 0, 0], 0, 5)
# call: item_then_name([0, 0, 0], 2, 5)
# call: item_then_name([0, 0, 0], 3, 5)


def value_from_item(x: list[int], y: list[int]):
    # The right side reads x[0] before any target is assigned.
    x[0], y[0], n = y[0], x[0], x[0] + y[0]
    return n


# call: value_from_item([1, 0], [2, 0])


def targets_in_order(x: list[int], t: list[int]):
    x[mark(t, 0)], x[mark(t, 1)] = mark(t, 2), mark(t, 3)
    return t[0]


# call: targets_in_order([5, 5], [0, 0, 0, 0, 0])
# call: targets_in_order([5], [0, 0, 0, 0, 0])


def fill_until(x: bytearray, n):
    for i in range(n):
        x[i] = i + 250
    return n


# call: fill_until(bytearray(10), 6)
# call: fill_until(bytearray(10), 8)
# call: fill_until(bytearray(3), 5)


def fill_list(x: list[int], n):
    i = 0
    while True:
        x[i] = n - i
        i += 1
        assert i < n, "stop"
    return i


# call: fill_list([0] * 5, 3)
# call: fill_list([0] * 5, 9)


def write_read(a: bytearray, b: bytearray):
    t = a[0]
    b[0] = t + 1
    return a[0] * 1000 + t


def alias(x: bytearray):
    return write_read(x, x)


def distinct(x: bytearray, y: bytearray):
    return write_read(x, y)


# call: alias(bytearray(b'\x05'))
# call: distinct(bytearray(b'\x05'), bytearray(b'\x05'))
# call: alias(bytearray(b'\xff'))
# call: alias(bytearray(0))


def copy_up(dst: list[int], src: list[int], n):
    for i in range(n):
        dst[i + 1] = src[i]
    return dst[n]


def smear(x: list[int]):
    # The same list as source and destination: each read sees the write of
    # the step before.
    return copy_up(x, x, len(x) - 1)


def shifted(x: list[int], y: list[int]):
    return copy_up(y, x, len(x))


# call: smear([1, 2, 3, 4])
# call: smear([9])
# call: shifted([1, 2, 3], [0, 0, 0, 0])


def alias_loop(a: list[int], b: list[int]):
    # Iterating over a while writing through b: when they are one list, the
    # loop sees the writes.
    s = 0
    for i, v in enumerate(a):
        s += v
        if i + 1 < len(b):
            b[i + 1] = s
    return s


def alias_loop_same(x: list[int]):
    return alias_loop(x, x)


def alias_loop_two(x: list[int], y: list[int]):
    return alias_loop(x, y)


# call: alias_loop_same([1, 1, 1, 1, 1])
# call: alias_loop_two([1, 1, 1, 1, 1], [0, 0, 0, 0, 0])
# call: alias_loop_same([])


def set0(x: list[int], v):
    x[0] = v
    return 0


def reload_after_call(x: list[int]):
    t = x[0]
    set0(x, t + 10)
    return x[0] - t


# call: reload_after_call([5])
# call: reload_after_call([-9223372036854775808])


def twice_aliased(a: list[int], b: list[int], c: list[int]):
    a[0] += 1
    b[0] += 10
    c[0] += 100
    return a[0]


def thrice(x: list[int]):
    return twice_aliased(x, x, x)


def two_of_three(x: list[int], y: list[int]):
    return twice_aliased(x, y, x) * 1000 + y[0]


# call: thrice([0])
# call: two_of_three([0], [0])


def running(x: list[int]):
    # for v in x reads each item when the loop gets there: it sees the
    # writes made ahead of it (prefix sums in place).
    n = 0
    for v in x:
        if n + 1 < len(x):
            x[n + 1] += v
        n += 1
    return v


# call: running([1, 1, 1, 1])
# call: running([5])
# call: running([3, -1, 4, -1, 5])


def write_behind(x: bytearray):
    # Writes to items already passed are not seen again; writes to the
    # current item do not change v.
    s = 0
    for i, v in enumerate(x):
        x[i] = 0
        if i > 0:
            x[i - 1] = 9
        s = s * 10 + v
    return s


# call: write_behind(bytearray(b'\x01\x02\x03'))
# call: write_behind(bytearray(0))


def doubling_walk(x: bytearray):
    # Each step writes the next item from the current one.
    for i, v in enumerate(x):
        if i + 1 < len(x):
            x[i + 1] = (v * 2) % 256
    return x[len(x) - 1]


# call: doubling_walk(bytearray(b'\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00'))
# call: doubling_walk(bytearray(b'\x03'))


def reverse_ba(x: bytearray):
    i, j = 0, len(x) - 1
    while i < j:
        x[i], x[j] = x[j], x[i]
        i, j = i + 1, j - 1
    return len(x)


# call: reverse_ba(bytearray(b'hello'))
# call: reverse_ba(bytearray(b'ab'))
# call: reverse_ba(bytearray(b'a'))
# call: reverse_ba(bytearray(0))


def reverse_l(x: list[int]):
    n = len(x)
    for i in range(n // 2):
        x[i], x[n - 1 - i] = x[n - 1 - i], x[i]
    return n


# call: reverse_l([1, 2, 3, 4])
# call: reverse_l([9223372036854775807, 0, -9223372036854775808])


def insertion_sort(x: list[int]):
    moves = 0
    for i in range(1, len(x)):
        key = x[i]
        j = i - 1
        while j >= 0 and x[j] > key:
            x[j + 1] = x[j]
            j -= 1
            moves += 1
        x[j + 1] = key
    return moves


# call: insertion_sort([5, 2, 4, 6, 1, 3])
# call: insertion_sort([1, 2, 3])
# call: insertion_sort([3, 2, 1])
# call: insertion_sort([])
# call: insertion_sort([0, -9223372036854775808, 9223372036854775807, -1])
# call: insertion_sort([2, 2, 1, 1])


def sift_down(x: list[int], start, end):
    root = start
    while 2 * root + 1 < end:
        child = 2 * root + 1
        if child + 1 < end and x[child] < x[child + 1]:
            child += 1
        if x[root] >= x[child]:
            return root
        x[root], x[child] = x[child], x[root]
        root = child
    return root


def heapsort(x: list[int]):
    n = len(x)
    for start in range(n // 2 - 1, -1, -1):
        sift_down(x, start, n)
    for end in range(n - 1, 0, -1):
        x[0], x[end] = x[end], x[0]
        sift_down(x, 0, end)
    return n


# call: heapsort([9, 4, 7, 1, 8, 2, 6, 3, 5, 0])
# call: heapsort([1])
# call: heapsort([])
# call: heapsort([3, -3, 3, -3, 0])
# call: heapsort([9223372036854775807, -9223372036854775808, 0, 1, -1])


def sieve(flags: bytearray):
    # flags[i] = 1 for each prime i < len(flags); returns how many.
    n = len(flags)
    for i in range(n):
        flags[i] = 1
    for i in range(min(n, 2)):
        flags[i] = 0
    i = 2
    while i * i < n:
        if flags[i]:
            for j in range(i * i, n, i):
                flags[j] = 0
        i += 1
    count = 0
    for f in flags:
        count += f
    return count


# call: sieve(bytearray(30))
# call: sieve(bytearray(2))
# call: sieve(bytearray(1))
# call: sieve(bytearray(0))
# call: sieve(bytearray(b'\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff'))


def histogram(data: bytes, h: list[int]):
    # Counts by high nibble; a list too short stops at the first byte that
    # does not fit, with the counts so far kept.
    for v in data:
        h[v >> 4] += 1
    return len(data)


# call: histogram(b'\x00\x01\x10\xff\xf0\x80', [0] * 16)
# call: histogram(b'', [0] * 16)
# call: histogram(b'\x01\x02\x33\x34\x35', [0, 0, 0, 0])
# call: histogram(b'\x01\x02\x33\x54\x35', [0, 0, 0, 0])


def prefix_sums(x: list[int]):
    for i in range(1, len(x)):
        x[i] += x[i - 1]
    return x[len(x) - 1]


# call: prefix_sums([1, 2, 3, 4, 5])
# call: prefix_sums([5])
# call: prefix_sums([])
# call: prefix_sums([9223372036854775806, 1, -5])
# expect: prefix_sums([9223372036854775807, 1, -5]) -> OverflowError | [9223372036854775807, 1, -5]
# call: prefix_sums([-4611686018427387904, -4611686018427387904])


def be16(p: bytes, off):
    return (p[off] << 8) | p[off + 1]


def be32(p: bytes, off):
    return (be16(p, off) << 16) | be16(p, off + 2)


def ethertype(p: bytes):
    return be16(p, 12)


def mac_src(p: bytes):
    return (be16(p, 6) << 32) | be32(p, 8)


def mac_dst(p: bytes):
    v = 0
    for i in range(6):
        v = (v << 8) | p[i]
    return v


def ip_version(p: bytes):
    return p[14] >> 4


def ip_header_len(p: bytes):
    return (p[14] & 0x0F) * 4


def ip_total_len(p: bytes):
    return be16(p, 16)


def ip_dont_fragment(p: bytes):
    return (p[20] >> 6) & 1


def ip_frag_offset(p: bytes):
    return be16(p, 20) & 0x1FFF


def ip_ttl(p: bytes):
    return p[22]


def ip_proto(p: bytes):
    return p[23]


def ip_src(p: bytes):
    return be32(p, 26)


def ip_dst_dotted(p: bytes):
    # The destination address as decimal digits: 10.0.0.255 -> 10000000255.
    return p[30] * 1000000000 + p[31] * 1000000 + p[32] * 1000 + p[33]


def ip_checksum_ok(p: bytes):
    s = 0
    for i in range(14, 14 + ip_header_len(p), 2):
        s += be16(p, i)
    while s > 0xFFFF:
        s = (s & 0xFFFF) + (s >> 16)
    return s == 0xFFFF


def tcp_start(p: bytes):
    return 14 + ip_header_len(p)


def tcp_ports(p: bytes):
    t = tcp_start(p)
    return be16(p, t) * 100000 + be16(p, t + 2)


def tcp_seq(p: bytes):
    return be32(p, tcp_start(p) + 4)


def tcp_ack(p: bytes):
    return be32(p, tcp_start(p) + 8)


def tcp_flags(p: bytes):
    return be16(p, tcp_start(p) + 12) & 0x1FF


def tcp_syn_ack_psh(p: bytes):
    f = tcp_flags(p)
    return (f >> 1 & 1) * 100 + (f >> 4 & 1) * 10 + (f >> 3 & 1)


def tcp_payload_len(p: bytes):
    data_offset = p[tcp_start(p) + 12] >> 4
    return ip_total_len(p) - ip_header_len(p) - data_offset * 4


def tcp_payload_sum(p: bytes):
    s = 0
    start = 14 + ip_total_len(p) - tcp_payload_len(p)
    for i in range(start, 14 + ip_total_len(p)):
        s = s * 256 + p[i]
    return s


def classify(p: bytes):
    # 0: not IPv4, 1: IPv4 not TCP, 2: TCP, -1: bad header checksum.
    if len(p) < 14 or ethertype(p) != 0x0800:
        return 0
    if ip_version(p) != 4 or not ip_checksum_ok(p):
        return -1
    if ip_proto(p) != 6:
        return 1
    return 2


# A TCP segment with payload b'hi!' (IHL 5, PSH+ACK, TTL 64):
# call: classify(b'\x00\x11"3DUfw\x88\x99\xaa\xbb\x08\x00E\x00\x00+\x1cF@\x00@\x06R\xdf\xc0\xa8\x00\x01\n\x00\x00\xff\x01\xbb\xc8"\x89\xab\xcd\xef\x01\x02\x03\x04P\x18\xff\xff\x00\x00\x00\x00hi!')
# call: mac_dst(b'\x00\x11"3DUfw\x88\x99\xaa\xbb\x08\x00E\x00\x00+\x1cF@\x00@\x06R\xdf\xc0\xa8\x00\x01\n\x00\x00\xff\x01\xbb\xc8"\x89\xab\xcd\xef\x01\x02\x03\x04P\x18\xff\xff\x00\x00\x00\x00hi!')
# call: mac_src(b'\x00\x11"3DUfw\x88\x99\xaa\xbb\x08\x00E\x00\x00+\x1cF@\x00@\x06R\xdf\xc0\xa8\x00\x01\n\x00\x00\xff\x01\xbb\xc8"\x89\xab\xcd\xef\x01\x02\x03\x04P\x18\xff\xff\x00\x00\x00\x00hi!')
# call: ip_total_len(b'\x00\x11"3DUfw\x88\x99\xaa\xbb\x08\x00E\x00\x00+\x1cF@\x00@\x06R\xdf\xc0\xa8\x00\x01\n\x00\x00\xff\x01\xbb\xc8"\x89\xab\xcd\xef\x01\x02\x03\x04P\x18\xff\xff\x00\x00\x00\x00hi!')
# call: ip_dont_fragment(b'\x00\x11"3DUfw\x88\x99\xaa\xbb\x08\x00E\x00\x00+\x1cF@\x00@\x06R\xdf\xc0\xa8\x00\x01\n\x00\x00\xff\x01\xbb\xc8"\x89\xab\xcd\xef\x01\x02\x03\x04P\x18\xff\xff\x00\x00\x00\x00hi!')
# call: ip_frag_offset(b'\x00\x11"3DUfw\x88\x99\xaa\xbb\x08\x00E\x00\x00+\x1cF@\x00@\x06R\xdf\xc0\xa8\x00\x01\n\x00\x00\xff\x01\xbb\xc8"\x89\xab\xcd\xef\x01\x02\x03\x04P\x18\xff\xff\x00\x00\x00\x00hi!')
# call: ip_ttl(b'\x00\x11"3DUfw\x88\x99\xaa\xbb\x08\x00E\x00\x00+\x1cF@\x00@\x06R\xdf\xc0\xa8\x00\x01\n\x00\x00\xff\x01\xbb\xc8"\x89\xab\xcd\xef\x01\x02\x03\x04P\x18\xff\xff\x00\x00\x00\x00hi!')
# call: ip_src(b'\x00\x11"3DUfw\x88\x99\xaa\xbb\x08\x00E\x00\x00+\x1cF@\x00@\x06R\xdf\xc0\xa8\x00\x01\n\x00\x00\xff\x01\xbb\xc8"\x89\xab\xcd\xef\x01\x02\x03\x04P\x18\xff\xff\x00\x00\x00\x00hi!')
# call: ip_dst_dotted(b'\x00\x11"3DUfw\x88\x99\xaa\xbb\x08\x00E\x00\x00+\x1cF@\x00@\x06R\xdf\xc0\xa8\x00\x01\n\x00\x00\xff\x01\xbb\xc8"\x89\xab\xcd\xef\x01\x02\x03\x04P\x18\xff\xff\x00\x00\x00\x00hi!')
# call: tcp_ports(b'\x00\x11"3DUfw\x88\x99\xaa\xbb\x08\x00E\x00\x00+\x1cF@\x00@\x06R\xdf\xc0\xa8\x00\x01\n\x00\x00\xff\x01\xbb\xc8"\x89\xab\xcd\xef\x01\x02\x03\x04P\x18\xff\xff\x00\x00\x00\x00hi!')
# call: tcp_seq(b'\x00\x11"3DUfw\x88\x99\xaa\xbb\x08\x00E\x00\x00+\x1cF@\x00@\x06R\xdf\xc0\xa8\x00\x01\n\x00\x00\xff\x01\xbb\xc8"\x89\xab\xcd\xef\x01\x02\x03\x04P\x18\xff\xff\x00\x00\x00\x00hi!')
# call: tcp_ack(b'\x00\x11"3DUfw\x88\x99\xaa\xbb\x08\x00E\x00\x00+\x1cF@\x00@\x06R\xdf\xc0\xa8\x00\x01\n\x00\x00\xff\x01\xbb\xc8"\x89\xab\xcd\xef\x01\x02\x03\x04P\x18\xff\xff\x00\x00\x00\x00hi!')
# call: tcp_syn_ack_psh(b'\x00\x11"3DUfw\x88\x99\xaa\xbb\x08\x00E\x00\x00+\x1cF@\x00@\x06R\xdf\xc0\xa8\x00\x01\n\x00\x00\xff\x01\xbb\xc8"\x89\xab\xcd\xef\x01\x02\x03\x04P\x18\xff\xff\x00\x00\x00\x00hi!')
# call: tcp_payload_len(b'\x00\x11"3DUfw\x88\x99\xaa\xbb\x08\x00E\x00\x00+\x1cF@\x00@\x06R\xdf\xc0\xa8\x00\x01\n\x00\x00\xff\x01\xbb\xc8"\x89\xab\xcd\xef\x01\x02\x03\x04P\x18\xff\xff\x00\x00\x00\x00hi!')
# call: tcp_payload_sum(b'\x00\x11"3DUfw\x88\x99\xaa\xbb\x08\x00E\x00\x00+\x1cF@\x00@\x06R\xdf\xc0\xa8\x00\x01\n\x00\x00\xff\x01\xbb\xc8"\x89\xab\xcd\xef\x01\x02\x03\x04P\x18\xff\xff\x00\x00\x00\x00hi!')
# The same segment with one bit of the IPv4 header flipped:
# call: classify(b'\x00\x11"3DUfw\x88\x99\xaa\xbb\x08\x00E\x00\x00+\x1cF@\x00@\x06R\xdf\xc0\xa8\x00\x01\n\x00\x00\xfe\x01\xbb\xc8"\x89\xab\xcd\xef\x01\x02\x03\x04P\x18\xff\xff\x00\x00\x00\x00hi!')
# A SYN with one option word in the IPv4 header (IHL 6), TTL 1, no payload:
# call: classify(b'\x00\x11"3DUfw\x88\x99\xaa\xbb\x08\x00F\x00\x00,\x1cF@\x00\x01\x06\x8e\xdd\xc0\xa8\x00\x01\n\x00\x00\xff\x01\x01\x01\x00\x01\xbb\xc8"\x89\xab\xcd\xef\x01\x02\x03\x04P\x02\xff\xff\x00\x00\x00\x00')
# call: tcp_ports(b'\x00\x11"3DUfw\x88\x99\xaa\xbb\x08\x00F\x00\x00,\x1cF@\x00\x01\x06\x8e\xdd\xc0\xa8\x00\x01\n\x00\x00\xff\x01\x01\x01\x00\x01\xbb\xc8"\x89\xab\xcd\xef\x01\x02\x03\x04P\x02\xff\xff\x00\x00\x00\x00')
# call: tcp_syn_ack_psh(b'\x00\x11"3DUfw\x88\x99\xaa\xbb\x08\x00F\x00\x00,\x1cF@\x00\x01\x06\x8e\xdd\xc0\xa8\x00\x01\n\x00\x00\xff\x01\x01\x01\x00\x01\xbb\xc8"\x89\xab\xcd\xef\x01\x02\x03\x04P\x02\xff\xff\x00\x00\x00\x00')
# call: tcp_payload_len(b'\x00\x11"3DUfw\x88\x99\xaa\xbb\x08\x00F\x00\x00,\x1cF@\x00\x01\x06\x8e\xdd\xc0\xa8\x00\x01\n\x00\x00\xff\x01\x01\x01\x00\x01\xbb\xc8"\x89\xab\xcd\xef\x01\x02\x03\x04P\x02\xff\xff\x00\x00\x00\x00')
# call: tcp_seq(b'\x00\x11"3DUfw\x88\x99\xaa\xbb\x08\x00F\x00\x00,\x1cF@\x00\x01\x06\x8e\xdd\xc0\xa8\x00\x01\n\x00\x00\xff\x01\x01\x01\x00\x01\xbb\xc8"\x89\xab\xcd\xef\x01\x02\x03\x04P\x02\xff\xff\x00\x00\x00\x00')
# An ARP frame, and frames cut short:
# call: classify(b'\xff\xff\xff\xff\xff\xff\x00\x11"3DU\x08\x06\x00\x01')
# call: classify(b'\x00\x11"3DU')
# call: classify(b'\x00\x11"3DUfw\x88\x99\xaa\xbb\x08\x00E\x00\x00+\x1cF@')
# call: tcp_seq(b'\x00\x11"3DUfw\x88\x99\xaa\xbb\x08\x00E\x00\x00+\x1cF@\x00@\x06R\xdf\xc0\xa8\x00\x01\n\x00\x00\xff\x01\xbb\xc8"\x89')
# call: classify(b'')


def decrement_ttl(p: bytearray):
    # Routing step: TTL - 1 and the header checksum recomputed in place;
    # returns the new checksum, or -1 when the TTL runs out.
    if p[22] <= 1:
        return -1
    p[22] -= 1
    p[24], p[25] = 0, 0
    s = 0
    for i in range(14, 14 + (p[14] & 0x0F) * 4, 2):
        s += (p[i] << 8) | p[i + 1]
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    s = ~s & 0xFFFF
    p[24], p[25] = s >> 8, s & 0xFF
    return s


# call: decrement_ttl(bytearray(b'\x00\x11"3DUfw\x88\x99\xaa\xbb\x08\x00E\x00\x00+\x1cF@\x00@\x06R\xdf\xc0\xa8\x00\x01\n\x00\x00\xff\x01\xbb\xc8"\x89\xab\xcd\xef\x01\x02\x03\x04P\x18\xff\xff\x00\x00\x00\x00hi!'))
# call: decrement_ttl(bytearray(b'\x00\x11"3DUfw\x88\x99\xaa\xbb\x08\x00F\x00\x00,\x1cF@\x00\x01\x06\x8e\xdd\xc0\xa8\x00\x01\n\x00\x00\xff\x01\x01\x01\x00\x01\xbb\xc8"\x89\xab\xcd\xef\x01\x02\x03\x04P\x02\xff\xff\x00\x00\x00\x00'))
# call: decrement_ttl(bytearray(b'\x00\x11"3DUfw\x88\x99\xaa\xbb\x08\x00E\x00\x00+\x1cF@\x00@\x06R\xdf\xc0\xa8\x00\x01'))


def forward(p: bytearray):
    # The rewritten header still checks; a bytearray read through bytes
    # functions is not allowed, so the check is done here again.
    c = decrement_ttl(p)
    s = 0
    for i in range(14, 34, 2):
        s += (p[i] << 8) | p[i + 1]
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return c * 10 + (s == 0xFFFF)


# call: forward(bytearray(b'\x00\x11"3DUfw\x88\x99\xaa\xbb\x08\x00E\x00\x00+\x1cF@\x00@\x06R\xdf\xc0\xa8\x00\x01\n\x00\x00\xff\x01\xbb\xc8"\x89\xab\xcd\xef\x01\x02\x03\x04P\x18\xff\xff\x00\x00\x00\x00hi!'))
