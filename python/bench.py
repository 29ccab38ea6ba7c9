"""minijit's @jit against CPython and Numba's @njit, measured in one run
and printed as one Markdown table.

    python python/bench.py            # every bench/*.py program
    python python/bench.py fib tak    # some of them

For each program of bench/ (the call and its arguments are its `# bench:`
line):
- first call: what the first call of a freshly decorated function adds to
  the call itself. For minijit that is `f.compile()` after a fresh
  `@jit` (finding the source, the callees and constants, compiling,
  mapping the code), with the source caches emptied, as in a new process;
  the median of 20. For Numba, the first call less a later one.
- run: one call with the bench arguments, the best of 3 (CPython: 1).
  `list[int]` arguments are a `list` for CPython and an `array('q')` for
  minijit and Numba (both take it without copying).

The first row is the cost of calling `f(a, b) = a*a - b*b` from Python:
ns per call less the loop's own cost (timeit, best of 7), against a plain
Python function; the compiled body itself takes about a nanosecond. The
speed-up columns divide the other's time by minijit's (below 1: slower).

Numba's column is there when `import numba` works (`pip install numba`).
"""

import array
import importlib.util
import inspect
import linecache
import os
import platform
import re
import shlex
import statistics
import sys
import time
import timeit
from pathlib import Path

# Run as `python python/bench.py`, the script's folder would come first on
# the import path, and it holds the package's source without its compiled
# module: the installed package must be the one imported.
_here = Path(__file__).resolve().parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != _here]

import minijit  # noqa: E402

try:
    import numba
except ImportError:
    numba = None

BENCH = Path(__file__).resolve().parent.parent / "bench"


def f(a, b):
    return a * a - b * b


def load(path, tag):
    """A fresh module object for `path`."""
    spec = importlib.util.spec_from_file_location(f"bench_{tag}_{path.stem}", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # Numba resolves globals through it
    spec.loader.exec_module(module)
    return module


def functions(module):
    return {
        name: value
        for name, value in vars(module).items()
        if inspect.isfunction(value) and value.__module__ == module.__name__
    }


def bench_line(path):
    """The function's name and its argument texts, from `# bench: F ARG...`."""
    for line in path.read_text().splitlines():
        if line.startswith("# bench:"):
            name, *args = shlex.split(line[len("# bench:") :])
            return name, args
    raise SystemExit(f"{path} has no `# bench:` line")


def make_args(texts, func, engine):
    """Fresh arguments for one call: `engine` is "cpython", "minijit" or
    "numba" (the last two get `array('q')` for `list[int]`)."""
    params = list(inspect.signature(func).parameters.values())
    out = []
    for text, param in zip(texts, params):
        if re.fullmatch(r"-?\d+", text):
            out.append(int(text))
        elif m := re.fullmatch(r"(bytes|bytearray)\((\d+)\)", text):
            out.append((bytes if m[1] == "bytes" else bytearray)(int(m[2])))
        elif m := re.fullmatch(r"\[(-?\d+)\] \* (\d+)", text):
            items = [int(m[1])] * int(m[2])
            out.append(items if engine == "cpython" else array.array("q", items))
        else:
            raise SystemExit(f"cannot read the bench argument {text!r} of {param.name}")
    return out


def timed(call, texts, func, engine, repeat):
    """The best time of `repeat` calls, each with fresh arguments, and the
    last result."""
    best = float("inf")
    result = None
    for _ in range(repeat):
        args = make_args(texts, func, engine)
        start = time.perf_counter()
        result = call(*args)
        best = min(best, time.perf_counter() - start)
    return best, result


def minijit_first_call(module, root, rounds=20):
    """Median time of `compile()` on fresh `@jit`s of the module's
    functions, with the source caches emptied first."""
    originals = functions(module)
    samples = []
    for _ in range(rounds):
        for name, func in originals.items():
            setattr(module, name, minijit.jit(func))
        minijit._chunks.clear()
        linecache.clearcache()
        start = time.perf_counter()
        getattr(module, root).compile()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def run_program(path):
    name, texts = bench_line(path)
    row = {"program": path.stem, "call": f"{name}({', '.join(texts)})"}

    module = load(path, "minijit")
    row["minijit first"] = minijit_first_call(module, name)
    jitted = getattr(module, name)
    row["minijit run"], want = timed(jitted, texts, jitted.py_func, "minijit", 3)

    plain = getattr(load(path, "cpython"), name)
    row["cpython run"], got = timed(plain, texts, plain, "cpython", 1)
    if got != want:
        raise SystemExit(f"{path.stem}: minijit gave {want}, CPython {got}")

    if numba is not None:
        module = load(path, "numba")
        for fname, func in functions(module).items():
            setattr(module, fname, numba.njit(func))
        compiled = getattr(module, name)
        first, got = timed(compiled, texts, compiled.py_func, "numba", 1)
        row["numba run"], _ = timed(compiled, texts, compiled.py_func, "numba", 3)
        row["numba first"] = first - row["numba run"]
        row["numba same"] = got == want
    return row


def call_cost(func):
    """ns per `func(3, 4)` less the cost of the loop itself."""
    number = 1_000_000

    def best(stmt):
        times = timeit.repeat(stmt, globals={"f": func}, number=number, repeat=7)
        return min(times) / number * 1e9

    return best("f(3, 4)") - best("pass")


def seconds(t):
    return f"{t:.3f} s" if t >= 0.1 else f"{t * 1e3:.1f} ms"


def micro(t):
    return f"{t * 1e6:.0f} µs" if t < 0.01 else f"{t * 1e3:.0f} ms"


def main(argv):
    chosen = set(argv)
    # The programs are the files with a `# bench:` line (compare.py, beside
    # them, is the native comparison's script).
    paths = [
        p
        for p in sorted(BENCH.glob("*.py"))
        if (not chosen or p.stem in chosen)
        and any(line.startswith("# bench:") for line in p.read_text().splitlines())
    ]
    started = time.perf_counter()

    jitted_f = minijit.jit(f)
    jitted_f(1, 2)
    calls = {"minijit": call_cost(jitted_f), "cpython": call_cost(f)}
    if numba is not None:
        njitted_f = numba.njit(f)
        njitted_f(1, 2)
        calls["numba"] = call_cost(njitted_f)

    rows = []
    for path in paths:
        print(f"  {path.stem} ...", file=sys.stderr, flush=True)
        rows.append(run_program(path))

    with_numba = numba is not None
    header = ["program and call", "first call: minijit"]
    header += ["first call: Numba"] if with_numba else []
    header += ["run: minijit", "run: CPython"]
    header += ["run: Numba"] if with_numba else []
    header += ["minijit speed-up over CPython"]
    header += ["minijit speed-up over Numba"] if with_numba else []
    lines = ["| " + " | ".join(header) + " |", "|---" + "|---:" * (len(header) - 1) + "|"]

    cells = ["call overhead: `f(3, 4)`, `a*a - b*b` (plain Python in the CPython column)", "—"]
    cells += ["—"] if with_numba else []
    cells += [f"{calls['minijit']:.0f} ns", f"{calls['cpython']:.0f} ns"]
    cells += [f"{calls['numba']:.0f} ns"] if with_numba else []
    cells += [f"{calls['cpython'] / calls['minijit']:.2f}×"]
    cells += [f"{calls['numba'] / calls['minijit']:.2f}×"] if with_numba else []
    lines.append("| " + " | ".join(cells) + " |")

    for row in rows:
        cells = [f"{row['program']}: `{row['call']}`", micro(row["minijit first"])]
        if with_numba:
            cells.append(micro(row["numba first"]))
        cells += [seconds(row["minijit run"]), seconds(row["cpython run"])]
        if with_numba:
            mark = "" if row["numba same"] else " (other answer)"
            cells.append(seconds(row["numba run"]) + mark)
        cells.append(f"{row['cpython run'] / row['minijit run']:.0f}×")
        if with_numba:
            cells.append(f"{row['numba run'] / row['minijit run']:.2f}×")
        lines.append("| " + " | ".join(cells) + " |")

    versions = f"CPython {platform.python_version()}, minijit {minijit.__version__}"
    if with_numba:
        versions += f", Numba {numba.__version__}"
    else:
        versions += ", Numba not installed"
    print(f"{versions}; {os.cpu_count()} CPUs; measured in {time.perf_counter() - started:.0f} s")
    print()
    print("\n".join(lines))


if __name__ == "__main__":
    main(sys.argv[1:])
