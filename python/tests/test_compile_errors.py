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


def load(path, name, text):
    """Module `name` made from `text` in the file `path`."""
    import importlib.util

    path.write_text(text)
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def test_a_builtin_name_the_module_rebinds_is_the_modules(tmp_path):
    # Python calls the module's `max`, not the builtin: a jitted `max` is
    # compiled with the caller; a plain Python function is refused (the
    # compiler alone would have taken the builtin).
    module = load(
        tmp_path / "rebinds.py",
        "rebinds",
        "import minijit\n\n"
        "@minijit.jit\ndef max(a, b):\n    return a - b\n\n"
        "@minijit.jit\ndef jitted_max(a, b):\n    return max(a, b) + min(a, b)\n\n"
        "def len(x):\n    return 99\n\n"
        "@minijit.jit\ndef python_len(x: bytes) -> int:\n    return len(x)\n",
    )
    assert module.jitted_max(7, 2) == module.jitted_max.py_func(7, 2) == 7
    with pytest.raises(minijit.CompileError, match="`len` in `python_len` is the module's"):
        module.python_len(b"abc")


def test_a_name_only_another_module_defines_is_refused(tmp_path):
    # `g` comes from `other`, which also defines N and `helper`; `f` names
    # them without importing them: Python raises NameError, and compiled
    # together with `g` they would have been found.
    load(
        tmp_path / "other.py",
        "other",
        "import minijit\n\nN = 10\n\n"
        "@minijit.jit\ndef helper(n):\n    return n + N\n\n"
        "@minijit.jit\ndef g(n):\n    return helper(n) * 2\n",
    )
    module = load(
        tmp_path / "user.py",
        "user",
        "import minijit\nfrom other import g\n\n"
        "@minijit.jit\ndef f(n):\n    return g(n) + N\n\n"
        "@minijit.jit\ndef fine(n):\n    return g(n) + 1\n",
    )
    with pytest.raises(NameError):
        module.f.py_func(1)
    with pytest.raises(minijit.CompileError, match="`N` in `f` would reach another module's `N`"):
        module.f(1)
    assert module.fine(1) == 23


def test_a_wrapper_another_decorator_made_is_refused():
    import functools

    def plus_one(fn):
        @functools.wraps(fn)
        def wrapper(n):
            return fn(n) + 1

        return wrapper

    @minijit.jit
    @plus_one
    def wrapped(n):
        return n * 10

    assert wrapped.py_func(2) == 21
    with pytest.raises(minijit.CompileError, match="runs the code of `wrapper`"):
        wrapped(2)


def test_a_source_edited_after_import_is_refused(tmp_path):
    # minijit compiles the function's source, read when it is first called:
    # a file changed since the import would give other code than Python
    # runs.
    import os

    path = tmp_path / "edited.py"
    module = load(
        path,
        "edited",
        "import minijit\n\n@minijit.jit\ndef f(n):\n    return n + 1\n\n"
        "@minijit.jit\ndef g(n):\n    return n * 2\n",
    )
    path.write_text(
        "import minijit\n\n@minijit.jit\ndef f(n):\n    return n - 1000\n\n"
        "@minijit.jit\ndef g(n):\n    return n * 2\n# a comment added\n"
    )
    os.utime(path, ns=(0, 10**18))
    with pytest.raises(minijit.CompileError, match="changed since the module was imported"):
        module.f(5)
    assert module.f.py_func(5) == 6
    # A function the edit left as it was compiles.
    assert module.g(5) == 10


def test_a_name_the_module_binds_otherwise_is_not_another_modules(tmp_path):
    # `helper` is a plain function here and a jitted one in `other2`, whose
    # `g` is compiled with `f`: f's call must not reach other2's helper.
    load(
        tmp_path / "other2.py",
        "other2",
        "import minijit\n\n@minijit.jit\ndef helper(n):\n    return n + 100\n\n"
        "@minijit.jit\ndef g(n):\n    return helper(n)\n",
    )
    module = load(
        tmp_path / "user2.py",
        "user2",
        "import minijit\nfrom other2 import g\n\ndef helper(n):\n    return n + 1\n\n"
        "@minijit.jit\ndef f(n):\n    return g(n) + helper(n)\n",
    )
    assert module.f.py_func(1) == 103
    with pytest.raises(minijit.CompileError, match="would reach another module's `helper`"):
        module.f(1)


def test_an_edited_assert_message_is_a_changed_source(tmp_path):
    import os

    path = tmp_path / "message.py"
    module = load(
        path, "message", "import minijit\n\n@minijit.jit\ndef f(n):\n    assert n, 'old'\n    return n\n"
    )
    path.write_text("import minijit\n\n@minijit.jit\ndef f(n):\n    assert n, 'new'\n    return n\n")
    os.utime(path, ns=(0, 10**18))
    with pytest.raises(minijit.CompileError, match="changed since"):
        module.f(1)


def test_private_names_in_a_class_body_are_not_a_changed_source(tmp_path):
    # In a class body `__total` is `_Box__total`; compiled alone it is not.
    import os

    path = tmp_path / "boxed.py"
    module = load(
        path,
        "boxed",
        "import minijit\n\nclass Box:\n    @staticmethod\n    @minijit.jit\n"
        "    def f(n):\n        __total = n * 2\n        return __total + 1\n",
    )
    os.utime(path, ns=(0, 10**18))  # the text is checked, and is the same
    assert module.Box.f(3) == 7
