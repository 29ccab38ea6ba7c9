# Left shifts masked to 32 bits (`(x << k) & 0xFFFFFFFF`) once the shift is
# proven to fit: counts 0, 1, 13 and 31, negative and large operands, a
# 32-bit xorshift generator, and the shifted value kept and read again.


def low(x, y):
    a = x & 0xFFFFFFFFFF
    b = y & 0xFFFF
    return ((a << 0) & 0xFFFFFFFF) ^ ((a << 1) & 0xFFFFFFFF) ^ ((b << 31) & 0xFFFFFFFF) ^ ((a << 13) & 0xFFFFFFFF)


# call: low(0, 0)
# call: low(-1, -1)
# call: low(1099511627775, 65535)
# call: low(-9223372036854775808, 9223372036854775807)
# call: low(2463534242, 3)
# call: low(-123456789, -7)


def kept(x):
    a = x & 0xFFFFFFFF
    s = a << 7
    return (s & 0xFFFFFFFF) + s


# call: kept(-1)
# call: kept(4294967295)
# call: kept(305419896)


def xorshift32(seed, n):
    x = seed & 0xFFFFFFFF
    acc = 0
    for _ in range(n):
        x ^= (x << 13) & 0xFFFFFFFF
        x ^= x >> 17
        x ^= (x << 5) & 0xFFFFFFFF
        acc = (acc + x) & 0xFFFFFFFFFFFF
    return acc ^ x


# call: xorshift32(2463534242, 1000)
# call: xorshift32(-1, 37)
# call: xorshift32(1, 0)
