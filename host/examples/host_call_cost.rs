//! What a host call costs against a call between compiled functions:
//! `cargo run --release -p host --example host_call_cost [N]`.
//!
//! Three loops of N iterations each carry one value through a function
//! that adds one: inline (the loop alone), through a compiled function,
//! and through a host function (the bridge in `Code::call`, a `dyn Host`
//! call, and the embedder's closure). The loop alone is subtracted; each
//! is the best of several runs.

use host::jit::load;
use minijit::{Arg, Limits};
use std::time::Instant;

const IR: &str = "
host inc(int) -> int

function inc_compiled(int) -> int {
block0(v0):
    v1 = const 1
    v2 = add.wrap v0, v1
    ret v2
}

function loop_inline(int) -> int {
block0(v0):
    v1 = const 0
    jump block1(v1, v1)
block1(v2, v3):
    v4 = lt v2, v0
    br v4, block2, block3
block2:
    v5 = const 1
    v6 = add.wrap v3, v5
    v7 = add.wrap v2, v5
    jump block1(v7, v6)
block3:
    ret v3
}

function loop_compiled(int) -> int {
block0(v0):
    v1 = const 0
    jump block1(v1, v1)
block1(v2, v3):
    v4 = lt v2, v0
    br v4, block2, block3
block2:
    v5 = call inc_compiled(v3)
    v6 = const 1
    v7 = add.wrap v2, v6
    jump block1(v7, v5)
block3:
    ret v3
}

function loop_host(int) -> int {
block0(v0):
    v1 = const 0
    jump block1(v1, v1)
block1(v2, v3):
    v4 = lt v2, v0
    br v4, block2, block3
block2:
    v5 = call_host inc(v3)
    v6 = const 1
    v7 = add.wrap v2, v6
    jump block1(v7, v5)
block3:
    ret v3
}
";

fn main() {
    let n: i64 = std::env::args()
        .nth(1)
        .map_or(20_000_000, |s| s.parse().expect("N"));
    let module = minijit::ir::text::parse_module(IR).expect("the IR parses");
    let program = minijit::compile_ir(module).expect("the IR compiles");
    let loaded = load(&program).expect("the code loads");
    let time = |name: &str| {
        let f = program.function(name).expect("the function exists");
        (0..7)
            .map(|_| {
                let mut host = |_: minijit::HostId, args: &[i64]| Ok(args[0] + 1);
                let mut args = [Arg::Int(n)];
                let start = Instant::now();
                let result = loaded.call(f, &mut args, &Limits::default(), &mut host);
                let elapsed = start.elapsed().as_secs_f64();
                assert_eq!(result, Ok(Some(n)), "{name}");
                elapsed
            })
            .fold(f64::INFINITY, f64::min)
    };
    let inline = time("loop_inline");
    let compiled = time("loop_compiled");
    let host = time("loop_host");
    let ns = |t: f64| (t - inline) * 1e9 / n as f64;
    println!(
        "{n} iterations, best of 7, the loop alone ({:.2} ns) subtracted:",
        inline * 1e9 / n as f64
    );
    println!("  call to a compiled function: {:6.2} ns", ns(compiled));
    println!("  call to a host function:     {:6.2} ns", ns(host));
    println!(
        "  difference:                  {:6.2} ns",
        ns(host) - ns(compiled)
    );
}
