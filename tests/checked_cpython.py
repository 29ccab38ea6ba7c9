#!/usr/bin/env python3
"""CPython with minijit's exact semantics: the oracle for random programs.

usage:
    python3 tests/checked_cpython.py FILE.py     # run its `# call:` lines
    python3 tests/checked_cpython.py --batch     # JSON lines on stdin
    python3 tests/checked_cpython.py --self-test # the recursion-limit check

CPython's integers are unbounded, so plain CPython answers a program whose
intermediate values leave the 64-bit range differently from minijit (which
stops with OverflowError, see LANGUAGE.md). This harness parses the program
with `ast` and rewrites every operation that could leave the range into a
call of a checked helper below, which computes Python's result and raises
OverflowError when it does not fit in 64 bits:

    a + b   ->  _mj_add(a, b)        x += e  ->  x = _mj_add(x, e)
    -a      ->  _mj_neg(a)           abs(a)  ->  _mj_abs(a)

for all of `+ - * // % ** << >> & | ^`, unary `-` and `~`, and `abs`.
Python evaluates `x op= e` by loading `x`, then `e`: the rewrite keeps that
order, and keeps UnboundLocalError when `x` is unbound. An item's
`x[i] op= e` keeps CPython's order too (`x` and `i` once, the item read
with its IndexError, then `e`, the operation, the store):

    x[i] += e  ->  x[_mj_k] = _mj_add(x[(_mj_k := i)], e)

Everything else on buffers is CPython's own: `len`, item reads and stores
(a bytearray store checks the byte, then the index, with CPython's
messages), tuple assignment with item targets, `for v in x`, `enumerate`. `**` with a negative
exponent raises ZeroDivisionError for a zero base and ValueError otherwise
(CPython would give a float); `**` and `<<` refuse huge results before
computing them. `+`, `not`, comparisons, `and`/`or`, conditional
expressions, `min`/`max`/`int`/`bool` are left alone: they cannot leave the
range when their operands are in it.

Recursion: minijit's limit counts frames of the program only (the entry
call is depth 1; a chain 1000 deep runs, the 1001st call raises
RecursionError). CPython's own limit also counts the harness's frames and
the helpers', and a helper called from the 1000th frame is itself one
deeper, so no single `sys.setrecursionlimit` value makes both the 1000th
frame's arithmetic work and the 1001st frame fail. Instead every function
gets `_mj_enter()` as its first statement and every `return e` becomes
`return _mj_leave(e)` (a bare `return` is `return _mj_leave(None)`, which
also ends a function without `return e`, for falling off its end): a
counter of program frames, checked against the
limit exactly as minijit checks it. CPython's limit is set, from the stack
depth measured at each call, just high enough for that many program
frames plus helpers, so it never fires first (`--self-test` checks
999/1000/1001 deep chains). The counter is reset before every call (an
exception leaves it high, and nothing in the language catches one).

Input and output:
- FILE mode prints `f(1, -2) -> 42` per `# call:` line, like
  cpython_oracle.py.
- Batch mode reads one JSON object per line,
  `{"source": "...", "calls": [["f", [1, -2, "b'ab'", "[1] * 3"]], ...]}`
  (an integer argument is a JSON number, a buffer its `# call:` text,
  decoded by cpython_oracle.py's `parse_arg` without evaluating
  anything), and writes one line per program:
  `{"results": ["42", "OverflowError", ...]}`, or `{"error": "..."}` if
  the program cannot be loaded.
- Answers are written as tests/programs/README.md says (and
  cpython_oracle.py prints them): the value (bools as 1/0; `None` for a
  function without `return e`) or the exception's class name
  (`IndexError: message` and `ValueError: byte must be in range(0, 256)`
  with their message), then ` | ` and the repr of each bytearray and list
  argument's final value, then ` | printed ` and the repr of what the
  call printed. `print` is minijit's host function: it writes its
  integer arguments (a bool as 1/0, as minijit holds it) into the answer,
  not to stdout. Every call gets fresh buffers, of the kind its
  parameter's annotation says. A call that runs for longer than the
  timeout (`"timeout"` in the request, seconds, default 10) answers
  `Timeout`; a malformed argument answers `malformed: ...`. A request may carry `"checked_source"`, the program
  already rewritten (the Rust generator renders it, which saves the `ast`
  round trip, three quarters of the time); it is compiled as it is, after
  checking that rewriting `"source"` (when not empty) gives the same tree.
  A client should keep at most about a hundred programs in flight: the
  answers wait in a pipe of 64 KiB until read.
"""

import ast
import json
import os
import signal
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from cpython_oracle import (  # noqa: E402 - after the path it needs
    BYTEARRAY, BYTES, INT, LIST, Arg, Disagreement, Malformed,
    describe_buffer, describe_exception, parse_arg)

I64_MIN = -(1 << 63)
I64_MAX = (1 << 63) - 1
RECURSION_LIMIT = 1000
OVERFLOW = "integer result does not fit in 64 bits"

CALL_PREFIX = "# call:"


# -- checked operations ----------------------------------------------------

def _mj_add(a, b):
    r = a + b
    if I64_MIN <= r <= I64_MAX:
        return r
    raise OverflowError(OVERFLOW)


def _mj_sub(a, b):
    r = a - b
    if I64_MIN <= r <= I64_MAX:
        return r
    raise OverflowError(OVERFLOW)


def _mj_mul(a, b):
    r = a * b
    if I64_MIN <= r <= I64_MAX:
        return r
    raise OverflowError(OVERFLOW)


def _mj_floordiv(a, b):
    r = a // b
    if I64_MIN <= r <= I64_MAX:
        return r
    raise OverflowError(OVERFLOW)


def _mj_mod(a, b):
    r = a % b
    if I64_MIN <= r <= I64_MAX:
        return r
    raise OverflowError(OVERFLOW)


def _mj_pow(a, n):
    if n < 0:
        if a == 0:
            raise ZeroDivisionError("0.0 cannot be raised to a negative power")
        raise ValueError("negative exponent")
    # |a| >= 2 with n >= 64 is at least 2**64: refuse before computing a
    # number with up to 2**63 bits.
    if n >= 64 and (a > 1 or a < -1):
        raise OverflowError(OVERFLOW)
    r = a ** n
    if I64_MIN <= r <= I64_MAX:
        return r
    raise OverflowError(OVERFLOW)


def _mj_lshift(a, n):
    if n < 0:
        raise ValueError("negative shift count")
    if a == 0:
        return 0
    if n >= 64:
        raise OverflowError(OVERFLOW)
    r = a << n
    if I64_MIN <= r <= I64_MAX:
        return r
    raise OverflowError(OVERFLOW)


def _mj_rshift(a, n):
    if n < 0:
        raise ValueError("negative shift count")
    return a >> n


def _mj_bitand(a, b):
    r = a & b
    if I64_MIN <= r <= I64_MAX:
        return r
    raise OverflowError(OVERFLOW)


def _mj_bitor(a, b):
    r = a | b
    if I64_MIN <= r <= I64_MAX:
        return r
    raise OverflowError(OVERFLOW)


def _mj_bitxor(a, b):
    r = a ^ b
    if I64_MIN <= r <= I64_MAX:
        return r
    raise OverflowError(OVERFLOW)


def _mj_neg(a):
    r = -a
    if I64_MIN <= r <= I64_MAX:
        return r
    raise OverflowError(OVERFLOW)


def _mj_invert(a):
    r = ~a
    if I64_MIN <= r <= I64_MAX:
        return r
    raise OverflowError(OVERFLOW)


def _mj_abs(a):
    r = abs(a)
    if r <= I64_MAX:
        return r
    raise OverflowError(OVERFLOW)


# -- the recursion counter ---------------------------------------------------

_mj_depth = 0


def _mj_enter():
    global _mj_depth
    if _mj_depth >= RECURSION_LIMIT:
        raise RecursionError("maximum recursion depth exceeded")
    _mj_depth += 1


def _mj_leave(value):
    global _mj_depth
    _mj_depth -= 1
    return value


# -- print, the host function --------------------------------------------------

_mj_printed = []


def _mj_print(*args, **kwargs):
    """minijit's `print`: integers (a bool is the 1/0 minijit holds),
    one space between, a newline; written into the call's answer."""
    if kwargs:
        raise Disagreement("print with keyword arguments")
    for a in args:
        if type(a) not in (int, bool) or not I64_MIN <= a <= I64_MAX:
            raise Disagreement("print of %r" % (a,))
    _mj_printed.append(" ".join(str(int(a)) for a in args) + "\n")


HELPERS = {
    name: value for name, value in globals().items() if name.startswith("_mj_")
}

BINARY = {
    ast.Add: "_mj_add",
    ast.Sub: "_mj_sub",
    ast.Mult: "_mj_mul",
    ast.FloorDiv: "_mj_floordiv",
    ast.Mod: "_mj_mod",
    ast.Pow: "_mj_pow",
    ast.LShift: "_mj_lshift",
    ast.RShift: "_mj_rshift",
    ast.BitAnd: "_mj_bitand",
    ast.BitOr: "_mj_bitor",
    ast.BitXor: "_mj_bitxor",
}

UNARY = {
    ast.USub: "_mj_neg",
    ast.Invert: "_mj_invert",
}


def _helper_call(name, args, like):
    call = ast.Call(func=ast.Name(id=name, ctx=ast.Load()), args=args,
                    keywords=[])
    return ast.copy_location(call, like)


class Checked(ast.NodeTransformer):
    """Rewrites operations into checked helper calls (see the module doc)."""

    def visit_BinOp(self, node):
        self.generic_visit(node)
        helper = BINARY.get(type(node.op))
        if helper is None:
            raise SyntaxError("operator %s is outside the language"
                              % type(node.op).__name__)
        return _helper_call(helper, [node.left, node.right], node)

    def visit_UnaryOp(self, node):
        self.generic_visit(node)
        helper = UNARY.get(type(node.op))
        if helper is None:
            return node
        return _helper_call(helper, [node.operand], node)

    def visit_AugAssign(self, node):
        self.generic_visit(node)
        helper = BINARY.get(type(node.op))
        target = node.target
        if (helper is not None and isinstance(target, ast.Subscript)
                and isinstance(target.value, ast.Name)):
            return self._augmented_item(node, helper)
        if helper is None or not isinstance(node.target, ast.Name):
            raise SyntaxError("augmented assignment outside the language")
        load = ast.copy_location(ast.Name(id=node.target.id, ctx=ast.Load()),
                                 node.target)
        value = _helper_call(helper, [load, node.value], node)
        return ast.copy_location(
            ast.Assign(targets=[node.target], value=value), node)

    @staticmethod
    def _augmented_item(node, helper):
        """`x[i] op= e` as `x[_mj_k] = helper(x[(_mj_k := i)], e)`."""
        target = node.target

        def name(id_, ctx):
            return ast.copy_location(ast.Name(id=id_, ctx=ctx), target)

        index = ast.NamedExpr(target=name("_mj_k", ast.Store()),
                              value=target.slice)
        read = ast.Subscript(value=name(target.value.id, ast.Load()),
                             slice=index, ctx=ast.Load())
        store = ast.Subscript(value=name(target.value.id, ast.Load()),
                              slice=name("_mj_k", ast.Load()),
                              ctx=ast.Store())
        value = _helper_call(helper, [read, node.value], node)
        return ast.copy_location(ast.Assign(targets=[store], value=value),
                                 node)

    def visit_Call(self, node):
        self.generic_visit(node)
        if isinstance(node.func, ast.Name) and node.func.id == "abs":
            return _helper_call("_mj_abs", node.args, node)
        return node

    def visit_Return(self, node):
        self.generic_visit(node)
        value = node.value
        if value is None:
            value = ast.copy_location(ast.Constant(value=None), node)
        node.value = _helper_call("_mj_leave", [value], node)
        return node

    def visit_FunctionDef(self, node):
        returns_none = not any(isinstance(n, ast.Return)
                               and n.value is not None
                               for n in ast.walk(node))
        self.generic_visit(node)
        enter = ast.Expr(value=_helper_call("_mj_enter", [], node))
        node.body.insert(0, ast.copy_location(enter, node))
        if returns_none:
            # Falling off the end leaves the frame too.
            none = ast.copy_location(ast.Constant(value=None), node)
            leave = ast.Return(value=_helper_call("_mj_leave", [none], node))
            node.body.append(ast.copy_location(leave, node))
        return node


def load(source, filename="<program>"):
    """Parses, rewrites and runs a module's source; returns its namespace."""
    tree = Checked().visit(ast.parse(source, filename))
    ast.fix_missing_locations(tree)
    namespace = dict(HELPERS)
    namespace["__name__"] = "minijit_program"
    namespace["print"] = _mj_print
    exec(compile(tree, filename, "exec"), namespace)
    return namespace


def load_checked(checked_source, source=None):
    """Runs source that is already in checked form (as the Rust generator
    renders it, skipping the `ast` round trip that takes most of the time).
    With `source` (non-empty), first checks that rewriting it gives the
    same tree as parsing `checked_source`."""
    if source:
        mine = Checked().visit(ast.parse(source))
        theirs = ast.parse(checked_source)
        if ast.dump(mine) != ast.dump(theirs):
            raise RewriteMismatch(_first_difference(ast.dump(mine),
                                                    ast.dump(theirs)))
    namespace = dict(HELPERS)
    namespace["__name__"] = "minijit_program"
    namespace["print"] = _mj_print
    exec(compile(checked_source, "<program>", "exec"), namespace)
    return namespace


class RewriteMismatch(Exception):
    """The checked source given is not this harness's rewrite."""


def _first_difference(a, b):
    i = next((i for i, (x, y) in enumerate(zip(a, b)) if x != y),
             min(len(a), len(b)))
    return "rewritten: ...%s... given: ...%s..." % (a[max(0, i - 80):i + 80],
                                                     b[max(0, i - 80):i + 80])


# -- running calls -----------------------------------------------------------

class Timeout(Exception):
    """A call ran longer than the harness allows."""


def _on_alarm(signum, frame):
    raise Timeout()


def _stack_depth():
    depth, frame = 0, sys._getframe(1)
    while frame is not None:
        depth += 1
        frame = frame.f_back
    return depth


def describe(result):
    """The answer minijit gives for a CPython result."""
    if result is None:
        return "None"
    if type(result) is bool:
        return str(int(result))
    if type(result) is int and I64_MIN <= result <= I64_MAX:
        return str(result)
    return "unexpected result %r" % (result,)


def _parameter_kind(annotation):
    if annotation is bytes:
        return BYTES
    if annotation is bytearray:
        return BYTEARRAY
    if annotation == list[int]:
        return LIST
    return INT


def parameter_kinds(func):
    """The kind of each parameter of `func`, from its annotations."""
    code = func.__code__
    annotations = getattr(func, "__annotations__", {})
    return [_parameter_kind(annotations.get(name))
            for name in code.co_varnames[:code.co_argcount]]


def decode_arg(value):
    """An Arg from a batch request's argument: a JSON integer, or a
    buffer's `# call:` text (decoded from its `ast`, never evaluated)."""
    if type(value) is int:
        return Arg(INT, value)
    if type(value) is not str:
        raise Malformed("argument %r" % (value,))
    try:
        node = ast.parse(value, mode="eval").body
    except SyntaxError as e:
        raise Malformed("argument %r: %s" % (value, e.msg)) from None
    return parse_arg(node)


def make_objects(func, args):
    """Fresh objects for `args` (Args), of the kinds `func`'s parameters
    take (a bytes form for a bytearray parameter is a bytearray)."""
    kinds = parameter_kinds(func)
    if len(kinds) != len(args):
        raise Malformed("%d arguments for %d parameters"
                        % (len(args), len(kinds)))
    for arg, kind in zip(args, kinds):
        if (kind == INT) != (arg.kind == INT) or \
                (kind == LIST) != (arg.kind == LIST):
            raise Malformed("a %s argument for a %s parameter"
                            % (arg.kind, kind))
    return [arg.make(kind) for arg, kind in zip(args, kinds)]


def run_call(func, args, timeout=None):
    """Calls `func` with `args` (Args); the answer as minijit prints it."""
    global _mj_depth
    _mj_depth = 0
    del _mj_printed[:]
    try:
        objects = make_objects(func, args)
    except Malformed as e:
        return "malformed: %s" % e
    # Each program frame is one CPython frame, plus one for a helper called
    # from the deepest frame, plus this function's callees; the counter in
    # _mj_enter raises first.
    sys.setrecursionlimit(_stack_depth() + RECURSION_LIMIT + 50)
    if timeout:
        signal.setitimer(signal.ITIMER_REAL, timeout)
    try:
        answer = describe(func(*objects))
    except Timeout:
        answer = "Timeout"
    except Disagreement as e:
        answer = "unexpected: %s" % e
    except Exception as e:  # noqa: BLE001 - the exception is the answer
        answer = describe_exception(e)
    finally:
        if timeout:
            signal.setitimer(signal.ITIMER_REAL, 0)
    parts = [answer]
    try:
        parts.extend(describe_buffer(obj) for obj in objects
                     if isinstance(obj, (bytearray, list)))
    except Disagreement as e:
        parts.append("unexpected: %s" % e)
    if _mj_printed:
        parts.append("printed " + repr("".join(_mj_printed)))
    return " | ".join(parts)


def run_batch(stdin, stdout):
    signal.signal(signal.SIGALRM, _on_alarm)
    for line in stdin:
        if not line.strip():
            continue
        request = json.loads(line)
        timeout = request.get("timeout", 10)
        try:
            if "checked_source" in request:
                namespace = load_checked(request["checked_source"],
                                         request.get("source"))
            else:
                namespace = load(request["source"])
        except Exception as e:  # noqa: BLE001 - report any load failure
            response = {"error": "%s: %s" % (type(e).__name__, e)}
        else:
            results = []
            for name, args in request["calls"]:
                func = namespace.get(name)
                if not callable(func):
                    results.append("error: no function %s" % name)
                    continue
                try:
                    args = [decode_arg(a) for a in args]
                except Malformed as e:
                    results.append("malformed: %s" % e)
                    continue
                results.append(run_call(func, args, timeout))
            response = {"results": results}
        stdout.write(json.dumps(response))
        stdout.write("\n")
        stdout.flush()


def parse_call(text):
    """(name, [Arg]) for a `# call:` line's `name(1, -2, b'ab', [1] * 3)`."""
    call = ast.parse(text, mode="eval").body
    if not isinstance(call, ast.Call) or not isinstance(call.func, ast.Name):
        raise ValueError("not a call of a named function: %s" % text)
    if call.keywords:
        raise ValueError("keyword arguments: %s" % text)
    return call.func.id, [parse_arg(a) for a in call.args]


def run_file(path):
    with open(path, encoding="utf-8") as f:
        source = f.read()
    calls = [line.strip()[len(CALL_PREFIX):].strip()
             for line in source.splitlines()
             if line.strip().startswith(CALL_PREFIX)]
    namespace = load(source, path)
    for text in calls:
        name, args = parse_call(text)
        print("%s -> %s" % (text, run_call(namespace[name], args)), flush=True)
    return 0


SELF_TEST = """
def down(n):
    if n <= 1:
        return n * 1 + 0
    return down(n - 1) + 1
"""


def self_test():
    """Chains 999, 1000 and 1001 frames deep: the last one must fail."""
    namespace = load(SELF_TEST)
    got = [run_call(namespace["down"], [Arg(INT, n)])
           for n in (999, 1000, 1001)]
    want = ["999", "1000", "RecursionError"]
    print("recursion chains 999/1000/1001:", " ".join(got))
    return 0 if got == want else 1


def main(argv):
    if len(argv) == 2 and argv[1] == "--batch":
        try:
            run_batch(sys.stdin, sys.stdout)
        except BrokenPipeError:
            # The client went away; nothing is waiting for answers.
            sys.stdout = None
        return 0
    if len(argv) == 2 and argv[1] == "--self-test":
        return self_test()
    if len(argv) == 2 and not argv[1].startswith("-"):
        return run_file(argv[1])
    print(__doc__.split("\n\n")[1], file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
