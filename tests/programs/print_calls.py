# print(e, ...), the command line's host function: zero arguments (an empty
# line), one, two and many (up to 16) integer arguments separated by one
# space, negative numbers and the 64-bit extremes, comparisons printed as
# int(a < b) (CPython would print True), arithmetic on bools that gives ints;
# print in loops, in branches, in recursion, in functions returning None and
# returning ints, after semicolons; arguments evaluated left to right before
# anything is printed (a print inside an argument comes first; a trap in an
# argument prints nothing for that call, the lines before it stay); buffer
# items and lengths printed.


def empty_line():
    print()


def one(n):
    print(n)
    return n


def two(a, b):
    print(a, b)


def many(n):
    print(n, n + 1, n + 2, n + 3, n + 4, n + 5, n + 6, n + 7, n + 8, n + 9,
          n + 10, n + 11, n + 12, n + 13, n + 14, n + 15)
    return 16


# call: empty_line()
# call: one(0)
# call: one(7)
# call: one(-7)
# call: one(9223372036854775807)
# call: one(-9223372036854775808)
# call: two(1, -1)
# call: two(-9223372036854775808, 9223372036854775807)
# call: many(0)
# call: many(-8)
# call: many(9223372036854775792)
# n + 15 does not fit: nothing is printed (CPython prints 2**63):
# expect: many(9223372036854775793) -> OverflowError


def literals():
    print(0x10, 0o17, 0b101, 1_000_000, -0)
    print(- 5, +5, ~5, int(not 5), 2 ** 10)


# call: literals()


def comparisons(a, b):
    print(int(a < b), int(a == b), int(a > b))
    print(int(not a), int(bool(b)))
    print(True + 0, False + 0, True * 5, -True, +True, True // 1, abs(True))
    return a < b


# call: comparisons(1, 2)
# call: comparisons(2, 2)
# call: comparisons(0, -1)


def and_or(a, b):
    print(a and b, a or b, int(a) and 7, b or 0)


# call: and_or(3, 5)
# call: and_or(0, 5)
# call: and_or(3, 0)


def count_to(n):
    for i in range(n):
        print(i)
    return n


# call: count_to(0)
# call: count_to(1)
# call: count_to(5)


def table(n):
    for i in range(1, n + 1):
        for j in range(1, n + 1):
            print(i, j, i * j)


# call: table(3)
# call: table(0)


def fizz(n):
    # -3, -5, -15 stand for Fizz, Buzz, FizzBuzz.
    for i in range(1, n + 1):
        if i % 15 == 0:
            print(-15)
        elif i % 3 == 0:
            print(-3)
        elif i % 5 == 0:
            print(-5)
        else:
            print(i)


# call: fizz(15)


def collatz(n):
    steps = 0
    while n != 1:
        print(n)
        if n % 2:
            n = 3 * n + 1
        else:
            n //= 2
        steps += 1
    print(n)
    return steps


# call: collatz(6)
# call: collatz(1)
# call: collatz(27)


def depth(n):
    # Lines before and after the recursive call.
    print(n)
    if n > 0:
        depth(n - 1)
    print(-n)


# call: depth(3)


def fact(n):
    if n <= 1:
        print(1)
        return 1
    r = n * fact(n - 1)
    print(r)
    return r


# call: fact(5)
# call: fact(20)
# CPython prints the 20 partial products before 21! fails; minijit stops at
# the same place with OverflowError:
# expect: fact(21) -> OverflowError | printed '1\n2\n6\n24\n120\n720\n5040\n40320\n362880\n3628800\n39916800\n479001600\n6227020800\n87178291200\n1307674368000\n20922789888000\n355687428096000\n6402373705728000\n121645100408832000\n2432902008176640000\n'


def shown(n):
    print(n)
    return n


def nested(a, b):
    # Arguments first: the inner prints come before the outer one.
    print(shown(a), shown(b), shown(a) + shown(b))
    return 0


# call: nested(1, 2)


def trap_in_argument(n):
    print(1)
    print(2, 10 // n, shown(3))
    print(4)
    return n


# call: trap_in_argument(5)
# call: trap_in_argument(0)


def trap_after_argument(n):
    # shown(3) prints before the division traps.
    print(shown(3), 10 // n)
    return n


# call: trap_after_argument(0)
# call: trap_after_argument(2)


def assert_after_print(n):
    print(n)
    assert n > 0, "not positive"
    print(n * 2)


# call: assert_after_print(1)
# call: assert_after_print(0)


def overflow_in_argument(n):
    print(n)
    print(n * n)
    return 1


# call: overflow_in_argument(3037000499)
# expect: overflow_in_argument(3037000500) -> OverflowError | printed '3037000500\n'


def semicolons(n):
    print(n); print(n + 1); print()
    return n


# call: semicolons(9)


def print_buffer(x: bytes, y: list[int]):
    print(len(x), len(y))
    for v in x:
        print(v)
    for i, v in enumerate(y):
        print(i, v, x[i])


# call: print_buffer(b'\x00\xff', [-1, 9223372036854775807])
# call: print_buffer(b'', [])
# call: print_buffer(b'ab', [1, 2, 3])


def dump(x: bytearray):
    # All items on one line: up to 8 arguments, chosen by length.
    n = len(x)
    if n == 0:
        print()
    elif n == 1:
        print(x[0])
    elif n == 2:
        print(x[0], x[1])
    elif n == 3:
        print(x[0], x[1], x[2])
    else:
        print(x[0], x[1], x[2], x[3], x[4], x[5], x[6], x[7])


def dump_after_fill(x: bytearray, v):
    dump(x)
    for i in range(len(x)):
        x[i] = v
    dump(x)
    return v


# call: dump_after_fill(bytearray(0), 1)
# call: dump_after_fill(bytearray(1), 255)
# call: dump_after_fill(bytearray(3), 7)
# call: dump_after_fill(bytearray(8), 3)
# call: dump_after_fill(bytearray(5), 3)
# call: dump_after_fill(bytearray(3), 300)


def loop_with_break(n):
    i = 0
    while True:
        if i * i > n:
            break
        print(i, i * i)
        i += 1
    return i


# call: loop_with_break(10)
# call: loop_with_break(-1)
