# Reading buffers: parameters annotated bytes, bytearray and list[int];
# len(x); x[i] with positive and negative indexes, the first and last item
# from both ends, indexes out of range on both ends (also the extreme 64-bit
# values) with each kind's CPython message; empty buffers; an index that is
# itself an item; for v in x and for i, v in enumerate(x) (with break,
# continue, return inside, the loop names kept after the loop and unbound
# after an empty one, reassigning them in the body changes nothing); nested
# loops over one and over two buffers; buffers passed on to functions of the
# same kind (also recursively); buffers mixed with integer parameters;
# sums, checksums (Internet checksum, Adler-32, CRC-32, FNV-1a 32), searches
# (byte, subsequence, binary search), comparisons of two buffers, and
# reading a byte's bits.


def length_b(x: bytes) -> int:
    return len(x)


def length_ba(x: bytearray) -> int:
    return len(x)


def length_l(x: list[int]) -> int:
    return len(x)


# call: length_b(b'')
# call: length_b(bytes(0))
# call: length_b(b'abc')
# call: length_b(b'\x00\n\t\\\'"')
# call: length_b(bytes(1000))
# call: length_ba(bytearray(0))
# call: length_ba(bytearray(b'xyz'))
# call: length_ba(bytearray(17))
# call: length_l([])
# call: length_l([5])
# call: length_l([1, -2, 3])
# call: length_l([7] * 12)


def item_b(x: bytes, i):
    return x[i]


def item_ba(x: bytearray, i: int) -> int:
    return x[i]


def item_l(x: list[int], i):
    return x[i]


# call: item_b(b'abc', 0)
# call: item_b(b'abc', 2)
# call: item_b(b'abc', 3)
# call: item_b(b'abc', -1)
# call: item_b(b'abc', -3)
# call: item_b(b'abc', -4)
# call: item_b(b'', 0)
# call: item_b(b'', -1)
# call: item_b(b'\xff\x00\x80', 0)
# call: item_b(b'\xff\x00\x80', 1)
# call: item_b(b'\xff\x00\x80', -1)
# call: item_b(b'abc', 9223372036854775807)
# call: item_b(b'abc', -9223372036854775807)
# call: item_b(bytes(5), 4)
# call: item_b(bytes(5), 5)
# call: item_ba(bytearray(b'\x01\x02\xfe'), 2)
# call: item_ba(bytearray(b'\x01\x02\xfe'), -3)
# call: item_ba(bytearray(b'\x01\x02\xfe'), 3)
# call: item_ba(bytearray(b'\x01\x02\xfe'), -4)
# call: item_ba(bytearray(0), 0)
# call: item_ba(bytearray(0), -1)
# call: item_ba(bytearray(4), -4)
# call: item_ba(bytearray(4), 9223372036854775807)
# call: item_l([10, -20, 30], 0)
# call: item_l([10, -20, 30], 1)
# call: item_l([10, -20, 30], -1)
# call: item_l([10, -20, 30], -3)
# call: item_l([10, -20, 30], 3)
# call: item_l([10, -20, 30], -4)
# call: item_l([], 0)
# call: item_l([], -1)
# call: item_l([9223372036854775807, -9223372036854775808], 0)
# call: item_l([9223372036854775807, -9223372036854775808], 1)
# call: item_l([9223372036854775807, -9223372036854775808], -2)
# call: item_l([1] * 20, 19)
# call: item_l([1] * 20, 20)
# call: item_l([1] * 20, -20)
# call: item_l([1] * 20, -21)
# call: item_l([4, 5], 9223372036854775807)
# call: item_l([4, 5], -9223372036854775807)


def extreme_negative_index(x: bytes, y: bytearray, z: list[int], which):
    # -2**63 as an index: -9223372036854775808 + len(x) must not wrap.
    m = -9223372036854775807 - 1
    if which == 0:
        return x[m]
    if which == 1:
        return y[m]
    return z[m]


# call: extreme_negative_index(b'ab', bytearray(b'ab'), [1, 2], 0)
# call: extreme_negative_index(b'ab', bytearray(b'ab'), [1, 2], 1)
# call: extreme_negative_index(b'ab', bytearray(b'ab'), [1, 2], 2)


def first_last(x: bytes):
    return x[0] * 1000 + x[-1] + x[len(x) - 1] * 1000000 + x[-len(x)]


# call: first_last(b'A')
# call: first_last(b'AZ')
# call: first_last(b'\x01\x02\x03\x04')
# call: first_last(b'')


def index_by_item(x: list[int]):
    # Follow the list as a chain of indexes from 0 for len(x) steps.
    i = 0
    for _ in range(len(x)):
        i = x[i]
    return i


# call: index_by_item([1, 2, 3, 0])
# call: index_by_item([0])
# call: index_by_item([2, 0, -1])
# call: index_by_item([3, 0, 1])
# call: index_by_item([])


def index_expressions(x: bytes, n):
    return x[n % len(x)] + x[-(n % len(x)) - 1] * 1000 + x[n - n]


# call: index_expressions(b'abcde', 7)
# call: index_expressions(b'abcde', -7)
# call: index_expressions(b'', 1)


def sum_b(x: bytes):
    s = 0
    for v in x:
        s += v
    return s


def sum_ba(x: bytearray):
    s = 0
    for v in x:
        s += v
    return s


def sum_l(x: list[int]):
    s = 0
    for v in x:
        s += v
    return s


# call: sum_b(b'')
# call: sum_b(b'\x01\x02\x03')
# call: sum_b(b'\xff')
# call: sum_b(b'hello, world')
# call: sum_b(bytes(100))
# call: sum_ba(bytearray(b'\xff\xff\xff\xff'))
# call: sum_ba(bytearray(0))
# call: sum_l([])
# call: sum_l([1, 2, 3, -6])
# call: sum_l([9223372036854775807, -9223372036854775807])
# call: sum_l([-9223372036854775808, 9223372036854775807])
# call: sum_l([4611686018427387904, 4611686018427387903])
# call: sum_l([4611686018427387904, 4611686018427387904])
# call: sum_l([3] * 25)


def weighted(x: bytes):
    s = 0
    for i, v in enumerate(x):
        s += (i + 1) * v
    return s


def weighted_l(x: list[int]):
    s = 0
    for i, v in enumerate(x):
        s += i * v - v
    return s


# call: weighted(b'')
# call: weighted(b'\x01')
# call: weighted(b'\x01\x01\x01\x01')
# call: weighted(b'abc')
# call: weighted_l([])
# call: weighted_l([5, 6, 7])
# call: weighted_l([-1] * 10)


def enumerate_ba(x: bytearray):
    s = 0
    for i, v in enumerate(x):
        s = s * 3 + i * 256 + v
    return s


# call: enumerate_ba(bytearray(b'\x10\x20'))
# call: enumerate_ba(bytearray(3))


def last_seen(x: bytes):
    # The loop name keeps the last item after the loop; after an empty loop
    # it was never assigned.
    for v in x:
        pass
    return v


# call: last_seen(b'xyz')
# call: last_seen(b'\x00')
# call: last_seen(b'')


def last_index(x: list[int]):
    for i, v in enumerate(x):
        pass
    return i * 1000 + v


# call: last_index([4, 5, 6])
# call: last_index([-7])
# call: last_index([])


def reassign_in_body(x: bytes):
    # Assigning the loop names in the body does not change the next step.
    s = 0
    for i, v in enumerate(x):
        s = s * 10 + i
        i = 100
        v = 200
    return s * 1000 + i + v


# call: reassign_in_body(b'abc')
# call: reassign_in_body(b'a')


def find_byte(x: bytes, b):
    for i, v in enumerate(x):
        if v == b:
            return i
    return -1


# call: find_byte(b'hello', 108)
# call: find_byte(b'hello', 104)
# call: find_byte(b'hello', 111)
# call: find_byte(b'hello', 122)
# call: find_byte(b'', 0)
# call: find_byte(bytes(4), 0)
# call: find_byte(b'abc', -1)
# call: find_byte(b'abc', 353)


def rfind_byte(x: bytes, b):
    i = len(x) - 1
    while i >= 0:
        if x[i] == b:
            return i
        i -= 1
    return -1


# call: rfind_byte(b'hello', 108)
# call: rfind_byte(b'hello', 0)
# call: rfind_byte(b'', 0)


def count_l(x: list[int], target):
    n = 0
    for v in x:
        if v != target:
            continue
        n += 1
    return n


# call: count_l([1, 2, 1, 3, 1], 1)
# call: count_l([1, 2, 1, 3, 1], 4)
# call: count_l([0] * 15, 0)
# call: count_l([], 0)


def first_zero_then_stop(x: bytearray):
    n = 0
    for v in x:
        if v == 0:
            break
        n += v
    return n


# call: first_zero_then_stop(bytearray(b'\x01\x02\x00\x09'))
# call: first_zero_then_stop(bytearray(b'\x05\x05'))
# call: first_zero_then_stop(bytearray(0))


def find_sub(hay: bytes, needle: bytes):
    n = len(hay)
    m = len(needle)
    for i in range(n - m + 1):
        j = 0
        while j < m and hay[i + j] == needle[j]:
            j += 1
        if j == m:
            return i
    return -1


# call: find_sub(b'hello world', b'world')
# call: find_sub(b'hello world', b'o')
# call: find_sub(b'hello world', b'')
# call: find_sub(b'hello world', b'worlds')
# call: find_sub(b'', b'')
# call: find_sub(b'', b'a')
# call: find_sub(b'aaab', b'aab')
# call: find_sub(b'abababc', b'ababc')


def count_pairs(x: bytes, total):
    # Nested loops over one buffer: pairs i < j with x[i] + x[j] == total.
    n = 0
    for i, a in enumerate(x):
        for j, b in enumerate(x):
            if i < j and a + b == total:
                n += 1
    return n


# call: count_pairs(b'\x01\x02\x03\x04\x05', 6)
# call: count_pairs(b'\x03\x03\x03', 6)
# call: count_pairs(b'', 0)


def common(x: bytes, y: list[int]):
    # Nested loops over two buffers of different kinds.
    n = 0
    for a in x:
        for b in y:
            if a == b:
                n += 1
                break
    return n


# call: common(b'abc', [97, 99, 1000])
# call: common(b'aaa', [97])
# call: common(b'', [1])
# call: common(b'a', [])


def nested_same_name(x: bytes, y: bytes):
    # The inner loop reuses the outer loop's name; the outer loop still
    # walks its own buffer.
    s = 0
    for v in x:
        s = s * 10 + v
        for v in y:
            s += v
    return s * 1000 + v


# call: nested_same_name(b'\x01\x02', b'\x03\x04')
# call: nested_same_name(b'\x01\x02', b'')


def equal(a: bytes, b: bytes):
    if len(a) != len(b):
        return 0
    for i in range(len(a)):
        if a[i] != b[i]:
            return 0
    return 1


def compare(a: bytes, b: bytes):
    # -1, 0 or 1 as in lexicographic order.
    i = 0
    while i < len(a) and i < len(b):
        if a[i] != b[i]:
            return -1 if a[i] < b[i] else 1
        i += 1
    return (len(a) > len(b)) - (len(a) < len(b))


# call: equal(b'abc', b'abc')
# call: equal(b'abc', b'abd')
# call: equal(b'abc', b'ab')
# call: equal(b'', b'')
# call: compare(b'abc', b'abd')
# call: compare(b'abd', b'abc')
# call: compare(b'ab', b'abc')
# call: compare(b'abc', b'ab')
# call: compare(b'', b'')
# call: compare(b'\xff', b'\x00\x00')


def pass_on_b(x: bytes, i):
    return item_b(x, i) + length_b(x) * 1000


def pass_on_ba(x: bytearray):
    return sum_ba(x) + length_ba(x) * 1000


def pass_on_l(x: list[int], t):
    return count_l(x, t) * 1000000 + sum_l(x)


# call: pass_on_b(b'xyz', 1)
# call: pass_on_b(b'xyz', 3)
# call: pass_on_ba(bytearray(b'\x01\x01'))
# call: pass_on_l([2, 2, 5], 2)


def sum_from(x: list[int], i):
    # Recursion with the buffer passed on at every level.
    if i >= len(x):
        return 0
    return x[i] + sum_from(x, i + 1)


# call: sum_from([1, 2, 3, 4], 0)
# call: sum_from([1, 2, 3, 4], 2)
# call: sum_from([1, 2, 3, 4], 4)
# call: sum_from([1] * 40, 0)


def bsearch(x: list[int], key):
    lo, hi = 0, len(x)
    while lo < hi:
        mid = (lo + hi) // 2
        if x[mid] < key:
            lo = mid + 1
        else:
            hi = mid
    if lo < len(x) and x[lo] == key:
        return lo
    return -1


# call: bsearch([1, 3, 5, 7, 9, 11], 7)
# call: bsearch([1, 3, 5, 7, 9, 11], 1)
# call: bsearch([1, 3, 5, 7, 9, 11], 11)
# call: bsearch([1, 3, 5, 7, 9, 11], 8)
# call: bsearch([1, 3, 5, 7, 9, 11], 0)
# call: bsearch([1, 3, 5, 7, 9, 11], 12)
# call: bsearch([], 5)
# call: bsearch([-9223372036854775808, 0, 9223372036854775807], 9223372036854775807)


def bsearch_rec(x: list[int], key, lo, hi):
    if lo >= hi:
        return -1
    mid = (lo + hi) // 2
    if x[mid] == key:
        return mid
    if x[mid] < key:
        return bsearch_rec(x, key, mid + 1, hi)
    return bsearch_rec(x, key, lo, mid)


# call: bsearch_rec([2, 4, 6, 8, 10], 10, 0, 5)
# call: bsearch_rec([2, 4, 6, 8, 10], 3, 0, 5)
# call: bsearch_rec([2, 4, 6, 8, 10], 2, 0, 6)


def max_l(x: list[int]):
    best = x[0]
    for v in x:
        best = max(best, v)
    return best


def argmin(x: list[int]):
    best = 0
    for i, v in enumerate(x):
        if v < x[best]:
            best = i
    return best


# call: max_l([3, 9, -2, 9, 4])
# call: max_l([-5])
# call: max_l([-9223372036854775808, -9223372036854775807])
# call: max_l([])
# call: argmin([3, 9, -2, 9, -2])
# call: argmin([])


def internet_checksum(x: bytes):
    # RFC 1071: ones' complement sum of 16-bit big-endian words.
    s = 0
    i = 0
    while i + 1 < len(x):
        s += (x[i] << 8) | x[i + 1]
        i += 2
    if i < len(x):
        s += x[i] << 8
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return ~s & 0xFFFF


# call: internet_checksum(b'')
# call: internet_checksum(b'\x00\x01\xf2\x03\xf4\xf5\xf6\xf7')
# call: internet_checksum(b'\xff\xff')
# call: internet_checksum(b'\x45\x00\x00\x73\x00\x00\x40\x00\x40\x11\x00\x00\xc0\xa8\x00\x01\xc0\xa8\x00\xc7')
# call: internet_checksum(b'\x01')
# call: internet_checksum(b'\x00\x00')


def adler32(x: bytes):
    a, b = 1, 0
    for v in x:
        a = (a + v) % 65521
        b = (b + a) % 65521
    return (b << 16) | a


# call: adler32(b'')
# call: adler32(b'Wikipedia')
# call: adler32(b'\xff\xff\xff\xff\xff\xff\xff\xff')
# call: adler32(bytes(5000))


def crc32(x: bytes):
    crc = 0xFFFFFFFF
    for v in x:
        crc ^= v
        for _ in range(8):
            if crc & 1:
                crc = (crc >> 1) ^ 0xEDB88320
            else:
                crc >>= 1
    return crc ^ 0xFFFFFFFF


# call: crc32(b'')
# call: crc32(b'123456789')
# call: crc32(b'The quick brown fox jumps over the lazy dog')
# call: crc32(b'\x00')
# call: crc32(b'\xff\xff\xff\xff')


def fnv1a32(x: bytearray):
    h = 0x811C9DC5
    for v in x:
        h = ((h ^ v) * 16777619) & 0xFFFFFFFF
    return h


# call: fnv1a32(bytearray(b''))
# call: fnv1a32(bytearray(b'a'))
# call: fnv1a32(bytearray(b'foobar'))


def bits_set(x: bytes):
    n = 0
    for v in x:
        while v:
            n += v & 1
            v >>= 1
    return n


# call: bits_set(b'\xff\x0f\x01\x00')
# call: bits_set(b'')
# call: bits_set(b'\x80')


def mixed_params(a: bytes, n, b: bytearray, m: int, c: list[int], k):
    # Buffers between integers: each name reads its own argument.
    return a[n] * 1000000 + b[m] * 1000 + c[k] + len(a) + len(b) + len(c)


# call: mixed_params(b'\x01\x02', 1, bytearray(b'\x03\x04\x05'), -1, [7, 8], 0)
# call: mixed_params(b'\x01\x02', 2, bytearray(b'\x03\x04\x05'), 0, [7, 8], 0)
# call: mixed_params(b'\x01\x02', 0, bytearray(b'\x03\x04\x05'), 3, [7, 8], 0)
# call: mixed_params(b'\x01\x02', 0, bytearray(b'\x03\x04\x05'), 0, [7, 8], 2)


def three_bytes(a: bytes, b: bytes, c: bytes):
    return a[0] + b[0] * 256 + c[0] * 65536


# call: three_bytes(b'\x01', b'\x02', b'\x03')
# call: three_bytes(b'\x01', b'', b'\x03')


def read_after_trap_elsewhere(x: bytes, n):
    # A trap in the index expression comes before the read.
    return x[10 // n]


# call: read_after_trap_elsewhere(b'abcdefghijk', 1)
# call: read_after_trap_elsewhere(b'abcdefghijk', 0)
# call: read_after_trap_elsewhere(b'abc', 1)


def truth_of_items(x: bytes):
    n = 0
    for v in x:
        if v:
            n += 1
        if not v:
            n += 100
    return n + (x[0] and x[1]) * 1000


# call: truth_of_items(b'\x00\x05\x00')
# call: truth_of_items(b'\x05\x07')
# call: truth_of_items(b'\x05')


def big_items(x: list[int]):
    # Items at the 64-bit edges, compared and combined without leaving the
    # range.
    return (x[0] > x[1]) + (x[0] // 2 - x[1] // 2 > 0) * 10 + (x[0] ^ x[1])


# call: big_items([9223372036854775807, -9223372036854775808])
# call: big_items([-1, 0])
