#!/usr/bin/env python3
"""CPython oracle for the minijit language tests.

usage: python3 tests/cpython_oracle.py FILE.py

Loads FILE as a module, runs every `# call: f(1, -2)` line of it in order and
prints one line per call:

    f(1, -2) -> 42
    f(0) -> ZeroDivisionError

The call text is printed exactly as written after `# call:` (stripped). A
result is mapped onto what minijit answers: an int outside the 64-bit range
becomes `OverflowError`, a bool becomes its int (True -> 1), a float becomes
`ValueError` (a negative exponent; minijit refuses to make floats). A raised
exception prints its class name only.

Exit status: 0 even when calls raise; 1 if the file cannot be loaded or a
`# call:` line is malformed.
"""

import ast
import importlib.util
import sys

I64_MIN = -(1 << 63)
I64_MAX = (1 << 63) - 1

CALL_PREFIX = "# call:"


class Malformed(Exception):
    """A `# call:` line that is not `name(int, ...)`."""


def parse_call(text):
    """Returns (function name, [int args]) for `name(1, -2, 0x10)`.

    Only integer literals (optionally signed) are accepted as arguments; the
    arguments are decoded with ast.literal_eval, so nothing else is evaluated.
    """
    try:
        tree = ast.parse(text, mode="eval")
    except SyntaxError as e:
        raise Malformed("not a call: %s" % e.msg) from None
    call = tree.body
    if not isinstance(call, ast.Call) or not isinstance(call.func, ast.Name):
        raise Malformed("not a call of a named function")
    if call.keywords:
        raise Malformed("keyword arguments are not allowed")
    args = []
    for node in call.args:
        try:
            value = ast.literal_eval(node)
        except ValueError:
            raise Malformed("argument is not an integer literal: %s"
                            % ast.unparse(node)) from None
        if type(value) is not int:
            raise Malformed("argument is not an integer literal: %s"
                            % ast.unparse(node))
        if not I64_MIN <= value <= I64_MAX:
            raise Malformed("argument outside the 64-bit range: %d" % value)
        args.append(value)
    return call.func.id, args


def describe(result):
    """The answer minijit is expected to give for a CPython result."""
    if isinstance(result, bool):
        return str(int(result))
    if isinstance(result, int):
        if I64_MIN <= result <= I64_MAX:
            return str(result)
        return "OverflowError"
    if isinstance(result, float):
        return "ValueError"
    return "unexpected result %r" % (result,)


def load(path):
    spec = importlib.util.spec_from_file_location("minijit_test_program", path)
    if spec is None or spec.loader is None:
        raise ImportError("cannot load %s" % path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def call_lines(path):
    """Yields (line number, call text) for each `# call:` line."""
    with open(path, encoding="utf-8") as f:
        for lineno, line in enumerate(f, 1):
            stripped = line.strip()
            if stripped.startswith(CALL_PREFIX):
                yield lineno, stripped[len(CALL_PREFIX):].strip()


def main(argv):
    if len(argv) != 2:
        print("usage: cpython_oracle.py FILE.py", file=sys.stderr)
        return 1
    path = argv[1]
    sys.setrecursionlimit(10000)
    try:
        calls = [(n, t, parse_call(t)) for n, t in call_lines(path)]
    except Malformed as e:
        print("%s: malformed # call: line: %s" % (path, e), file=sys.stderr)
        return 1
    except (OSError, UnicodeDecodeError) as e:
        print("%s: cannot read: %s" % (path, e), file=sys.stderr)
        return 1
    try:
        module = load(path)
    except BaseException as e:  # noqa: BLE001 - report any load failure
        print("%s: cannot load: %s: %s" % (path, type(e).__name__, e),
              file=sys.stderr)
        return 1
    for lineno, text, (name, args) in calls:
        if not callable(getattr(module, name, None)):
            print("%s:%d: malformed # call: line: no function %s"
                  % (path, lineno, name), file=sys.stderr)
            return 1
    for lineno, text, (name, args) in calls:
        func = getattr(module, name)
        try:
            answer = describe(func(*args))
        except Exception as e:  # noqa: BLE001 - the exception is the answer
            answer = type(e).__name__
        print("%s -> %s" % (text, answer), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
