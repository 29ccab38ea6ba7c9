# Functions without `return e` return None: they end by reaching the end of
# their body or by a bare `return` or `return None` (at the end, early,
# inside loops and branches), are annotated `-> None` or not at all, have a body of only
# `pass`, only a docstring, only an assert, or a `while True:` left by a
# break; they are called as statements (from int functions, from other None
# functions, recursively, in loops and branches), mutate buffers, and trap
# like any call (the trap stops the caller; writes made before it stay). A
# `# call:` of such a function answers None.


def nothing():
    pass


def nothing_n(n):
    pass


def only_docstring(n: int) -> None:
    """Does nothing."""


def annotated(n: int) -> None:
    n += 1


# call: nothing()
# call: nothing_n(5)
# call: nothing_n(-9223372036854775808)
# call: only_docstring(1)
# call: annotated(9223372036854775806)


def bare_return(n):
    return


def early_return(n):
    if n > 0:
        return
    n = 10 // n


def return_none(n):
    if n > 0:
        return None
    n -= 1
    return None


def return_none_inline(n: int) -> None:
    if n: return None
    pass


# call: bare_return(0)
# call: return_none(1)
# call: return_none(-1)
# call: return_none_inline(0)
# call: return_none_inline(3)
# call: early_return(1)
# call: early_return(-1)
# call: early_return(0)


def checks(n):
    assert n != 3, "three"


def checks_twice(a, b):
    checks(a)
    checks(b)


# call: checks(2)
# call: checks(3)
# call: checks_twice(1, 2)
# call: checks_twice(1, 3)
# call: checks_twice(3, 1)


def traps_inside(n):
    # A trap in the None function stops it; its caller stops too.
    x = 1 // n
    x = x + 1


def caller(n):
    traps_inside(n)
    return n * 2


# call: traps_inside(1)
# call: traps_inside(0)
# call: caller(4)
# call: caller(0)


def loop_until(n):
    # Leaves a `while True:` by break and reaches the end.
    i = 0
    while True:
        i += 1
        if i >= n:
            break
    assert i < 100


def loop_return(n):
    # Leaves a `while True:` by a bare return; its end is never reached.
    i = 0
    while True:
        i += 1
        if i >= n:
            return


# call: loop_until(5)
# call: loop_until(-5)
# call: loop_until(100)
# call: loop_return(3)


def overflow_inside(n):
    n = n + 1


# call: overflow_inside(0)
# CPython makes a big integer and drops it; minijit stops at the overflow:
# expect: overflow_inside(9223372036854775807) -> OverflowError


def fill(x: bytearray, v):
    for i in range(len(x)):
        x[i] = v


def fill_then_count(x: bytearray, v):
    fill(x, v)
    n = 0
    for b in x:
        n += b == v
    return n


# call: fill(bytearray(3), 7)
# call: fill(bytearray(0), 7)
# call: fill(bytearray(3), 256)
# call: fill(bytearray(b'abc'), -1)
# call: fill_then_count(bytearray(4), 9)
# call: fill_then_count(bytearray(4), 999)


def fill_l(x: list[int], v) -> None:
    for i, _ in enumerate(x):
        x[i] = v + i


# call: fill_l([0, 0, 0], 100)
# call: fill_l([0, 0, 0], 9223372036854775805)
# expect: fill_l([0, 0, 0], 9223372036854775806) -> OverflowError | [9223372036854775806, 9223372036854775807, 0]
# call: fill_l([], 1)


def set_at(x: list[int], i, v):
    if i < 0:
        return
    x[i] = v


# call: set_at([1, 2, 3], 1, 20)
# call: set_at([1, 2, 3], -1, 20)
# call: set_at([1, 2, 3], 3, 20)


def swap_items(x: list[int], i, j):
    x[i], x[j] = x[j], x[i]


def bubble_sort(x: list[int]):
    n = len(x)
    for i in range(n):
        swapped = 0
        for j in range(n - 1 - i):
            if x[j] > x[j + 1]:
                swap_items(x, j, j + 1)
                swapped = 1
        if not swapped:
            return


# call: bubble_sort([5, 1, 4, 2, 8])
# call: bubble_sort([1, 2, 3])
# call: bubble_sort([])
# call: bubble_sort([-9223372036854775808, 9223372036854775807, 0, -1, 1])


def partition(x: list[int], lo, hi):
    pivot = x[hi]
    i = lo
    for j in range(lo, hi):
        if x[j] < pivot:
            swap_items(x, i, j)
            i += 1
    swap_items(x, i, hi)
    return i


def quicksort(x: list[int], lo, hi):
    # Recursive, in place, no value returned.
    if lo >= hi:
        return
    p = partition(x, lo, hi)
    quicksort(x, lo, p - 1)
    quicksort(x, p + 1, hi)


def sort(x: list[int]):
    quicksort(x, 0, len(x) - 1)


# call: sort([3, 6, 1, 8, 2, 9, 4, 7, 5, 0])
# call: sort([1, 1, 1])
# call: sort([2, 1])
# call: sort([])
# call: sort([5])
# call: sort([10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0, -1, -2, -3])


def sorted_sum(x: list[int]):
    # A None call in the middle of an int function.
    sort(x)
    s = 0
    for i, v in enumerate(x):
        s += i * v
    return s


# call: sorted_sum([3, 1, 2])
# call: sorted_sum([])


def countdown(x: list[int], n):
    # Recursion through a None function; each level writes one item.
    if n == 0:
        return
    x[n - 1] = n
    countdown(x, n - 1)


# call: countdown([0, 0, 0, 0], 4)
# call: countdown([0, 0, 0, 0], 0)
# call: countdown([0, 0, 0], 5)


def reverse_bytes(x: bytearray):
    i, j = 0, len(x) - 1
    while i < j:
        x[i], x[j] = x[j], x[i]
        i += 1
        j -= 1


def reverse_thrice(x: bytearray):
    # Three reversals of the same buffer leave it reversed.
    reverse_bytes(x)
    reverse_bytes(x)
    reverse_bytes(x)
    return x[0]


# call: reverse_bytes(bytearray(b'abcdef'))
# call: reverse_bytes(bytearray(b'abcde'))
# call: reverse_bytes(bytearray(0))
# call: reverse_thrice(bytearray(b'xyz'))


def add_into(dst: list[int], src: bytes):
    for i, v in enumerate(src):
        dst[i] += v


def add_twice(dst: list[int], src: bytes):
    add_into(dst, src)
    add_into(dst, src)
    return dst[0]


# call: add_into([0, 0, 0], b'\x01\x02\x03')
# call: add_into([0, 0], b'\x01\x02\x03')
# call: add_twice([10, 20], b'\x05\x06')


def in_branches(x: list[int], n):
    if n > 0:
        fill_l(x, n)
    elif n < 0:
        set_at(x, 0, n)
    else:
        nothing()
    for _ in range(n):
        nothing_n(n)
    while n > 100:
        nothing()
        n -= 100
    return n


# call: in_branches([0, 0], 3)
# call: in_branches([0, 0], -3)
# call: in_branches([0, 0], 0)
# call: in_branches([0, 0], 250)


def semicolons(x: list[int]):
    set_at(x, 0, 1); set_at(x, 1, 2); nothing()


# call: semicolons([0, 0])
# call: semicolons([0])


def deep(n):
    # A chain of None calls 300 deep.
    if n > 0:
        deep(n - 1)


# call: deep(300)
# call: deep(0)
