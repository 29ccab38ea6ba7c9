# Items: a negative index counts from the end (select), the index is
# checked before the load or store, a byte is range-checked before its
# index; `for v in b` loads below the length without a check.
def swap_ends(xs: list[int]) -> None:
    xs[0], xs[-1] = xs[-1], xs[0]


def put(b: bytearray, i, v) -> None:
    b[i] = v


def checksum(data: bytes) -> int:
    s = 0
    for i, v in enumerate(data):
        s ^= v << (i % 8)
    return s + len(data)
