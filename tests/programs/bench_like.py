# The benchmark programs (collatz, fib, gcd, mandel, primes, sum_loop, tak,
# xorshift) with small arguments, so that CPython checks their results
# quickly.


def steps(x):
    count = 0
    while x != 1:
        if x % 2 == 0:
            x = x // 2
        else:
            x = 3 * x + 1
        count += 1
    return count


def collatz_longest(n):
    best = 0
    best_start = 1
    for start in range(1, n):
        c = steps(start)
        if c > best:
            best, best_start = c, start
    return best_start * 1000 + best


# call: collatz_longest(2)
# call: collatz_longest(1000)
# call: collatz_longest(3000)


def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)


# call: fib(18)


def gcd(a, b):
    while b:
        a, b = b, a % b
    return a


def gcd_sum(n):
    total = 0
    for i in range(1, n):
        for j in range(1, n):
            total += gcd(i, j)
    return total


# call: gcd_sum(1)
# call: gcd_sum(60)


def escape(cr, ci, limit):
    zr = 0
    zi = 0
    n = 0
    while n < limit and zr * zr + zi * zi <= (4 << 24):
        zr, zi = ((zr * zr - zi * zi) >> 12) + cr, ((2 * zr * zi) >> 12) + ci
        n += 1
    return n


def mandel(size):
    total = 0
    for y in range(size):
        for x in range(size):
            cr = (x * 3 * 4096) // size - 2 * 4096
            ci = (y * 2 * 4096) // size - 4096
            total += escape(cr, ci, 200)
    return total


# call: mandel(1)
# call: mandel(24)


def is_prime(n):
    if n < 2:
        return False
    if n % 2 == 0:
        return n == 2
    d = 3
    while d * d <= n:
        if n % d == 0:
            return False
        d += 2
    return True


def count_primes(n):
    count = 0
    for k in range(n):
        if is_prime(k):
            count += 1
    return count


# call: count_primes(0)
# call: count_primes(3)
# call: count_primes(10000)
# call: is_prime(2)
# call: is_prime(1000000007)
# call: is_prime(999999999989)
# call: is_prime(-7)


def sum_loop(n):
    s = 0
    for i in range(n):
        s += (i * 7) % 13
    return s


# call: sum_loop(0)
# call: sum_loop(100000)


def tak(x, y, z):
    if y < x:
        return tak(tak(x - 1, y, z), tak(y - 1, z, x), tak(z - 1, x, y))
    return z


# call: tak(14, 10, 6)


def xorshift(n):
    x = 2463534242
    acc = 0
    lo = 1 << 40
    hi = 0
    for _ in range(n):
        x ^= (x << 13) & 0xFFFFFFFF
        x ^= x >> 17
        x ^= (x << 5) & 0xFFFFFFFF
        acc = (acc + abs(x - 2147483648)) & 0xFFFFFFFFFFFF
        lo = min(lo, x)
        hi = max(hi, x)
    return acc ^ lo ^ hi


# call: xorshift(0)
# call: xorshift(20000)
