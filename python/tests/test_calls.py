"""Recursion, calls between jitted functions of a module (compiled
together), module constants, and the recursion limit."""

import pytest

import minijit
from oracle import same

LIMIT = 10
SCALE = 3
BIG = 2**70
ON = True


@minijit.jit
def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)


@minijit.jit
def is_even(n):
    if n == 0:
        return 1
    return is_odd(n - 1)


@minijit.jit
def is_odd(n):
    if n == 0:
        return 0
    return is_even(n - 1)


@minijit.jit
def scaled(x):
    return x * SCALE + LIMIT + ON


@minijit.jit
def depth(n):
    if n == 0:
        return 0
    return 1 + depth(n - 1)


@minijit.jit(recursion_limit=50)
def shallow(n):
    if n == 0:
        return 0
    return 1 + shallow(n - 1)


def test_recursion():
    for n in range(15):
        same(fib, n)
    assert fib(30) == 832040
    assert fib.program.functions() == ["fib"]


def test_mutual_calls_compile_together():
    assert is_even(10) == 1 and is_odd(7) == 1
    for n in range(30):
        same(is_even, n)
    assert sorted(is_even.program.functions()) == ["is_even", "is_odd"]


def test_module_constants_are_read_at_compile_time():
    global SCALE
    assert scaled(2) == 2 * 3 + 10 + 1
    SCALE = 100
    try:
        assert scaled(2) == 17  # compiled with SCALE = 3
        fresh = minijit.jit(scaled.py_func)
        assert fresh(2) == 2 * 100 + 10 + 1
    finally:
        SCALE = 3
    assert "SCALE = 3" in scaled.program.source


def test_recursion_limit_is_exact():
    assert depth(999) == 999  # 1,000 frames: the default limit
    with pytest.raises(RecursionError, match="maximum recursion depth exceeded"):
        depth(1000)
    assert depth(10) == 10
    assert shallow.recursion_limit == 50
    assert shallow(49) == 49
    with pytest.raises(RecursionError):
        shallow(50)


def test_deep_recursion_raises_never_crashes():
    @minijit.jit(recursion_limit=10**7)
    def deep(n):
        if n == 0:
            return 0
        return 1 + deep(n - 1)

    assert deep(10_000) == 10_000
    # However deep the limit, the thread's stack is never overrun.
    with pytest.raises(RecursionError):
        deep(10**7)


def plain(x):
    return x


@minijit.jit
def uses_plain(x):
    return plain(x)


def test_a_plain_python_function_is_not_callable_from_jitted_code():
    with pytest.raises(minijit.CompileError, match="decorate it with @minijit.jit"):
        uses_plain(1)

    def helper(x):
        return x

    @minijit.jit
    def uses_helper(x):
        return helper(x)

    with pytest.raises(minijit.CompileError, match="only module globals"):
        uses_helper(1)


@minijit.jit
def uses_big(x):
    return x + BIG


def test_a_constant_outside_64_bits_is_a_compile_error():
    with pytest.raises(minijit.CompileError, match="`BIG` does not fit in 64 bits"):
        uses_big(1)


def test_options_out_of_range_are_value_errors():
    def f(x):
        return x

    for options, message in [
        (dict(recursion_limit=0), "recursion_limit must be from 1 to 2\\*\\*32 - 1, not 0"),
        (dict(recursion_limit=-1), "recursion_limit must be from 1 to 2\\*\\*32 - 1, not -1"),
        (dict(recursion_limit=2**32), "recursion_limit must be from 1"),
        (dict(fuel=-5), "fuel must be None or from 0 to 2\\*\\*64 - 1, not -5"),
        (dict(fuel=2**64), "fuel must be None or from 0"),
    ]:
        with pytest.raises(ValueError, match=message):
            minijit.jit(**options)(f)
    with pytest.raises(TypeError):
        minijit.jit(recursion_limit="5")(f)
    # The ends of the ranges are taken.
    assert minijit.jit(recursion_limit=2**32 - 1, fuel=2**64 - 1)(f)(7) == 7
    assert minijit.jit(recursion_limit=True)(f)(7) == 7
