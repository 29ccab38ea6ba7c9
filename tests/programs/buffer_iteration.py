# Iterating buffers: `for (i, v) in enumerate(x)` with parentheses; writes
# ahead of the iteration (seen when the loop gets there) and behind it;
# nested loops over the same buffer; a loop variable reused by an inner
# range loop; the names of an enumerate loop after a break and after an
# empty loop; names assigned in the body do not change the iteration.


def en_paren(x: bytearray):
    s = 0
    for (i, v) in enumerate(x):
        s += i * v
    return s


# call: en_paren(bytearray(b'\x01\x02\x03'))


def en_write_ahead(x: list[int]):
    s = 0
    for i, v in enumerate(x):
        if i + 1 < len(x):
            x[i + 1] += v
        s = v
    return s


# call: en_write_ahead([1, 2, 3, 4])


def it_write_behind(x: bytearray):
    s = 0
    for v in x:
        x[0] = v
        s += v
    return s * 1000 + x[0]


# call: it_write_behind(bytearray(b'\x01\x02\x03'))


def nested_same(x: bytes):
    s = 0
    for a in x:
        for b in x:
            s = s * 3 + a - b
    return s


# call: nested_same(b'abc')


def en_neg_idx(x: list[int]):
    for i, v in enumerate(x):
        x[-1 - i] = v
    return 0


# call: en_neg_idx([1, 2, 3, 4, 5])


def loop_name_reuse(x: list[int]):
    s = 0
    for v in x:
        for v in range(v):
            s += v
    return s * 100 + v


# call: loop_name_reuse([3, 4])
# call: loop_name_reuse([3, 0])


def en_break_keep(x: bytes):
    i = -1
    v = -1
    for i, v in enumerate(x):
        if v == 0:
            break
    return i * 1000 + v


# call: en_break_keep(b'ab\x00c')
# call: en_break_keep(b'')


def iter_then_range(x: list[int]):
    t = 0
    for t in x:
        pass
    for k in range(t):
        t += 1
    return t


# call: iter_then_range([1, 5])


def en_assign_target(x: list[int]):
    for i, v in enumerate(x):
        i = 100
        v = -1
    return i + v


# call: en_assign_target([1, 2])


# One name for both targets of `enumerate`: the index is assigned first,
# the item second, so the name holds the item in the body and after.
def en_same_name(x: list[int]):
    s = 0
    for i, i in enumerate(x):
        s = s * 10 + i
    return s * 1000 + i


# call: en_same_name([5, 6, 7])
# call: en_same_name([0, 9])
