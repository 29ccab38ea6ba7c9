# Identifiers: leading underscores, `_` alone, digits, mixed case, names
# that are keywords elsewhere or soft keywords in Python (match, case, _,
# var, let, fn, i64, elif_, true, none), a name of 107 characters, and the same
# name used as a parameter in one function and a local in another.


def _private(_x, __y, x1, X1, camelCase):
    return _x * 10000 + __y * 1000 + x1 * 100 + X1 * 10 + camelCase


# call: _private(1, 2, 3, 4, 5)


def soft_keywords(match, case):
    kind = match + case
    _ = kind * 2
    return _ + match


# call: soft_keywords(3, 4)


def elsewhere_keywords(var, let):
    fn = var * let
    i64 = fn + 1
    elif_ = i64 - 2
    true = elif_ > 0
    none = 0
    return true * 1000 + elif_ + none


# call: elsewhere_keywords(6, 7)
# call: elsewhere_keywords(0, 0)


def a_very_long_identifier_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx_end(n):
    a_very_long_identifier_xxxxxxxxxxxxxxxxx = n + 1
    return a_very_long_identifier_xxxxxxxxxxxxxxxxx * 2


def calls_long(n):
    return a_very_long_identifier_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx_end(n)


# call: calls_long(20)


def shared_a(value):
    return value + 1


def shared_b(n):
    value = n * 3
    return shared_a(value) + value


# call: shared_b(5)


def CamelCaseFunction(N):
    return N * N


def snake_after_camel(n):
    return CamelCaseFunction(n) + camelcasefunction(n)


def camelcasefunction(n):
    return -n


# call: snake_after_camel(9)
