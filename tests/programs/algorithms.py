# Small integer algorithms mixing everything: integer square root (Newton),
# modular exponentiation, popcount, digit reversal, binary GCD, a linear
# congruential generator with masks, perfect numbers, Catalan numbers,
# Euler's totient, the number of partitions by recursion, and a checksum.


def isqrt(n):
    assert n >= 0, "isqrt of a negative number"
    if n < 2:
        return n
    x = n
    y = (x + 1) // 2
    while y < x:
        x = y
        y = (x + n // x) // 2
    return x


# call: isqrt(0)
# call: isqrt(15)
# call: isqrt(16)
# call: isqrt(1000000007)
# call: isqrt(9223372036854775806)
# call: isqrt(-1)


def modpow(b, e, m):
    r = 1
    b %= m
    while e > 0:
        if e & 1:
            r = r * b % m
        b = b * b % m
        e >>= 1
    return r


# call: modpow(2, 10, 1000)
# call: modpow(3, 1000000006, 1000000007)
# call: modpow(-2, 3, 7)
# call: modpow(5, 0, 7)


def popcount(x):
    n = 0
    while x:
        x &= x - 1
        n += 1
    return n


# call: popcount(0)
# call: popcount(255)
# call: popcount(9223372036854775807)


def reverse_digits(n):
    sign = -1 if n < 0 else 1
    n = abs(n)
    r = 0
    while n:
        r = r * 10 + n % 10
        n //= 10
    return sign * r


# call: reverse_digits(12345)
# call: reverse_digits(-120)
# call: reverse_digits(0)
# call: reverse_digits(1000000000000000009)
# call: reverse_digits(9000000000000000001)


def binary_gcd(a, b):
    if a == 0:
        return b
    if b == 0:
        return a
    shift = 0
    while (a | b) & 1 == 0:
        a >>= 1
        b >>= 1
        shift += 1
    while a & 1 == 0:
        a >>= 1
    while b != 0:
        while b & 1 == 0:
            b >>= 1
        if a > b:
            a, b = b, a
        b -= a
    return a << shift


# call: binary_gcd(48, 180)
# call: binary_gcd(0, 7)
# call: binary_gcd(1, 1)
# call: binary_gcd(4611686018427387904, 6917529027641081856)


def lcg(seed, n):
    x = seed
    for _ in range(n):
        x = (x * 1103515245 + 12345) & 0x7FFFFFFF
    return x


# call: lcg(42, 1000)
# call: lcg(0, 1)


def is_perfect(n):
    s = 1
    d = 2
    while d * d <= n:
        if n % d == 0:
            s += d
            if d * d != n:
                s += n // d
        d += 1
    return n > 1 and s == n


def perfect_numbers(limit):
    found = 0
    total = 0
    for n in range(2, limit):
        if is_perfect(n):
            found += 1
            total = total * 10000 + n
    return total


# call: perfect_numbers(10000)


def catalan(n):
    c = 1
    for i in range(n):
        c = c * 2 * (2 * i + 1) // (i + 2)
    return c


# call: catalan(0)
# call: catalan(10)
# call: catalan(30)


def totient(n):
    result = n
    p = 2
    while p * p <= n:
        if n % p == 0:
            while n % p == 0:
                n //= p
            result -= result // p
        p += 1
    if n > 1:
        result -= result // n
    return result


# call: totient(1)
# call: totient(36)
# call: totient(1000000007)


def partitions(n, k):
    # Partitions of n into parts of size at most k.
    if n == 0:
        return 1
    if n < 0 or k == 0:
        return 0
    return partitions(n - k, k) + partitions(n, k - 1)


# call: partitions(10, 10)
# call: partitions(30, 30)


def checksum(n):
    # 32-bit FNV-1a over the low bytes of 0 .. n - 1.
    h = 0x811C9DC5
    for i in range(n):
        h = ((h ^ (i & 0xFF)) * 16777619) & 0xFFFFFFFF
    return h


# call: checksum(0)
# call: checksum(1000)
