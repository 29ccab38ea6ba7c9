"""Source outside the language: minijit.CompileError, a SyntaxError whose
filename, line and column point at the user's own file."""

import inspect
import sys

import pytest

import minijit


def line_of(marker):
    """The line of this file that contains `marker` (1-based)."""
    lines, _ = inspect.findsource(sys.modules[__name__])
    found = [i + 1 for i, line in enumerate(lines) if marker in line and "line_of" not in line]
    assert len(found) == 1, found
    return found[0]


@minijit.jit
def uses_float(n):
    x = n + 1
    return n * 0.5  # FLOAT-HERE


def test_error_points_at_the_real_line_and_column():
    with pytest.raises(minijit.CompileError) as info:
        uses_float(1)
    error = info.value
    assert isinstance(error, SyntaxError)
    assert error.msg == "floats are not supported (only 64-bit integers)"
    assert error.filename == __file__
    assert error.lineno == line_of("# FLOAT-HERE")
    column = error.text.index("0.5") + 1
    assert error.offset == column
    if sys.version_info >= (3, 10):
        assert (error.end_lineno, error.end_offset) == (error.lineno, column + 3)
    assert "0.5" in error.text


def test_lazy_raises_at_first_call_every_time():
    for _ in range(2):
        with pytest.raises(minijit.CompileError):
            uses_float(1)


def test_eager_raises_at_decoration():
    with pytest.raises(minijit.CompileError) as info:

        @minijit.jit(
            eager=True,
        )
        def strings(n):
            return "no"  # STRING-HERE

    assert info.value.lineno == line_of("# STRING-HERE")
    # Nested, so dedented: the column is still the file's.
    assert info.value.offset == info.value.text.index('"no"') + 1


def test_an_error_in_a_callee_points_into_the_callee():
    with pytest.raises(minijit.CompileError) as info:
        calls_broken(1)
    assert info.value.lineno == line_of("# BROKEN-CALLEE")


@minijit.jit
def calls_broken(n):
    return broken(n) + 1


@minijit.jit
def broken(n):
    return [n]  # BROKEN-CALLEE


def test_unknown_name():
    @minijit.jit
    def unknown(n):
        return n + nowhere  # noqa: F821  UNKNOWN-HERE

    with pytest.raises(minijit.CompileError, match="name `nowhere` is not defined") as info:
        unknown(1)
    assert info.value.lineno == line_of("UNKNOWN-HERE")


def test_source_with_docstring_and_comments():
    @minijit.jit
    def documented(n):
        """A docstring
with a line at column 0.
        """
        # a comment
        return n + 1

    assert documented(1) == 2


def test_lines_count_as_pythons_own(tmp_path):
    # CRLF line ends and a form feed (which str.splitlines would count as a
    # line break and Python does not) in a module of its own.
    import importlib.util

    path = tmp_path / "crlf_module.py"
    path.write_bytes(
        b"import minijit\r\n\r\n# a form feed \x0c here\r\n@minijit.jit\r\n"
        b"def g(x):\r\n    y = x + 1\r\n    return y * 0.5\r\n"
    )
    spec = importlib.util.spec_from_file_location("crlf_module", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    with pytest.raises(minijit.CompileError) as info:
        module.g(1)
    assert (info.value.filename, info.value.lineno, info.value.offset) == (str(path), 7, 16)
