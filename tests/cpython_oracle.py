#!/usr/bin/env python3
"""CPython oracle for the minijit language tests.

usage: python3 tests/cpython_oracle.py FILE.py

Loads FILE as a module, runs every `# call: f(1, -2)` line of it in order and
prints one line per call:

    f(1, -2) -> 42
    f(0) -> ZeroDivisionError
    fill(bytearray(3), 7) -> None | bytearray(b'\\x07\\x07\\x07')
    get(b'ab', 5) -> IndexError: index out of range
    show(2) -> 4 | printed '1 2\\n'

The call text is printed exactly as written after `# call:` (stripped).

Arguments are integer literals or buffers, written as Python literals and
decoded from the `ast` (nothing is evaluated): `b'...'` (any escapes),
`bytearray(b'...')`, `bytes(N)`, `bytearray(N)` (N zero bytes), `[1, -2, 3]`
(ints in the 64-bit range) and `[a] * N`. Every call gets fresh objects. As
on minijit's command line, the parameter's annotation decides the kind of a
buffer: a bytes form passed to a `bytearray` parameter becomes a bytearray
and the other way round; a list form for a `bytes`/`bytearray` parameter, a
bytes form for a `list[int]` one, a buffer for an integer parameter or an
integer for a buffer parameter is a malformed line.

The answer (after ` -> `) is mapped onto what minijit answers:
- a returned int is printed in decimal; one outside the 64-bit range becomes
  `OverflowError`, a bool its int (True -> 1), a float `ValueError` (a
  negative exponent; minijit refuses to make floats), None `None` (a
  function without `return e`);
- a raised exception prints its class name only, except IndexError and the
  ValueError `byte must be in range(0, 256)`, which print as
  `Name: message` (`IndexError: list index out of range`);
- then, for every bytearray or list argument in argument order (also after
  an exception), ` | ` and Python's repr of its final value (a bool stored
  into a list shows as its int, as minijit stores it);
- then, if the call printed anything, ` | printed ` and repr() of the text
  it wrote to stdout.

`print` is checked while a call runs: printing a bool (CPython writes
`True`, minijit `1`), a non-integer or an int outside the 64-bit range, or
passing keyword arguments stops the oracle with an error, as does a list
item outside the 64-bit range after a call: such a call cannot be a
`# call:` line.

Exit status: 0 even when calls raise; 1 if the file cannot be loaded, a
`# call:` line is malformed, or a call does something minijit cannot agree
with (above).
"""

import ast
import builtins
import contextlib
import importlib.util
import io
import sys

I64_MIN = -(1 << 63)
I64_MAX = (1 << 63) - 1

# Largest N accepted in bytes(N), bytearray(N) and [a] * N.
MAX_BUFFER = 1 << 24

BYTE_RANGE_MESSAGE = "byte must be in range(0, 256)"

CALL_PREFIX = "# call:"

# Parameter kinds, from the annotation.
INT, BYTES, BYTEARRAY, LIST = "int", "bytes", "bytearray", "list[int]"
ANNOTATION_KINDS = {"bytes": BYTES, "bytearray": BYTEARRAY, "list[int]": LIST}
KIND_NAMES = {INT: "an integer", BYTES: "bytes", BYTEARRAY: "a bytearray",
              LIST: "a list[int]"}


class Malformed(Exception):
    """A `# call:` line that is not `name(arg, ...)` with valid arguments."""


class Disagreement(BaseException):
    """A call that minijit cannot answer as CPython does (not an answer:
    a BaseException so the call's `except Exception` does not take it)."""


def int_literal(node, what):
    """The value of an integer literal (optionally signed) in the 64-bit
    range, or Malformed."""
    try:
        value = ast.literal_eval(node)
    except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
        raise Malformed("%s is not an integer literal: %s"
                        % (what, ast.unparse(node))) from None
    if type(value) is not int:
        raise Malformed("%s is not an integer literal: %s"
                        % (what, ast.unparse(node)))
    if not I64_MIN <= value <= I64_MAX:
        raise Malformed("%s outside the 64-bit range: %d" % (what, value))
    return value


def length_literal(node, what):
    n = int_literal(node, what)
    if not 0 <= n <= MAX_BUFFER:
        raise Malformed("%s must be in 0..%d: %d" % (what, MAX_BUFFER, n))
    return n


class Arg:
    """A decoded argument: `kind` (INT, BYTES, BYTEARRAY or LIST) and
    `value` (an int, or the buffer's content as bytes / a tuple of ints)."""

    def __init__(self, kind, value):
        self.kind = kind
        self.value = value

    def make(self, kind):
        """A fresh object of `kind` (a parameter's kind, or None when the
        parameter is unknown) holding this argument."""
        kind = kind or self.kind
        if kind == INT:
            return self.value
        if kind == BYTES:
            return bytes(self.value)
        if kind == BYTEARRAY:
            return bytearray(self.value)
        return list(self.value)


def parse_arg(node):
    """Decodes one argument node; only the forms in the module doc pass."""
    if isinstance(node, ast.Constant) and type(node.value) is bytes:
        return Arg(BYTES, node.value)
    if isinstance(node, ast.Call):
        func = node.func
        if (not isinstance(func, ast.Name)
                or func.id not in ("bytes", "bytearray")
                or node.keywords or len(node.args) != 1):
            raise Malformed("argument is not a buffer literal: %s"
                            % ast.unparse(node))
        inner = node.args[0]
        kind = BYTES if func.id == "bytes" else BYTEARRAY
        if (kind == BYTEARRAY and isinstance(inner, ast.Constant)
                and type(inner.value) is bytes):
            return Arg(BYTEARRAY, inner.value)
        return Arg(kind, bytes(length_literal(inner, "buffer length")))
    if isinstance(node, ast.List):
        return Arg(LIST, tuple(int_literal(e, "list item")
                               for e in node.elts))
    if (isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mult)
            and isinstance(node.left, ast.List)
            and len(node.left.elts) == 1):
        item = int_literal(node.left.elts[0], "list item")
        return Arg(LIST, (item,) * length_literal(node.right, "list length"))
    return Arg(INT, int_literal(node, "argument"))


def parse_call(text):
    """Returns (function name, [Arg]) for `name(1, -2, b'ab', [1] * 3)`."""
    try:
        tree = ast.parse(text, mode="eval")
    except SyntaxError as e:
        raise Malformed("not a call: %s" % e.msg) from None
    call = tree.body
    if not isinstance(call, ast.Call) or not isinstance(call.func, ast.Name):
        raise Malformed("not a call of a named function")
    if call.keywords:
        raise Malformed("keyword arguments are not allowed")
    return call.func.id, [parse_arg(node) for node in call.args]


def parameter_kinds(source):
    """{function name: [kind per parameter]} for the module's functions,
    from their annotations (unannotated and int/bool parameters are INT)."""
    kinds = {}
    for node in ast.parse(source).body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            params = node.args.posonlyargs + node.args.args
            kinds[node.name] = [
                ANNOTATION_KINDS.get(ast.unparse(p.annotation), INT)
                if p.annotation is not None else INT
                for p in params
            ]
    return kinds


def check_kinds(name, args, kinds):
    """Each argument's form must suit its parameter (see the module doc)."""
    for i, arg in enumerate(args):
        if i >= len(kinds):
            return  # wrong arity: CPython's TypeError is the answer
        want = kinds[i]
        if ((want == INT) != (arg.kind == INT)
                or (want == LIST) != (arg.kind == LIST)):
            raise Malformed(
                "argument %d of %s is %s, its parameter takes %s"
                % (i + 1, name, KIND_NAMES[arg.kind], KIND_NAMES[want]))


def describe(result):
    """The answer minijit is expected to give for a CPython result."""
    if result is None:
        return "None"
    if isinstance(result, bool):
        return str(int(result))
    if isinstance(result, int):
        if I64_MIN <= result <= I64_MAX:
            return str(result)
        return "OverflowError"
    if isinstance(result, float):
        return "ValueError"
    return "unexpected result %r" % (result,)


def describe_exception(e):
    """An exception's class name, with its message for the buffer errors."""
    name = type(e).__name__
    if type(e) is IndexError or (type(e) is ValueError
                                 and str(e) == BYTE_RANGE_MESSAGE):
        return "%s: %s" % (name, e)
    return name


def describe_buffer(value):
    """Python's repr of a buffer's final value, as minijit holds it."""
    if isinstance(value, list):
        for item in value:
            if (type(item) not in (int, bool)
                    or not I64_MIN <= item <= I64_MAX):
                raise Disagreement("list item %r is not a 64-bit integer"
                                   % (item,))
        return repr([int(item) for item in value])
    return repr(value)


def checked_print(*args, **kwargs):
    """`print` as minijit's host function takes it: integers only."""
    if kwargs:
        raise Disagreement("print with keyword arguments")
    for a in args:
        if type(a) is bool:
            raise Disagreement("print(%r): CPython prints %r, minijit %d; "
                               "print int(...) instead" % (a, a, a))
        if type(a) is not int:
            raise Disagreement("print of a non-integer %r" % (a,))
        if not I64_MIN <= a <= I64_MAX:
            raise Disagreement("print(%d): outside the 64-bit range" % a)
    builtins.print(*args)


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


def run_call(func, args, kinds):
    """Runs one call; returns its line's answer (after ` -> `)."""
    objects = [arg.make(kinds[i] if i < len(kinds) else None)
               for i, arg in enumerate(args)]
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        try:
            answer = describe(func(*objects))
        except Exception as e:  # noqa: BLE001 - the exception is the answer
            answer = describe_exception(e)
    parts = [answer]
    for obj in objects:
        if isinstance(obj, (bytearray, list)):
            parts.append(describe_buffer(obj))
    printed = out.getvalue()
    if printed:
        parts.append("printed " + repr(printed))
    return " | ".join(parts)


def main(argv):
    if len(argv) != 2:
        print("usage: cpython_oracle.py FILE.py", file=sys.stderr)
        return 1
    path = argv[1]
    sys.setrecursionlimit(10000)
    try:
        with open(path, encoding="utf-8") as f:
            source = f.read()
        calls = []
        for lineno, text in call_lines(path):
            calls.append((lineno, text, parse_call(text)))
    except Malformed as e:
        print("%s:%d: malformed # call: line: %s" % (path, lineno, e),
              file=sys.stderr)
        return 1
    except (OSError, UnicodeDecodeError) as e:
        print("%s: cannot read: %s" % (path, e), file=sys.stderr)
        return 1
    try:
        kinds = parameter_kinds(source)
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
        try:
            check_kinds(name, args, kinds.get(name, []))
        except Malformed as e:
            print("%s:%d: malformed # call: line: %s" % (path, lineno, e),
                  file=sys.stderr)
            return 1
    # The program's `print` is minijit's host function: integers only.
    if "print" not in vars(module):
        module.print = checked_print
    for lineno, text, (name, args) in calls:
        func = getattr(module, name)
        try:
            answer = run_call(func, args, kinds.get(name, []))
        except Disagreement as e:
            print("%s:%d: %s: minijit cannot give CPython's answer: %s"
                  % (path, lineno, text, e), file=sys.stderr)
            return 1
        print("%s -> %s" % (text, answer), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
