//! `bench-native NAME ARG...`: one benchmark call, natively, timed.
//!
//! Each module is a hand translation of one `bench/*.py` program to safe Rust
//! over `i64`, the yardstick `bench/compare.py` measures minijit against.
//! Python's `//` and `%` are `py::floordiv` and `py::modulo`; other
//! arithmetic is plain `i64` (wrapping in the release build; no bench input
//! makes a value leave the i64 range, so Python's big integers never come
//! into it).
//!
//! NAME is the function named by the program's `# bench:` line (its
//! arguments are integers), or for a program over buffers the NAME of its
//! `# native:` line, whose arguments are numbers: a buffer's length, then
//! the integers. Buffers (`Vec<u8>` for a bytearray, `Vec<i64>` for a
//! `list[int]`) are made, zeroed, before the clock starts and indexed with
//! Rust's ordinary bounds checks. Only the call is timed; the output is one
//! line of JSON, `{"result": R, "secs": S}`.

mod checksum;
mod collatz;
mod fib;
mod gcd;
mod heapsort;
mod histogram;
mod mandel;
mod primes;
mod py;
mod sieve;
mod sum_loop;
mod tak;
mod xorshift;

use std::hint::black_box;
use std::process::ExitCode;
use std::time::Instant;

/// Each benchmark's command line, for the usage message.
const USAGE: &[&str] = &[
    "checksum LEN SEED",
    "collatz_longest N",
    "count_primes N",
    "fib N",
    "gcd_sum N",
    "heapsort LEN SEED",
    "histogram DATA_LEN COUNTS_LEN SEED",
    "mandel SIZE",
    "sieve LEN",
    "sum_loop N",
    "tak X Y Z",
    "xorshift N",
];

/// Runs `call` once under the clock: its result and the seconds it took.
/// `black_box` keeps the result from being thrown away unused.
fn timed(call: impl FnOnce() -> i64) -> (i64, f64) {
    let start = Instant::now();
    let result = black_box(call());
    (result, start.elapsed().as_secs_f64())
}

/// A buffer length argument.
fn length(n: i64) -> Result<usize, String> {
    usize::try_from(n).map_err(|_| format!("a buffer length cannot be {n}"))
}

/// Runs benchmark `name` on `args`: (result, seconds of the call alone).
/// Every input passes through `black_box` inside the timed closure, so the
/// optimizer cannot specialize the call to the values it will see.
fn run(name: &str, args: &[i64]) -> Result<(i64, f64), String> {
    Ok(match (name, args) {
        ("collatz_longest", &[n]) => timed(|| collatz::collatz_longest(black_box(n))),
        ("count_primes", &[n]) => timed(|| primes::count_primes(black_box(n))),
        ("fib", &[n]) => timed(|| fib::fib(black_box(n))),
        ("gcd_sum", &[n]) => timed(|| gcd::gcd_sum(black_box(n))),
        ("mandel", &[size]) => timed(|| mandel::mandel(black_box(size))),
        ("sum_loop", &[n]) => timed(|| sum_loop::sum_loop(black_box(n))),
        ("tak", &[x, y, z]) => timed(|| tak::tak(black_box(x), black_box(y), black_box(z))),
        ("xorshift", &[n]) => timed(|| xorshift::xorshift(black_box(n))),
        ("checksum", &[len, seed]) => {
            let mut data = vec![0u8; length(len)?];
            timed(|| checksum::checksum(black_box(&mut data), black_box(seed)))
        }
        ("heapsort", &[len, seed]) => {
            let mut items = vec![0i64; length(len)?];
            timed(|| heapsort::heapsort(black_box(&mut items), black_box(seed)))
        }
        ("histogram", &[data_len, counts_len, seed]) => {
            let mut data = vec![0u8; length(data_len)?];
            let mut counts = vec![0i64; length(counts_len)?];
            timed(|| {
                histogram::histogram(
                    black_box(&mut data),
                    black_box(&mut counts),
                    black_box(seed),
                )
            })
        }
        ("sieve", &[len]) => {
            let mut flags = vec![0u8; length(len)?];
            timed(|| sieve::sieve(black_box(&mut flags)))
        }
        _ => {
            let known = USAGE.iter().any(|u| u.split(' ').next() == Some(name));
            let what = if known {
                "wrong number of arguments for"
            } else {
                "no benchmark named"
            };
            return Err(format!("{what} {name}"));
        }
    })
}

fn main() -> ExitCode {
    let argv: Vec<String> = std::env::args().skip(1).collect();
    let outcome = match argv.split_first() {
        None => Err("no benchmark given".to_string()),
        Some((name, rest)) => rest
            .iter()
            .map(|w| w.parse::<i64>().map_err(|e| format!("argument {w:?}: {e}")))
            .collect::<Result<Vec<i64>, String>>()
            .and_then(|args| run(name, &args)),
    };
    match outcome {
        Ok((result, secs)) => {
            println!("{{\"result\": {result}, \"secs\": {secs:.9}}}");
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("bench-native: {message}");
            eprintln!("usage: bench-native NAME ARG...  (one of:)");
            for line in USAGE {
                eprintln!("  bench-native {line}");
            }
            ExitCode::from(2)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::run;

    #[test]
    fn runs_by_name_and_checks_arguments() {
        // CPython: fib(20) == 6765, sieve(bytearray(1000)) == 168,
        // histogram(bytearray(5000), [0] * 256, 42) == 35554678
        assert_eq!(run("fib", &[20]).unwrap().0, 6765);
        assert_eq!(run("sieve", &[1000]).unwrap().0, 168);
        assert_eq!(run("histogram", &[5000, 256, 42]).unwrap().0, 35554678);
        assert!(run("fib", &[1, 2]).unwrap_err().contains("wrong number"));
        assert!(run("nope", &[]).unwrap_err().contains("no benchmark"));
        assert!(run("sieve", &[-1]).unwrap_err().contains("length"));
    }
}
