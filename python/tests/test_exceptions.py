"""Traps raise Python's built-in exceptions with CPython's messages; the
code stays callable afterwards.

PYTEST_DONT_REWRITE: the functions' own asserts are the oracle's.
"""

import sys

import pytest

import minijit
from oracle import same


@minijit.jit
def div(a, b):
    return a // b


@minijit.jit
def mod(a, b):
    return a % b


@minijit.jit
def power(a, n):
    return a**n


@minijit.jit
def shift(a, n):
    return a << n


@minijit.jit
def checked(a):
    assert a > 0, "a must be positive"
    assert a < 100
    return a


@minijit.jit
def empty_message(a):
    assert a > 0, ""
    assert a > 1
    return a


@minijit.jit
def maybe_unbound(a):
    if a > 0:
        x = a
    return x


@minijit.jit
def steps(a, b, step):
    total = 0
    for i in range(a, b, step):
        total += i
    return total


def test_zero_division_as_cpython():
    got = same(div, 1, 0)
    assert got == ("raise", ZeroDivisionError, "integer division or modulo by zero")
    # CPython's own words, which changed for `%` in 3.11.
    modulo = "integer modulo by zero" if sys.version_info >= (3, 11) else got[2]
    assert same(mod, 1, 0) == ("raise", ZeroDivisionError, modulo)
    same(power, 0, -1)
    assert div(7, 2) == 3  # callable again after the trap


def test_value_errors_as_cpython():
    assert same(shift, 1, -1) == ("raise", ValueError, "negative shift count")
    assert same(steps, 0, 10, 0) == ("raise", ValueError, "range() arg 3 must not be zero")
    same(steps, 0, 10, 3)
    same(steps, 10, -10, -4)


def test_assertions_as_cpython():
    assert same(checked, -1) == ("raise", AssertionError, "a must be positive")
    assert same(checked, 100) == ("raise", AssertionError, "")
    same(checked, 50)


def test_a_bare_assert_raises_without_arguments():
    # CPython: AssertionError() for `assert e`, AssertionError('') for
    # `assert e, ""`; both print alike, their args differ.
    for args, a in [((), 1), (("",), 0)]:
        with pytest.raises(AssertionError) as jit:
            empty_message(a)
        with pytest.raises(AssertionError) as python:
            empty_message.py_func(a)
        assert jit.value.args == python.value.args == args, a
    with pytest.raises(AssertionError) as bare:
        checked(100)
    assert bare.value.args == ()


def test_unbound_local():
    with pytest.raises(UnboundLocalError):
        maybe_unbound(0)
    if sys.version_info >= (3, 11):  # CPython's wording before 3.11 differed
        same(maybe_unbound, 0)
    same(maybe_unbound, 3)


def test_overflow_where_cpython_would_grow_a_big_integer():
    # The one deliberate difference: minijit refuses to give a wrong answer.
    with pytest.raises(OverflowError, match="integer result does not fit in 64 bits"):
        power(2, 64)
    with pytest.raises(OverflowError):
        shift(1, 63)
    assert power(2, 62) == 2**62
    assert shift(1, 62) == 1 << 62


@minijit.jit(fuel=1000)
def spin(n):
    total = 0
    for i in range(n):
        total += i
    return total


def test_fuel_exhausted():
    assert issubclass(minijit.FuelExhausted, Exception)
    assert spin(10) == 45
    with pytest.raises(minijit.FuelExhausted):
        spin(10**9)
    assert spin(100) == 4950
    assert spin.fuel == 1000


def test_fuel_must_not_be_negative():
    with pytest.raises(ValueError):
        minijit.jit(fuel=-1)(spin.py_func)


def test_failing_calls_release_their_exceptions():
    # `div` has no loop or call: it runs without releasing the GIL, on the
    # fast path for integers. Each exception it raised used to keep a
    # reference to its type until some other call released the GIL.
    div(1, 1)
    before = sys.getrefcount(ZeroDivisionError)
    for _ in range(10_000):
        with pytest.raises(ZeroDivisionError):
            div(1, 0)
    assert sys.getrefcount(ZeroDivisionError) - before < 10
