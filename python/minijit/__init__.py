"""minijit: integer Python functions compiled to x86-64 machine code.

    import minijit

    @minijit.jit
    def f(a, b):
        return a * a - b * b

    f(7, 3)   # compiled on this first call (tens of microseconds): 40

A jitted function runs minijit's subset of Python (64-bit integers;
`bytes`, `bytearray` and `list[int]` parameters; see docs/LANGUAGE.md in
the repository) and gives exactly what Python gives, or raises Python's
exception: OverflowError where CPython would grow a big integer,
ZeroDivisionError, IndexError, RecursionError, ... with CPython's messages.

- `@minijit.jit` compiles on the first call; `@minijit.jit(eager=True)`
  at once. `recursion_limit=` (default 1000) and `fuel=` (a budget of loop
  iterations and calls per call; `FuelExhausted` when it runs out) are per
  function.
- A jitted function may call itself and the jitted functions it can see
  as module globals (compiled together with it), and reads the module's
  integer constants as they are when it is compiled.
- `print(e, ...)` writes its integers to `sys.stdout` (a comparison as
  1 or 0), unless the module defines a `print` of its own.
- `f.py_func` is the original function; `minijit.disassemble(f)` the
  machine code, `minijit.ir(f)` the SSA IR.
- Source outside the subset raises `minijit.CompileError`, a SyntaxError
  that points at the file, line and column of the problem.
- The GIL is released while compiled code runs.
"""

import builtins
import functools
import inspect
import io
import linecache
import operator
import os
import re
import sys
import weakref

from . import _minijit
from ._minijit import FuelExhausted, JitFunction, JitState, Program

__all__ = [
    "CompileError",
    "FuelExhausted",
    "JitFunction",
    "JitState",
    "Program",
    "disassemble",
    "ir",
    "jit",
]

__version__ = "0.1.0"

INT64_MIN = -(2**63)
INT64_MAX = 2**63 - 1


class CompileError(SyntaxError):
    """A jitted function is outside minijit's language.

    `filename`, `lineno`, `offset` (and from Python 3.10 `end_lineno`,
    `end_offset`) point into the user's own file; `msg` names the problem.
    """


def jit(func=None, *, eager=False, recursion_limit=1000, fuel=None):
    """Compile `func` to machine code on its first call.

    Used as `@jit` or `@jit(eager=True, recursion_limit=N, fuel=N)`:
    `eager` compiles at decoration (a CompileError is raised there);
    `recursion_limit` bounds the depth of calls (RecursionError beyond it);
    `fuel` gives each call a budget of loop iterations and calls
    (FuelExhausted when it runs out; None is unlimited).
    """
    if func is None:
        return functools.partial(
            jit, eager=eager, recursion_limit=recursion_limit, fuel=fuel
        )
    state = _minijit.state_of(func)
    if state is not None:
        func = state.py_func
    if not inspect.isfunction(func) or func.__name__ == "<lambda>":
        raise TypeError(
            "@minijit.jit takes a function defined with def, not "
            + ("a lambda" if inspect.isfunction(func) else type(func).__name__)
        )
    # Any integer (`__index__`), in the range the compiled code counts in.
    recursion_limit = operator.index(recursion_limit)
    if not 1 <= recursion_limit <= 2**32 - 1:
        raise ValueError(
            f"recursion_limit must be from 1 to 2**32 - 1, not {recursion_limit}"
        )
    if fuel is not None:
        fuel = operator.index(fuel)
        if not 0 <= fuel <= 2**64 - 1:
            raise ValueError(f"fuel must be None or from 0 to 2**64 - 1, not {fuel}")
    code = func.__code__
    if code not in _stamps:
        _stamps[code] = _import_stamp(func)
    params = list(code.co_varnames[: code.co_argcount])
    # CPython names a function by its qualified name in argument errors
    # from 3.10 on.
    display = func.__qualname__ if sys.version_info >= (3, 10) else func.__name__
    state = JitState(
        func, _compile, func.__name__, display, params, recursion_limit, fuel
    )
    # The front is called through vectorcall, the state through tp_call;
    # attributes set on the front are the state's.
    jitted = _minijit.make_front(state)
    functools.update_wrapper(jitted, func)
    if eager:
        state.compile()
    return jitted


def disassemble(f, *, whole_program=False):
    """The machine code of jitted function `f` (compiled now if it was not
    yet), in Intel syntax; with `whole_program`, of the functions compiled
    with it too."""
    f = _jitted(f)
    f.compile()
    return f.program.disassemble(None if whole_program else f.py_func.__name__)


def ir(f, *, optimized=True):
    """The SSA IR of jitted function `f` and the functions compiled with
    it: after the optimizer (what the machine code is made from), or as the
    front end lowers it (`optimized=False`)."""
    f = _jitted(f)
    f.compile()
    return f.program.ir(optimized)


def _jitted(f):
    state = _minijit.state_of(f)
    if state is None:
        raise TypeError(f"expected a @minijit.jit function, not {type(f).__name__}")
    return state


# ---------------------------------------------------------------------------
# Source: each function's text from its `def` line (decorators stripped),
# dedented, with where it came from so that errors point back there.


class _Chunk:
    __slots__ = ("name", "text", "filename", "def_line", "indent", "checked")

    def __init__(self, name, text, filename, def_line, indent, checked):
        self.name = name
        self.text = text
        self.filename = filename
        self.def_line = def_line  # 1-based line of `def` in the file
        self.indent = indent  # characters removed from the start of each line
        self.checked = checked  # from inspect (known to be the whole function)


_DEF = re.compile(r"(?:async\s+)?def\s+(\w+)")

# The language's builtin functions: a module global of one of these names
# is what a Python call of it would reach instead.
_BUILTINS = frozenset(["abs", "min", "max", "int", "bool", "len", "range", "enumerate"])
_chunks = weakref.WeakKeyDictionary()  # code object -> _Chunk
# code object -> its file's `_stamp` when the decorator ran (at import).
_stamps = weakref.WeakKeyDictionary()


def _import_stamp(func):
    """The `_stamp` of `func`'s file as the import read it: taken while its
    module is being imported, or for the main script (None after, when
    the file may have changed already)."""
    module = sys.modules.get(func.__module__)
    spec = getattr(module, "__spec__", None)
    if spec is not None and not getattr(spec, "_initializing", False):
        return None
    return _stamp(func.__code__.co_filename)


def _stamp(filename):
    """When the file was last changed, and its size (None: no such file)."""
    try:
        stat = os.stat(filename)
    except (OSError, ValueError):
        return None
    return stat.st_mtime_ns, stat.st_size


def _source(func, careful=False):
    """The chunk of `func`. The quick way reads the file's lines from
    linecache and takes the block by indentation; `careful` (used when a
    compile failed) asks inspect, which tokenizes."""
    code = func.__code__
    chunk = _chunks.get(code)
    if chunk is not None and (chunk.checked or not careful):
        return chunk
    if code.co_name != func.__name__:
        # `functools.wraps` gives a wrapper its function's name; inspect
        # would then find the wrapped function's source, not the code that
        # runs.
        raise _error(
            f"`{func.__qualname__}` runs the code of `{code.co_name}` (a wrapper "
            "another decorator made, or a renamed function): put @minijit.jit "
            "directly above the def",
            code.co_filename,
            code.co_firstlineno,
            1,
            None,
            None,
        )
    chunk = None
    # The file as it was at import needs no check that it holds the code.
    stamp = _stamps.get(code)
    same_file = stamp is not None and _stamp(code.co_filename) == stamp
    if not careful:
        lines = _file_lines(code.co_filename, func.__globals__)
        chunk = _chunk(func, lines, code.co_firstlineno - 1, None, False)
        if chunk is not None and not same_file and not _compiles_to(chunk, code, func.__qualname__):
            chunk = None  # cut short, or the file changed: inspect says
    if chunk is None:
        try:
            lines, first = inspect.getsourcelines(func)
        except (OSError, TypeError) as e:
            raise OSError(
                f"minijit compiles from source, and the source of "
                f"{func.__qualname__} cannot be found: {e}"
            ) from None
        # Lines before `first` are not given: pad so indexes are file lines.
        padded = [""] * (first - 1) + lines
        chunk = _chunk(func, padded, first - 1, len(padded), True)
        if chunk is None:
            raise OSError(f"cannot find the def of {func.__qualname__} in its source")
        if not same_file and not _compiles_to(chunk, code, func.__qualname__):
            raise _error_at(
                chunk,
                f"the source of `{func.__qualname__}` changed since the module was "
                "imported (minijit compiles the source): reload the module",
            )
    _chunks[code] = chunk
    return chunk


def _compiles_to(chunk, code, qualname):
    """Whether the chunk's text is the source of `code`: Python compiles
    it to the same instructions, constants and names. (A file edited after
    the import still gives the line numbers of the old one.) A function
    that reads its enclosing function's variables compiles differently at
    module level: not checked (the compiler refuses it anyway)."""
    if code.co_freevars or code.co_cellvars:
        return True
    try:
        module = compile(chunk.text, chunk.filename, "exec", dont_inherit=True)
    except SyntaxError:
        return True  # minijit's compiler says what is wrong
    for const in module.co_consts:
        if isinstance(const, type(code)) and const.co_name == code.co_name:
            return _same_code(const, code, qualname)
    return False


def _same_code(a, b, qualname):
    """Whether `a`, compiled from the text found, is `b`, the function's
    code (defined as `qualname`)."""

    def consts(c):
        # By type too: 1, 1.0 and True are equal. Strings line by line
        # without the indentation: a docstring's lines lost the def's.
        return [
            (type(k), [line.strip() for line in k.split("\n")] if isinstance(k, str) else k)
            for k in c.co_consts
            if not isinstance(k, type(c))
        ]

    # In a class body, `__x` is `_Class__x` (and compiled alone, it is not).
    parts = qualname.split(".")
    prefix = None
    if len(parts) >= 2 and parts[-2] != "<locals>":
        prefix = "_" + parts[-2].lstrip("_")

    def names(ns):
        if prefix is None:
            return ns
        return tuple(n[len(prefix) :] if n.startswith(prefix + "__") else n for n in ns)

    return (
        a.co_code == b.co_code
        and a.co_names == names(b.co_names)
        and a.co_varnames == names(b.co_varnames)
        and consts(a) == consts(b)
    )


def _file_lines(filename, module_globals):
    """The lines of a source file. Reading UTF-8 directly takes a third of
    what linecache takes for a file it has not seen (it detects the
    encoding with the tokenizer); linecache serves everything else (other
    encodings, sources from loaders, files it already holds)."""
    cached = linecache.cache.get(filename)
    if cached is None and filename.endswith(".py"):
        try:
            with open(filename, "rb") as file:
                text = file.read().decode("utf-8-sig")
            # Lines as Python's tokenizer counts them: universal newlines.
            return io.StringIO(text, newline=None).readlines()
        except (OSError, UnicodeDecodeError):
            pass
    return linecache.getlines(filename, module_globals)


def _chunk(func, lines, start, end, checked):
    """The function starting at `lines[start]` (its first decorator or its
    def); it ends at `end`, or where the indentation says."""
    if start >= len(lines):
        return None
    first = lines[start]
    indent = first[: len(first) - len(first.lstrip(" \t"))]
    def_at = start
    if first.startswith("@", len(indent)):
        while def_at < len(lines) and not _DEF.match(lines[def_at], len(indent)):
            def_at += 1
    match = _DEF.match(lines[def_at], len(indent)) if def_at < len(lines) else None
    if match is None or match.group(1) != func.__name__:
        return None
    if end is None:
        end = def_at + 1
        scan = end
        while scan < len(lines):
            line = lines[scan]
            stripped = line.strip()
            if stripped and not stripped.startswith("#"):
                if len(line) - len(line.lstrip(" \t")) <= len(indent):
                    break
                end = scan + 1
            scan += 1
    body = lines[def_at:end]
    text = "".join(l[len(indent) :] if l.startswith(indent) else l for l in body)
    if not text.endswith("\n"):
        text += "\n"
    return _Chunk(
        func.__name__, text, func.__code__.co_filename, def_at + 1, len(indent), checked
    )


# ---------------------------------------------------------------------------
# Programs: a jitted function, the jitted functions it reaches, and the
# module constants they read, as one source text.


class _Unit:
    """A program's source and, for each stretch of it, where it came from."""

    def __init__(self, root):
        self.root = root
        self.functions = {}  # def name -> JitFunction
        self.constants = {}  # name -> int
        self.hints = {}  # name -> why it is not available to compiled code
        self.collect(root)

    def collect(self, root):
        queue = [root]
        while queue:
            f = queue.pop(0)
            func = f.py_func
            known = self.functions.get(func.__name__)
            if known is f:
                continue
            if known is not None:
                raise _error_at(
                    _source(func),
                    f"two jitted functions named `{func.__name__}` would be "
                    "compiled together (from different modules)",
                )
            self.functions[func.__name__] = f
            queue.extend(self.globals_of(func))
        self.check_own_modules()

    def check_own_modules(self):
        """Refuses a name a function reads that reaches, compiled together,
        another module's function or constant of that name where Python
        reaches something else: its own module defines nothing of the name
        (Python raises NameError, or reaches a builtin) or binds it to
        another object."""
        for f in self.functions.values():
            func = f.py_func
            names = func.__globals__
            for ref in func.__code__.co_names:
                if ref in self.functions:
                    value = names.get(ref)
                    ours = self.functions[ref]
                    # `fast = jit(fib)`: fib's own calls reach the plain fib;
                    # a second `jit(fib)` with other options is fib too.
                    state = _minijit.state_of(value)
                    if value is ours.py_func or (
                        state is not None and state.py_func is ours.py_func
                    ):
                        continue
                elif ref in self.constants:
                    value = names.get(ref)
                    if isinstance(value, int) and int(value) == self.constants[ref]:
                        continue
                else:
                    continue
                what = "defines nothing of that name" if ref not in names else (
                    f"binds it to {type(names[ref]).__name__}"
                )
                raise _error_at(
                    _source(func),
                    f"`{ref}` in `{func.__name__}` would reach another module's "
                    f"`{ref}`, compiled with it, where Python does not (the "
                    f"function's own module {what})",
                )

    def globals_of(self, func):
        """The jitted functions `func` names; records constants and hints."""
        for ref in func.__code__.co_freevars:
            self.hints[ref] = (
                f"`{ref}` is a variable of the enclosing function, and jitted "
                "code sees only module globals"
            )
        names = func.__globals__
        for ref in func.__code__.co_names:
            if ref not in names:
                continue  # a builtin, or not defined (the compiler says so)
            value = names[ref]
            if ref in _BUILTINS and value is getattr(builtins, ref):
                continue
            state = _minijit.state_of(value)
            if state is not None:
                if value.py_func.__name__ == ref:
                    yield state
                else:
                    self.hints[ref] = (
                        f"`{ref}` is the jitted function "
                        f"`{value.py_func.__name__}`: call it by that name"
                    )
            elif isinstance(value, int):
                value = int(value)  # True is 1
                if not INT64_MIN <= value <= INT64_MAX:
                    self.hints[ref] = f"the module's `{ref}` does not fit in 64 bits"
                elif self.constants.setdefault(ref, value) != value:
                    self.hints[ref] = (
                        f"`{ref}` has different values in the modules "
                        "of the functions compiled together"
                    )
                    del self.constants[ref]
            elif callable(value):
                self.hints[ref] = (
                    f"`{ref}` is a Python function: decorate it with "
                    "@minijit.jit to call it from jitted code"
                )
            else:
                self.hints[ref] = (
                    f"the module's `{ref}` is {type(value).__name__}, "
                    "and jitted code reads only integer constants"
                )
            if ref in _BUILTINS and ref in self.hints:
                # The compiler would take the builtin: no error to hang
                # the hint on.
                raise _error_at(
                    _source(func),
                    f"`{ref}` in `{func.__name__}` is the module's, not the "
                    f"builtin: {self.hints[ref]}",
                )

    def source(self, careful=False):
        """The program text, and (first program line, chunk) per function."""
        parts = []
        for name, value in self.constants.items():
            # The most negative value has no literal of its own.
            literal = "(-9223372036854775807 - 1)" if value == INT64_MIN else str(value)
            parts.append(f"{name} = {literal}\n")
        segments = []
        line = len(parts) + 1
        for f in self.functions.values():
            chunk = _source(f.py_func, careful)
            parts.append("\n")
            line += 1
            segments.append((line, chunk))
            parts.append(chunk.text)
            line += chunk.text.count("\n")
        return "".join(parts), segments

    def compile(self):
        fuel = self.root.fuel is not None
        # `print` is the host function that writes to sys.stdout, unless a
        # module of the program defines a `print` of its own.
        printing = not any(
            "print" in f.py_func.__globals__ for f in self.functions.values()
        )
        source, segments = self.source()
        try:
            return _minijit.compile(source, fuel, printing)
        except _minijit.CompileFailure as failure:
            if all(chunk.checked for _, chunk in segments):
                raise self.located(source, segments, *failure.args) from None
        # The quick source may have cut a function short (a docstring or a
        # bracket with little indentation): ask inspect, and compile again.
        source, segments = self.source(careful=True)
        try:
            return _minijit.compile(source, fuel, printing)
        except _minijit.CompileFailure as failure:
            raise self.located(source, segments, *failure.args) from None

    def located(self, source, segments, message, start, end):
        """The CompileError for a span of the program text, pointing into
        the user's file."""
        data = source.encode()
        name = data[start:end].decode(errors="replace")
        if name in self.hints:
            message = f"{message}: {self.hints[name]}"
        line, col = _line_col(data, start)
        end_line, end_col = _line_col(data, max(end, start))
        root = _source(self.root.py_func)
        for first, chunk in reversed(segments):
            if line >= first:
                break
        else:
            # In the constants before the functions: about the root.
            return _error_at(root, message)
        lineno = chunk.def_line + (line - first)
        offset = chunk.indent + col
        end_lineno, end_offset = None, None
        if end_line == line:
            end_lineno, end_offset = lineno, max(chunk.indent + end_col, offset + 1)
        return _error(message, chunk.filename, lineno, offset, end_lineno, end_offset)


def _line_col(data, offset):
    """1-based line and column (in characters) of byte `offset`."""
    before = data[:offset].decode(errors="replace")
    line_start = before.rfind("\n") + 1
    return before.count("\n") + 1, len(before) - line_start + 1


def _error_at(chunk, message):
    return _error(message, chunk.filename, chunk.def_line, chunk.indent + 1, None, None)


def _error(message, filename, lineno, offset, end_lineno, end_offset):
    text = linecache.getline(filename, lineno) or None
    if sys.version_info >= (3, 10):
        return CompileError(
            message, (filename, lineno, offset, text, end_lineno, end_offset)
        )
    return CompileError(message, (filename, lineno, offset, text))


def _compile(jitted):
    """The compile hook `JitFunction` calls on its first call."""
    return _Unit(jitted).compile()
