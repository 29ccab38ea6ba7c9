#!/usr/bin/env python3
"""Run time of minijit on the benchmark programs, beside CPython and native Rust.

usage: python3 bench/compare.py [--rounds N] [--only NAME,...] [--no-cpython]
           [--no-build] [--minijit PATH] [--native PATH] [--in-process]

It builds `cargo build --release -p host -p minijit-bench-native` (not a package
whose binary --minijit/--native names; not at all with --no-build), then for N
rounds (default 5) runs the call on every bench/*.py's `# bench: FUNC ARG...`
line (shell words) once in each system, so all see the machine alike:

- minijit: `target/release/minijit run FILE FUNC ARG...`, a whole process
  (start-up, compiling, making the buffers and the call; nothing subtracted).
  --in-process adds a table of the call alone, from `minijit bench` each round.
- CPython: the call in a python3 subprocess, only the call timed. An argument is
  an int, or for a parameter annotated `bytes`, `bytearray` or `list[int]` the
  value of its text (`bytearray(N)`, `bytes(N)`, `b'...'`, `bytearray(b'...')`,
  `[a] * N`, `[a, b]`, `@PATH`), read without eval.
- native: `target/release/bench-native NAME ARG...` (bench/native), a whole
  process; NAME ARG... from the `# native:` line if any (buffer programs:
  lengths and seeds), else FUNC ARG...

The table has the medians over the rounds in seconds, CPython's over minijit's
("vs CPython") and minijit's over native's ("minijit/native"); then the geomean
of minijit/native over the integer programs, the buffer programs and all, and
its maximum. Exit status 1 if a run fails or a result differs from CPython's
(with --no-cpython: if minijit's and native's differ). --only takes file stems.
"""
import argparse, ast, importlib.util, json, math, os, shlex, statistics, subprocess, sys, time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
ROOT = BENCH_DIR.parent
BUFFER_KINDS = ("bytes", "bytearray", "list[int]")


@dataclass
class Bench:
    path: Path
    func: str
    args: list  # the `# bench:` words after FUNC, as `minijit run` takes them
    kinds: list  # each parameter's kind: "int" or one of BUFFER_KINDS
    native: list  # the native binary's NAME ARG...
    secs: dict = field(default_factory=lambda: defaultdict(list))  # system -> seconds per round

    @property
    def buffers(self):
        return any(k in BUFFER_KINDS for k in self.kinds)


def param_kinds(source, func):
    """The kind of each parameter of the module-level function `func` (None: no such function)."""
    for node in ast.parse(source).body:
        if isinstance(node, ast.FunctionDef) and node.name == func:
            notes = [ast.unparse(a.annotation) if a.annotation else "" for a in node.args.args]
            return [n if n in BUFFER_KINDS else "int" for n in notes]
    return None


def read_bench(path):
    """The benchmark `path` describes, or None if it has no `# bench:` line."""
    source = path.read_text()
    lines = {}
    for line in source.splitlines():
        for tag in ("# bench:", "# native:"):
            if line.startswith(tag):
                lines.setdefault(tag, shlex.split(line[len(tag):]))
    call = lines.get("# bench:")
    if not call:
        return None
    bench = Bench(path, call[0], call[1:], param_kinds(source, call[0]), lines.get("# native:", call))
    if bench.kinds is None or len(bench.kinds) != len(bench.args):
        raise ValueError("%s: its `# bench:` line does not call one of its functions" % path.name)
    if bench.buffers and "# native:" not in lines:
        raise ValueError("%s: a program over buffers needs a `# native: NAME ARG...` line" % path.name)
    return bench


def find_benches(only):
    """The benchmarks of bench/*.py (only those of the file stems in `only`, if any)."""
    benches = []
    for path in sorted(BENCH_DIR.glob("*.py")):
        if not only or path.stem in only:
            benches += filter(None, [read_bench(path)])
    return benches


def buffer_value(text):
    """The value of a buffer argument's text, read without eval."""
    if text.startswith("@"):
        return Path(text[1:]).read_bytes()
    node = ast.parse(text.strip(), mode="eval").body
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and len(node.args) == 1 \
            and node.func.id in ("bytes", "bytearray") and not node.keywords:
        inner = ast.literal_eval(node.args[0])  # a length or a bytes literal
        return bytes(inner) if node.func.id == "bytes" else bytearray(inner)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mult):  # [a] * N
        return ast.literal_eval(node.left) * ast.literal_eval(node.right)
    return ast.literal_eval(node)  # `argument` checks the type of what comes out


def argument(kind, text):
    """CPython's argument for a parameter of `kind` from its command-line text."""
    if kind not in BUFFER_KINDS:
        return int(text)
    value = buffer_value(text)
    if kind == "list[int]":
        if type(value) is not list or any(type(v) is not int for v in value):
            raise ValueError("%s is not a list of ints" % text)
        return value
    if not isinstance(value, (bytes, bytearray)):
        raise ValueError("%s is not bytes" % text)
    return bytes(value) if kind == "bytes" else bytearray(value)


def cpython_call(path, func, texts):
    """In the CPython subprocess: load the program, make the arguments, time
    the call alone, print {"result": repr, "secs": S}."""
    spec = importlib.util.spec_from_file_location(Path(path).stem, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    kinds = param_kinds(Path(path).read_text(), func)
    args = [argument(k, t) for k, t in zip(kinds, texts)]
    function = getattr(module, func)
    start = time.perf_counter()
    result = function(*args)
    secs = time.perf_counter() - start
    print(json.dumps({"result": repr(result), "secs": secs}))


def timed_run(b, system, cmd, problems):
    """Runs `cmd` as a whole process timed for `system` on benchmark `b`: its
    stdout's last line (the result; a program may print before it), or None
    if it failed (then its time is not kept)."""
    start = time.perf_counter()
    p = subprocess.run(cmd, capture_output=True, text=True)
    secs = time.perf_counter() - start
    if p.returncode != 0 or not p.stdout.strip():
        problems.append("%s: %s exited with %d: %s" % (b.path.name, system, p.returncode, p.stderr.strip()[-300:]))
        return None
    b.secs[system].append(secs)
    return p.stdout.strip().splitlines()[-1]


def one_round(b, opts, problems):
    """Runs benchmark `b` once in each system, keeping times and checking results."""
    got = {"minijit": timed_run(b, "minijit", [opts.minijit, "run", str(b.path), b.func, *b.args], problems)}
    if not opts.no_cpython:
        cmd = [sys.executable, __file__, "--cpython-call", str(b.path), b.func, *b.args]
        reply = timed_run(b, "cpython_process", cmd, problems)
        if reply:
            reply = json.loads(reply)
            b.secs["cpython"].append(reply["secs"])  # the call alone
            got["cpython"] = reply["result"]
    reply = timed_run(b, "native", [opts.native, *b.native], problems)
    if reply:
        reply = json.loads(reply)
        b.secs["native_call"].append(reply["secs"])
        got["native"] = str(reply["result"])
    if opts.in_process:  # `minijit bench` prints a Markdown table: its row is the last line
        cmd = [opts.minijit, "bench", "--rounds", "1", "--no-interp", "--no-cpython", str(b.path)]
        row = timed_run(b, "minijit_bench", cmd, problems)
        if row:
            b.secs["minijit_call"].append(float(row.split("|")[3]))  # | bench | compile µs | minijit s |
    judge = "native" if opts.no_cpython else "cpython"
    for system in ("minijit", "native"):
        if system != judge and None not in (got.get(judge), got[system]) and got[system] != got[judge]:
            problems.append("%s: %s gave %s, %s %s" % (b.path.name, system, got[system], judge, got[judge]))


def median(b, system):
    return statistics.median(b.secs[system]) if b.secs[system] else None


def ratio(a, b):
    return a / b if a is not None and b else None


def fmt(x, spec="%.2f"):
    return "-" if x is None else spec % x


def geomean(xs):
    return math.exp(sum(map(math.log, xs)) / len(xs)) if xs else None


def table(benches, minijit, native, with_speedup):
    """A Markdown row per benchmark: the medians, then the ratios."""
    print("| bench | minijit s | CPython s | native s |%s minijit/native |" % (" vs CPython |" * with_speedup))
    print("|---|---:|---:|---:|---:|" + "---:|" * with_speedup)
    for b in benches:
        m, c, n = median(b, minijit), median(b, "cpython"), median(b, native)
        speedup = " %s |" % fmt(ratio(c, m), "%.1f×") if with_speedup else ""
        print("| %s | %s | %s | %s |%s %s |" % (
            b.path.stem, fmt(m, "%.4f"), fmt(c, "%.3f"), fmt(n, "%.4f"), speedup, fmt(ratio(m, n))))


def report(benches, opts):
    table(benches, "minijit", "native", True)
    ratios = [(ratio(median(b, "minijit"), median(b, "native")), b) for b in benches]
    ratios = [(r, b) for r, b in ratios if r is not None]
    if ratios:
        groups = [("integer", [r for r, b in ratios if not b.buffers]), ("buffer", [r for r, b in ratios if b.buffers])]
        worst, b = max(ratios, key=lambda rb: rb[0])
        print("\ngeomean minijit/native: %s, %s over all %d; max %.2f (%s)" % (
            ", ".join("%s over the %d %s programs" % (fmt(geomean(g)), len(g), kind) for kind, g in groups if g),
            fmt(geomean([r for r, _ in ratios])), len(ratios), worst, b.path.stem))
    if opts.in_process:
        print("\nThe calls alone (in-process clocks: `minijit bench`, CPython's, bench-native's):\n")
        table(benches, "minijit_call", "native_call", False)


def main():
    if sys.argv[1:2] == ["--cpython-call"]:
        return cpython_call(*sys.argv[2:4], sys.argv[4:])
    release = ROOT / os.environ.get("CARGO_TARGET_DIR", "target") / "release"  # where cargo builds
    # --help: argparse's usage line, then the docstring after its own usage paragraph.
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n", 2)[2],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rounds", type=int, default=5, help="rounds over all benchmarks (default 5)")
    ap.add_argument("--only", help="NAME,...: only these file stems")
    ap.add_argument("--no-cpython", action="store_true", help="skip CPython; check minijit against native")
    ap.add_argument("--no-build", action="store_true", help="do not run cargo build first")
    ap.add_argument("--minijit", help="the minijit binary (default: target/release/minijit, built)")
    ap.add_argument("--native", help="the bench-native binary (default: target/release/bench-native, built)")
    ap.add_argument("--in-process", action="store_true", help="also tabulate the calls alone")
    opts = ap.parse_args()
    if opts.rounds < 1:
        ap.error("--rounds must be at least 1")
    packages = [p for p, given in (("host", opts.minijit), ("minijit-bench-native", opts.native)) if not given]
    opts.minijit = opts.minijit or str(release / "minijit")
    opts.native = opts.native or str(release / "bench-native")
    if packages and not opts.no_build:
        cmd = ["cargo", "build", "--release"] + [w for p in packages for w in ("-p", p)]
        print("+ " + " ".join(cmd), file=sys.stderr, flush=True)
        if subprocess.run(cmd, cwd=ROOT).returncode != 0:
            return 1
    for binary in (opts.minijit, opts.native):
        if not os.access(binary, os.X_OK):
            ap.error("%s is not an executable (build it, or drop --no-build)" % binary)
    only = set(filter(None, (opts.only or "").split(",")))
    try:
        benches = find_benches(only)
    except (ValueError, SyntaxError) as e:
        ap.error(str(e))
    if only - {b.path.stem for b in benches}:
        ap.error("--only: no benchmark named %s" % ", ".join(sorted(only - {b.path.stem for b in benches})))
    problems = []
    for r in range(opts.rounds):
        print("round %d/%d:" % (r + 1, opts.rounds), end="", file=sys.stderr, flush=True)
        for b in benches:
            print(" " + b.path.stem, end="", file=sys.stderr, flush=True)
            one_round(b, opts, problems)
        print(file=sys.stderr)
    report(benches, opts)
    for p in dict.fromkeys(problems):  # each once, in order
        print("FAIL " + p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
