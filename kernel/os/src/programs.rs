//! What the demo runs: the benchmark programs (embedded at build time, with
//! small arguments) and one program per Python exception minijit can
//! raise, each with a call that traps followed by one that must succeed.
//!
//! Plain data with no dependencies, so that the host's boot test
//! (`tests/tests/kernel_boot.rs`) includes this very file and computes the
//! interpreter's answer to every call the kernel makes.

/// A program and the calls made to it.
pub struct Demo {
    /// The name it is shown under.
    pub name: &'static str,
    /// Python source.
    pub source: &'static str,
    /// Compile with fuel checks (needed for FuelExhausted).
    pub fuel: bool,
    /// The calls, in order.
    pub calls: &'static [Call],
}

/// One call and the limits it runs under.
pub struct Call {
    /// The function called.
    pub func: &'static str,
    /// Its arguments.
    pub args: &'static [i64],
    /// Deepest call nesting allowed.
    pub recursion_limit: u32,
    /// Fuel budget, for programs compiled with fuel.
    pub fuel: Option<u64>,
    /// The exception the call must raise, if it must.
    pub trap: Option<&'static str>,
}

const fn ok(func: &'static str, args: &'static [i64]) -> Call {
    Call {
        func,
        args,
        recursion_limit: 1000,
        fuel: None,
        trap: None,
    }
}

const fn raises(func: &'static str, args: &'static [i64], trap: &'static str) -> Call {
    Call {
        trap: Some(trap),
        ..ok(func, args)
    }
}

const fn bench(name: &'static str, source: &'static str, call: &'static [Call]) -> Demo {
    Demo {
        name,
        source,
        fuel: false,
        calls: call,
    }
}

/// The benchmark programs of `bench/`, with arguments small enough for
/// software emulation.
pub const BENCHMARKS: &[Demo] = &[
    bench(
        "fib.py",
        include_str!("../../../bench/fib.py"),
        &[ok("fib", &[20])],
    ),
    bench(
        "gcd.py",
        include_str!("../../../bench/gcd.py"),
        &[ok("gcd_sum", &[50])],
    ),
    bench(
        "collatz.py",
        include_str!("../../../bench/collatz.py"),
        &[ok("collatz_longest", &[1000])],
    ),
    bench(
        "mandel.py",
        include_str!("../../../bench/mandel.py"),
        &[ok("mandel", &[24])],
    ),
    bench(
        "primes.py",
        include_str!("../../../bench/primes.py"),
        &[ok("count_primes", &[5000])],
    ),
    bench(
        "sum_loop.py",
        include_str!("../../../bench/sum_loop.py"),
        &[ok("sum_loop", &[10000])],
    ),
    bench(
        "tak.py",
        include_str!("../../../bench/tak.py"),
        &[ok("tak", &[18, 12, 6])],
    ),
    bench(
        "xorshift.py",
        include_str!("../../../bench/xorshift.py"),
        &[ok("xorshift", &[10000])],
    ),
];

/// One program per exception kind: a call that raises it, then a call to
/// the same code that must answer normally.
pub const TRAPS: &[Demo] = &[
    Demo {
        name: "overflow.py",
        source: "def mul(a, b):\n    return a * b\n",
        fuel: false,
        calls: &[
            raises("mul", &[1 << 62, 2], "OverflowError"),
            ok("mul", &[6, 7]),
        ],
    },
    Demo {
        name: "zero_division.py",
        source: "def div(a, b):\n    return a // b\n",
        fuel: false,
        calls: &[raises("div", &[1, 0], "ZeroDivisionError"), ok("div", &[7, 2])],
    },
    Demo {
        name: "value.py",
        source: "def shift(a, n):\n    return a << n\n",
        fuel: false,
        calls: &[raises("shift", &[1, -1], "ValueError"), ok("shift", &[1, 10])],
    },
    Demo {
        name: "assertion.py",
        source: "def check(x):\n    assert x > 0, \"x must be positive\"\n    return x\n",
        fuel: false,
        calls: &[raises("check", &[-5], "AssertionError"), ok("check", &[5])],
    },
    Demo {
        name: "unbound.py",
        source: "def maybe(c):\n    if c:\n        y = 1\n    return y\n",
        fuel: false,
        calls: &[raises("maybe", &[0], "UnboundLocalError"), ok("maybe", &[1])],
    },
    Demo {
        name: "recursion.py",
        source: "def depth(n):\n    if n == 0:\n        return 0\n    return depth(n - 1) + 1\n",
        fuel: false,
        calls: &[
            Call {
                recursion_limit: 100,
                ..raises("depth", &[1000], "RecursionError")
            },
            Call {
                recursion_limit: 100,
                ..ok("depth", &[50])
            },
        ],
    },
    Demo {
        name: "fuel.py",
        source: "def spin(n):\n    total = 0\n    while n > 0:\n        total += n\n        n -= 1\n    return total\n",
        fuel: true,
        calls: &[
            Call {
                fuel: Some(1000),
                ..raises("spin", &[1_000_000], "FuelExhausted")
            },
            Call {
                fuel: Some(1000),
                ..ok("spin", &[100])
            },
        ],
    },
];

/// The exceptions [`TRAPS`] covers, one program each.
pub const TRAP_KINDS: [&str; 7] = [
    "OverflowError",
    "ZeroDivisionError",
    "ValueError",
    "AssertionError",
    "UnboundLocalError",
    "RecursionError",
    "FuelExhausted",
];
