//! What specialization buys: `cargo run --release -p host --example specialize`.
//!
//! For a few programs whose parameters are known only at run time (a
//! modulus, an iteration limit, a port number), prints the run time of the
//! general compiled function, of the function specialized on those values
//! (`minijit::compile_specialized_ir`), their ratio, and how long
//! specializing takes (specialize, optimize and emit, from IR already
//! through the front end: median of many). Each time is the best of
//! several runs; both answers are checked to be the same.

use host::jit::load;
use minijit::{Arg, Limits, Options, Program};
use std::time::{Duration, Instant};

const POWMOD: &str = "\
def powmod(b, e, m):
    r = 1
    b = b % m
    while e > 0:
        if e & 1:
            r = r * b % m
        b = b * b % m
        e >>= 1
    return r

def powmod_sum(n, e, m):
    t = 0
    for i in range(n):
        t = (t + powmod(i + 2, e, m)) % m
    return t
";

const MANDEL: &str = "\
def escape(cr, ci, limit):
    zr = 0
    zi = 0
    n = 0
    while n < limit and zr * zr + zi * zi <= (4 << 24):
        zr, zi = ((zr * zr - zi * zi) >> 12) + cr, ((2 * zr * zi) >> 12) + ci
        n += 1
    return n

def mandel(size, limit):
    total = 0
    for y in range(size):
        for x in range(size):
            cr = (x * 3 * 4096) // size - 2 * 4096
            ci = (y * 2 * 4096) // size - 4096
            total += escape(cr, ci, limit)
    return total
";

const FILTER: &str = "\
def count_port(packets: bytes, port, flag):
    hits = 0
    for i in range(0, len(packets) - 3, 4):
        p = packets[i] << 8 | packets[i + 1]
        if p == port and packets[i + 2] & flag:
            hits += 1
    return hits
";

/// One row: a program, its function, arguments, and which to fix.
struct Case {
    label: &'static str,
    source: &'static str,
    func: &'static str,
    args: Vec<Value>,
    fixed: Vec<bool>,
}

#[derive(Clone)]
enum Value {
    Int(i64),
    Bytes(Vec<u8>),
}

fn main() {
    let packets: Vec<u8> = (0..4_000_000u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    let cases = [
        Case {
            label: "powmod_sum, m = 1000003 fixed",
            source: POWMOD,
            func: "powmod_sum",
            args: vec![
                Value::Int(100_000),
                Value::Int(1_000_001),
                Value::Int(1_000_003),
            ],
            fixed: vec![false, false, true],
        },
        Case {
            label: "mandel, limit = 200 fixed",
            source: MANDEL,
            func: "mandel",
            args: vec![Value::Int(240), Value::Int(200)],
            fixed: vec![false, true],
        },
        Case {
            label: "mandel, size = 240, limit = 200 fixed",
            source: MANDEL,
            func: "mandel",
            args: vec![Value::Int(240), Value::Int(200)],
            fixed: vec![true, true],
        },
        Case {
            label: "packet filter, port = 443 fixed",
            source: FILTER,
            func: "count_port",
            args: vec![
                Value::Bytes(packets.clone()),
                Value::Int(443),
                Value::Int(1),
            ],
            fixed: vec![false, true, false],
        },
        Case {
            label: "packet filter, port = 443, flag = 1 fixed",
            source: FILTER,
            func: "count_port",
            args: vec![Value::Bytes(packets), Value::Int(443), Value::Int(1)],
            fixed: vec![false, true, true],
        },
    ];
    println!(
        "| program | general ms | specialized ms | speedup | specialize µs |\n|---|---:|---:|---:|---:|"
    );
    for case in &cases {
        let row = measure(case);
        println!(
            "| {} | {:.2} | {:.2} | {:.2}× | {:.0} |",
            case.label,
            ms(row.general),
            ms(row.specialized),
            row.general.as_secs_f64() / row.specialized.as_secs_f64(),
            row.specialize.as_secs_f64() * 1e6
        );
    }
}

struct Row {
    general: Duration,
    specialized: Duration,
    specialize: Duration,
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn measure(case: &Case) -> Row {
    let options = Options::default();
    let module = minijit::compile_to_ir(case.source, &options).expect("the program compiles");
    let general = minijit::compile(case.source, &options).expect("the program compiles");
    let fixed: Vec<Option<i64>> = case
        .args
        .iter()
        .zip(&case.fixed)
        .map(|(a, &f)| match (a, f) {
            (Value::Int(v), true) => Some(*v),
            _ => None,
        })
        .collect();
    let mut times = Vec::new();
    for _ in 0..200 {
        let start = Instant::now();
        // SAFETY: `module` comes from `compile_to_ir` (above).
        let p = unsafe { minijit::compile_specialized_ir(&module, &options, case.func, &fixed) };
        times.push(start.elapsed());
        drop(p.expect("the specialization compiles"));
    }
    times.sort();
    let specialize = times[times.len() / 2];
    // SAFETY: as above.
    let specialized =
        unsafe { minijit::compile_specialized_ir(&module, &options, case.func, &fixed) }
            .expect("the specialization compiles");
    let free: Vec<Value> = case
        .args
        .iter()
        .zip(&case.fixed)
        .filter(|(_, &f)| !f)
        .map(|(a, _)| a.clone())
        .collect();
    let (want, general_time) = best_run(&general, case.func, &case.args);
    let (got, specialized_time) = best_run(&specialized, case.func, &free);
    assert_eq!(got, want, "{}: the answers differ", case.label);
    Row {
        general: general_time,
        specialized: specialized_time,
        specialize,
    }
}

/// The answer of `func(args)` and the best time of five runs.
fn best_run(program: &Program, func: &str, args: &[Value]) -> (i64, Duration) {
    let loaded = load(program).expect("the code loads");
    let f = program.function(func).expect("the function exists");
    let limits = host::jit::with_full_stack(program, &Limits::default());
    let mut best = Duration::MAX;
    let mut answer = 0;
    for _ in 0..5 {
        let mut owned = args.to_vec();
        let mut call_args: Vec<Arg<'_>> = owned
            .iter_mut()
            .map(|a| match a {
                Value::Int(v) => Arg::Int(*v),
                Value::Bytes(b) => Arg::Bytes(b),
            })
            .collect();
        let start = Instant::now();
        let result = loaded.call(f, &mut call_args, &limits, &mut minijit::NoHost);
        best = best.min(start.elapsed());
        answer = result.expect("the call answers").unwrap_or(0);
    }
    (answer, best)
}
