# Products and divisions a loop test computes and the body computes again on
# the values passed back (the `carried` pass hands them over as block
# parameters): results, the point where an overflow stops the loop, output
# printed before it, divisions by zero, constant arms whose products would
# overflow.


def squares_below(limit, step):
    # The loop test squares x; the body squares it again.
    x = 0
    n = 0
    while n < 100 and x * x < limit:
        x = x * x // 7 + step
        n += 1
    return x * 1000 + n


# call: squares_below(1000000, 3)
# call: squares_below(0, 1)
# expect: squares_below(9223372036854775807, 1000) -> OverflowError
# call: squares_below(9223372036854775807, -1000)


def overflow_in_test(start):
    # The test's product overflows on some round: the exception comes from
    # the test, after the prints of the rounds before it.
    x = start
    while x * x > 0:
        print(x)
        x = x * x + 1
    return x


# expect: overflow_in_test(2) -> OverflowError | printed '2\n5\n26\n677\n458330\n'
# call: overflow_in_test(0)
# expect: overflow_in_test(-3037000500) -> OverflowError


def quotient_carried(n, d):
    # The test divides by d; the body divides the same values again.
    q = n
    rounds = 0
    while rounds < 50 and q // d != 0:
        q = q // d + q % d
        rounds += 1
    return q * 100 + rounds


# call: quotient_carried(1000000, 3)
# call: quotient_carried(1000000, 0)
# call: quotient_carried(-1000000, 7)
# call: quotient_carried(5, -1)


def constant_arms(flag, k):
    # Each arm passes a constant; the join multiplies it: each way in has
    # the product as a constant, except where it would overflow.
    if flag:
        a = 3037000500
    else:
        a = -2
    b = a * a
    return b + k


# expect: constant_arms(1, 5) -> OverflowError
# call: constant_arms(0, 5)


def sieve_bound(n):
    # The sieve's outer loop: p * p in the test and in the body.
    count = 0
    p = 2
    while p * p <= n:
        count += p * p
        p += 1
    return count


# call: sieve_bound(1000)
# call: sieve_bound(3)
