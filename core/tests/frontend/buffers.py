# Calls of these functions are checked by core/tests/frontend.rs against
# the results, prints and final buffers CPython 3.11 gives (the case table
# there was printed by running each call in python3).

def total(xs: list[int]) -> int:
    s = 0
    for v in xs:
        s += v
    return s


def get_b(b: bytes, i: int) -> int:
    return b[i]


def get_ba(b: bytearray, i) -> int:
    return b[i]


def get_l(xs: list[int], i) -> int:
    return xs[i]


def set_ba(b: bytearray, i, v) -> None:
    b[i] = v


def set_l(xs: list[int], i, v):
    xs[i] = v


def add_ba(b: bytearray, i, v):
    b[i] += v


def add_l(xs: list[int], i, v):
    xs[i] -= v


def swap(xs: list[int], i, j):
    xs[i], xs[j] = xs[j], xs[i]


def fill(b: bytearray, n, k):
    for i in range(n):
        b[i] = i + k


def running(xs: list[int]) -> int:
    s = 0
    for i, v in enumerate(xs):
        if i + 1 < len(xs):
            xs[i + 1] += v
        s += v
    return s


def last_item(xs: list[int]) -> int:
    for i, v in enumerate(xs):
        pass
    return i * 1000 + v


def last_byte(b: bytes) -> int:
    v = -1
    for v in b:
        pass
    return v


def double_into(dst: list[int], src: list[int]) -> None:
    for i, v in enumerate(src):
        dst[i] = v * 2


def alias(xs: list[int]) -> int:
    double_into(xs, xs)
    return total(xs)


def rotate(xs: list[int]):
    for i in range(len(xs) - 1):
        xs[i], xs[i + 1] = xs[i + 1], xs[i]


def rebind_then_store(xs: list[int]) -> int:
    i = 0
    i, xs[i] = 2, 7
    return xs[2] * 10 + i


def target_reads_earlier(xs: list[int]) -> None:
    xs[0], xs[xs[0]] = 2, 9


def count(b: bytes, c) -> int:
    n = 0
    for x in b:
        if x == c:
            n += 1
    return n


def ends(b: bytes) -> int:
    return b[-1] * 256 + b[-len(b)]


def show(xs: list[int]):
    for i, v in enumerate(xs):
        print(i, v)
    print()
    print(len(xs))
    return


def tr(tag, v):
    print(tag)
    return v


def store_traced(b: bytearray, i, v) -> None:
    b[tr(1, i)] = tr(2, v)


def aug_traced(xs: list[int], i, v) -> None:
    xs[tr(1, i)] += tr(2, v)


def aug_traced_ba(b: bytearray, i, v) -> None:
    b[tr(1, i)] += tr(2, v)


def tuple_traced(xs: list[int], i, j) -> None:
    xs[tr(1, i)], xs[tr(2, j)] = tr(3, 10), tr(4, 20)


def tuple_traced_ba(b: bytearray, i, j, v) -> None:
    b[tr(1, i)], b[tr(2, j)] = tr(3, v), tr(4, 7)


def early(n) -> None:
    if n > 0:
        print(n)
        return
    print(0 - n)


def calls_none(n) -> int:
    early(n)
    early(n - 5)
    return n


def forever_none(xs: list[int]) -> None:
    i = 0
    while True:
        xs[i] = i
        i += 1


def mixed_kinds(b: bytes, ba: bytearray, xs: list[int]) -> int:
    s = 0
    for i in range(len(b)):
        ba[i] = b[i] ^ 255
        xs[i] = ba[i] - b[i]
        s += xs[i]
    return s


def xor_into(dst: bytearray, src: bytearray) -> None:
    for i in range(len(src)):
        dst[len(dst) - 1 - i] ^= src[i]


def self_xor(b: bytearray) -> int:
    xor_into(b, b)
    return b[0] * 256 + b[-1]
