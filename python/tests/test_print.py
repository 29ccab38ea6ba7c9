"""`print(e, ...)` in jitted code writes to sys.stdout as Python's print
writes integers."""

import importlib.util
import io
import threading

import pytest

import minijit


@minijit.jit
def table(n) -> None:
    for i in range(n):
        print(i, i * i, -i)
    print()


@minijit.jit
def noisy(n):
    print(n)
    return n * 2


@minijit.jit
def compare(a, b) -> None:
    print(a < b, a)


def output(func, *args):
    """What `func(*args)` writes to stdout, and what it returns."""
    buffer = io.StringIO()
    import contextlib

    with contextlib.redirect_stdout(buffer):
        result = func(*args)
    return buffer.getvalue(), result


def test_the_same_lines_as_python():
    assert output(table, 4) == output(table.py_func, 4)
    assert output(table, 4)[0] == "0 0 0\n1 1 -1\n2 4 -2\n3 9 -3\n\n"
    assert output(noisy, -7) == ("-7\n", -14)
    assert output(noisy, -7) == output(noisy.py_func, -7)


def test_a_comparison_prints_as_an_integer():
    # Every value is an integer in minijit: True prints as 1.
    assert output(compare, 1, 2)[0] == "1 1\n"
    assert output(compare.py_func, 1, 2)[0] == "True 1\n"


def test_a_failing_write_is_the_calls_exception():
    class Closed:
        def write(self, text):
            raise RuntimeError("closed")

    import contextlib

    with contextlib.redirect_stdout(Closed()):
        with pytest.raises(RuntimeError, match="^closed$"):
            noisy(3)


def test_no_stdout_prints_nothing(monkeypatch):
    monkeypatch.setattr("sys.stdout", None)
    assert noisy(4) == 8


def test_threads_print_whole_lines(capfd):
    # Each print is one write, made holding the GIL.
    threads = [threading.Thread(target=table, args=(50,)) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    lines = capfd.readouterr().out.splitlines()
    assert len(lines) == 4 * 51
    assert sorted(set(lines)) == sorted(set(output(table, 50)[0].splitlines()))


def test_a_module_print_of_its_own_is_not_the_host(tmp_path):
    path = tmp_path / "own_print.py"
    path.write_text(
        "import minijit\n\ndef print(*args):\n    pass\n\n"
        "@minijit.jit\ndef f(x):\n    print(x)\n    return x\n"
    )
    spec = importlib.util.spec_from_file_location("own_print", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    with pytest.raises(minijit.CompileError, match="decorate it with @minijit.jit"):
        module.f(1)


DEEP_PRINT = """
import contextlib, io, sys
import minijit

@minijit.jit(recursion_limit=10**9)
def deep(n):
    if n == 0:
        print(0)
        return 0
    return deep(n - 1) + 1

# The deepest call whose print still runs, and one past the stack.
lo, hi = 1, 10**7
while lo < hi:
    mid = (lo + hi + 1) // 2
    try:
        with contextlib.redirect_stdout(io.StringIO()):
            deep(mid)
        lo = mid
    except RecursionError:
        hi = mid - 1

class Heavy:
    # A write that needs a lot of stack: repr recurses in C per level.
    def write(self, text):
        nested = []
        for _ in range(900):
            nested = [nested]
        repr(nested)
        return len(text)

with contextlib.redirect_stdout(Heavy()):
    deep(lo)
    try:
        deep(lo + 1000)
    except RecursionError as e:
        sys.stderr.write(str(e))
"""


def test_print_deep_in_compiled_frames_keeps_room_for_the_write(tmp_path):
    # With a large recursion limit compiled frames may take the stack down
    # to a small margin; a print there ran its write in what was left,
    # and a write that needed more crashed the process.
    import subprocess
    import sys

    script = tmp_path / "deep_print.py"
    script.write_text(DEEP_PRINT)
    done = subprocess.run(
        [sys.executable, str(script)], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert "maximum recursion depth exceeded" in done.stderr
