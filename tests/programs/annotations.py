# Type annotations that say int or bool change nothing: on parameters (all or
# some of them), on the return (-> int, -> bool), on local assignments
# (x: int = 0, ok: bool = n > 0, also re-annotating later) and on module
# constants. A function annotated -> bool still returns 1 / 0.

SIZE: int = 8
ENABLED: bool = True


def add(a: int, b: int) -> int:
    return a + b


# call: add(2, 3)
# call: add(9223372036854775807, 1)


def positive(n: int) -> bool:
    return n > 0


# call: positive(5)
# call: positive(-5)


def some_annotated(a, b: int, c) -> int:
    return a * 100 + b * 10 + c


# call: some_annotated(1, 2, 3)


def flag_param(flag: bool, n: int):
    if flag:
        return n
    return -n


# call: flag_param(1, 7)
# call: flag_param(0, 7)
# call: flag_param(-3, 7)


def annotated_locals(n: int) -> int:
    total: int = 0
    ok: bool = n > 0
    for i in range(n):
        total += i
    count: int = n
    count: int = count + 1
    return total * 10 + ok + count * 1000


# call: annotated_locals(4)
# call: annotated_locals(0)


def uses_module(n: int) -> int:
    return n * SIZE + ENABLED


# call: uses_module(5)


def bool_value_returned(n: int) -> bool:
    # Annotations do not convert: this returns the int itself.
    return n


# call: bool_value_returned(42)


def int_of_bool(b: bool) -> int:
    x: bool = b
    return x + 1


# call: int_of_bool(1)
# call: int_of_bool(41)
