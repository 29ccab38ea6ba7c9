"""bytes, bytearray, memoryview and array.array reach buffer parameters
without copying; lists are converted in and written back."""

import array
import threading
import time

import pytest

import minijit
from oracle import same


@minijit.jit
def total(data: bytes) -> int:
    s = 0
    for v in data:
        s += v
    return s


@minijit.jit
def at(data: bytes, i: int) -> int:
    return data[i]


@minijit.jit
def fill(buf: bytearray, start: int) -> None:
    for i in range(len(buf)):
        buf[i] = start + i


@minijit.jit
def scale(xs: list[int], k: int) -> int:
    for i in range(len(xs)):
        xs[i] *= k
    return len(xs)


@minijit.jit
def set_item(xs: list[int], i: int, v: int) -> None:
    xs[i] = v


@minijit.jit
def copy_into(dst: bytearray, src: bytes) -> None:
    for i in range(len(src)):
        dst[i] = src[i]


def test_bytes_like_arguments():
    data = b"minijit"
    expected = sum(data)
    assert total(data) == expected
    assert total(bytearray(data)) == expected
    assert total(memoryview(data)) == expected
    assert total(array.array("B", data)) == expected
    assert total(b"") == 0
    same(total, data)
    same(total, bytearray(b"\xff" * 1000))


def test_index_errors_as_cpython():
    assert same(at, b"abc", 3) == ("raise", IndexError, "index out of range")
    assert same(at, b"abc", -1) == ("ok", ord("c"))
    same(at, b"abc", -4)
    # The message follows the parameter's annotation, not the object passed.
    with pytest.raises(IndexError, match="^index out of range$"):
        at(bytearray(b"abc"), 3)


def test_bytearray_written_in_place():
    buf = bytearray(5)
    assert fill(buf, 65) is None
    assert buf == b"ABCDE"
    same(fill, bytearray(5), 65)
    # A byte out of range: ValueError, and the writes before it stay.
    buf = bytearray(5)
    with pytest.raises(ValueError, match=r"byte must be in range\(0, 256\)"):
        fill(buf, 253)
    assert buf == b"\xfd\xfe\xff\x00\x00"
    same(fill, bytearray(5), 253)


def test_no_copy_memoryview_slice_writes_the_underlying_object():
    backing = bytearray(10)
    fill(memoryview(backing)[3:6], 1)
    assert backing == bytearray([0, 0, 0, 1, 2, 3, 0, 0, 0, 0])
    raw = array.array("B", bytes(4))
    fill(raw, 7)
    assert raw.tolist() == [7, 8, 9, 10]


def test_array_q_is_a_list_of_int_without_copy():
    xs = array.array("q", [1, -2, 3])
    assert scale(xs, 10) == 3
    assert xs.tolist() == [10, -20, 30]
    with pytest.raises(OverflowError):
        scale(array.array("q", [2**62]), 4)
    view = memoryview(array.array("q", range(6)))[::2]  # not contiguous
    with pytest.raises(BufferError):
        scale(view, 2)


def test_empty_buffers_of_every_kind():
    # An empty array('q') has no aligned memory to point at; it is still
    # an empty list[int], as are the other empty buffers of their kinds.
    assert scale(array.array("q"), 3) == 0
    assert same(scale, array.array("q"), 3) == ("ok", 0)
    assert same(scale, [], 3) == ("ok", 0)
    assert same(set_item, [], 0, 1) == (
        "raise",
        IndexError,
        "list assignment index out of range",
    )
    # The message follows the annotation, as for every list[int].
    with pytest.raises(IndexError, match="^list assignment index out of range$"):
        set_item(array.array("q"), 0, 1)
    for empty in (b"", bytearray(), memoryview(b""), array.array("B")):
        assert same(total, empty) == ("ok", 0)
        with pytest.raises(IndexError, match="^index out of range$"):
            at(empty, 0)
    assert same(at, b"", 0) == ("raise", IndexError, "index out of range")
    for empty in (bytearray(), memoryview(bytearray()), array.array("B")):
        assert same(fill, empty, 1) == ("ok", None)
        assert same(copy_into, empty, b"") == ("ok", None)


def test_list_converted_in_and_written_back():
    xs = [1, 2, 3]
    assert scale(xs, -3) == 3
    assert xs == [-3, -6, -9]
    same(scale, [5, 6, 7, 8], 2)
    # Written back up to the trap, as CPython would have changed it.
    xs = [1, 2**40, 3]
    with pytest.raises(OverflowError):
        scale(xs, 2**30)
    assert xs == [2**30, 2**40, 3]
    assert same(set_item, [1, 2], 5, 0) == ("raise", IndexError, "list assignment index out of range")
    same(set_item, [1, 2], -1, 9)


def test_list_items_must_be_64_bit_ints():
    with pytest.raises(TypeError, match=r"scale\(\) argument 'xs' item 1 must be int, not str"):
        scale([1, "2"], 2)
    with pytest.raises(OverflowError, match="item 0 does not fit in 64 bits"):
        scale([2**64], 2)
    xs = [True, 2]
    scale(xs, 1)
    assert xs == [True, 2]  # unchanged items keep their objects


def test_wrong_buffer_kinds_are_type_errors():
    with pytest.raises(TypeError, match=r"fill\(\) argument 'buf' must be a writable bytes-like object"):
        fill(b"abc", 1)
    with pytest.raises(TypeError, match="read-only"):
        fill(memoryview(bytearray(3)).toreadonly(), 1)
    with pytest.raises(TypeError, match="must be a bytes-like object"):
        total(5)
    with pytest.raises(TypeError, match="format 'i'"):
        total(array.array("i", [1]))
    with pytest.raises(BufferError, match=r"total\(\) argument 'data': .*contiguous"):
        total(memoryview(b"abcdef")[::2])
    # Python reads these items as one-byte bytes, and as signed integers.
    with pytest.raises(TypeError, match="format 'c'"):
        total(memoryview(b"ab").cast("c"))
    with pytest.raises(TypeError, match="format 'b'"):
        total(array.array("b", [-1]))
    with pytest.raises(TypeError, match="format 'B'"):
        scale(bytearray(8), 1)
    with pytest.raises(TypeError, match="must be a list of ints"):
        scale((1, 2), 1)
    with pytest.raises(TypeError, match="must be int, not bytes"):
        at(b"a", b"b")


def test_one_buffer_for_two_parameters_that_write_is_refused():
    buf = bytearray(b"abc")
    with pytest.raises(ValueError, match="share memory"):
        copy_into(buf, buf)
    dst = bytearray(3)
    copy_into(dst, b"xyz")
    assert dst == b"xyz"


@minijit.jit
def write_then_read(a: list[int], b: list[int]) -> int:
    a[0] = 5
    return b[0]


def test_one_list_for_two_parameters_is_refused():
    # Each list parameter gets a copy of the items: with one list for two,
    # the write through `a` would not be seen through `b` (Python: 5).
    items = [1, 2]
    with pytest.raises(ValueError, match="are the same list"):
        write_then_read(items, items)
    assert items == [1, 2]
    assert write_then_read(items, [7]) == 7
    assert items == [5, 2]


@minijit.jit
def spin_then_set(xs: list[int], n: int) -> None:
    t = 0
    for i in range(n):
        t += i & 7
    xs[1] = t & 1


def test_list_write_back_keeps_what_other_threads_stored():
    items = [1, 2, 3]
    started = threading.Event()
    stored = threading.Event()

    def other():
        started.wait()
        time.sleep(0.03)  # into the call, which runs some 0.15 s
        items[0] = 100  # an item the call never writes
        stored.set()

    thread = threading.Thread(target=other)
    thread.start()
    started.set()
    # The call releases the GIL (it loops): the other thread stores while
    # it runs.
    spin_then_set(items, 300_000_000)
    thread.join()
    assert stored.is_set()
    assert items == [100, 0, 3]


class Doubling(list):
    def __getitem__(self, i):
        return 2 * list.__getitem__(self, i)


class Counted(list):
    pass


def test_list_subclass_with_its_own_item_access_is_refused():
    with pytest.raises(TypeError, match="list subclass with its own __getitem__"):
        scale(Doubling([21, 2]), 1)
    counted = Counted([1, 2])
    assert scale(counted, 3) == 2
    assert counted == [3, 6]


def test_buffers_are_released_after_the_call():
    buf = bytearray(4)
    fill(buf, 0)
    with pytest.raises(ValueError):
        fill(buf, 300)
    buf.extend(b"more")  # a buffer still exported could not be resized
    assert len(buf) == 8


@minijit.jit
def count_up(buf: bytearray, rounds: int) -> int:
    n = 0
    for r in range(rounds):
        for i in range(len(buf)):
            buf[i] = (buf[i] + 1) & 255
            n += 1
    return n


def test_buffers_stay_pinned_while_the_call_runs_without_the_gil():
    buf = bytearray(1000)
    errors = []

    def resize():
        try:
            buf.extend(b"x")
        except BufferError as e:
            errors.append(e)

    started = threading.Event()

    def run():
        started.set()
        count_up(buf, 50_000)

    worker = threading.Thread(target=run)
    worker.start()
    started.wait()
    # While the compiled call runs, this thread holds the GIL and tries to
    # resize the buffer it is writing: refused, never a dangling pointer.
    while worker.is_alive():
        resize()
    worker.join()
    assert errors, "the call finished before the resize was tried"
    assert len(buf) >= 1000


def test_buffers_by_keyword():
    xs = [1, 2]
    assert scale(k=3, xs=xs) == 2
    assert xs == [3, 6]
    buf = bytearray(2)
    fill(buf, start=10)
    assert buf == b"\n\x0b"
