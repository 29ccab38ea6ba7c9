//! Running IR with buffers and host functions both ways, the interpreter
//! and the JIT, and comparing everything the call did: the result or the
//! exception with its message, the final contents of every buffer, and the
//! host calls made (in order, with their arguments).

use crate::rng::{Algorithm, Rng};
use host::jit::{load, Loaded};
use minijit::interp::Interpreter;
use minijit::ir::{text::parse_module, FuncId, Module};
use minijit::{Arg, CallError, Exception, Host, HostId, Limits, Program, Trap};

/// An argument the test owns, so that each run gets its own copy: the
/// command line's parsed argument.
pub use host::args::Parsed as Val;

/// Borrows `vals` as call arguments.
pub fn args_of(vals: &mut [Val]) -> Vec<Arg<'_>> {
    vals.iter_mut().map(Val::as_arg).collect()
}

/// The embedder's functions, by declared name: `fail` always raises,
/// `picky` raises when its first argument is 3 mod 7, everything else
/// returns a mix of its id and arguments. Every call is logged.
pub struct TestHost {
    names: Vec<String>,
    log: Vec<(u32, Vec<i64>)>,
}

impl Host for TestHost {
    fn call(&mut self, id: HostId, args: &[i64]) -> Result<i64, Exception> {
        self.log.push((id.0, args.to_vec()));
        let name = self.names.get(id.index()).map_or("?", String::as_str);
        match name {
            "fail" => Err(Exception::with_message(
                Trap::ValueError,
                "the host said no",
            )),
            "picky" if args.first().is_some_and(|a| a.rem_euclid(7) == 3) => Err(
                Exception::with_message(Trap::AssertionError, format!("picky about {}", args[0])),
            ),
            _ => Ok(args
                .iter()
                .enumerate()
                .fold(i64::from(id.0) + 1, |acc, (i, &a)| {
                    acc.wrapping_mul(31).wrapping_add(a ^ i as i64)
                })),
        }
    }
}

/// What one call did.
#[derive(Debug, PartialEq, Eq)]
pub struct Outcome {
    /// The result, or the exception as Python prints it.
    pub result: Result<Option<i64>, String>,
    /// The arguments afterwards (buffers as the call left them).
    pub args: Vec<Val>,
    /// Every host call: the host id and the arguments.
    pub host_calls: Vec<(u32, Vec<i64>)>,
}

fn outcome(result: Result<Option<i64>, CallError>, args: Vec<Val>, host: TestHost) -> Outcome {
    Outcome {
        result: result.map_err(|e| e.to_string()),
        args,
        host_calls: host.log,
    }
}

/// A module compiled as it is, loaded, with the interpreter beside it.
pub struct Case<'p> {
    program: &'p Program,
    module: &'p Module,
    loaded: Loaded<'p>,
}

/// A program and the IR it was compiled from.
pub struct Compiled {
    /// The machine code.
    pub program: Program,
    /// Its IR, for the interpreter.
    pub module: Module,
}

/// Parses IR text and compiles it as it is (panics on an error).
pub fn compile(text: &str) -> Compiled {
    let module = parse_module(text).unwrap_or_else(|e| panic!("{}\n{text}", e.message));
    let program =
        minijit::compile_ir(module.clone()).unwrap_or_else(|e| panic!("{}\n{text}", e.message));
    Compiled { program, module }
}

impl<'p> Case<'p> {
    /// Loads `compiled`.
    pub fn new(compiled: &'p Compiled) -> Case<'p> {
        Case {
            program: &compiled.program,
            module: &compiled.module,
            loaded: load(&compiled.program).unwrap(),
        }
    }

    /// The IR both run.
    pub fn module(&self) -> &Module {
        self.module
    }

    /// A fresh host for one call.
    pub fn host(&self) -> TestHost {
        TestHost {
            names: self.module().hosts.iter().map(|h| h.name.clone()).collect(),
            log: Vec::new(),
        }
    }

    /// Calls `func` in the machine code.
    pub fn jit(&self, func: &str, vals: &[Val]) -> Outcome {
        let f = self.program.function(func).expect("function exists");
        let mut vals = vals.to_vec();
        let mut host = self.host();
        let limits = host::jit::with_full_stack(self.program, &Limits::default());
        let result = self
            .loaded
            .call(f, &mut args_of(&mut vals), &limits, &mut host);
        outcome(result, vals, host)
    }

    /// Calls `func` in the interpreter.
    pub fn interpret(&self, func: &str, vals: &[Val]) -> Outcome {
        let f = self.program.function(func).expect("function exists");
        let mut vals = vals.to_vec();
        let mut host = self.host();
        let result = Interpreter::new(self.module()).call(
            FuncId::new(f.index()),
            &mut args_of(&mut vals),
            &mut host,
        );
        outcome(result, vals, host)
    }

    /// Runs `func` both ways; they must agree. Returns what happened.
    pub fn check(&self, func: &str, vals: &[Val]) -> Outcome {
        let want = self.interpret(func, vals);
        let got = self.jit(func, vals);
        assert_eq!(got, want, "{func}{vals:?} in\n{}", self.module());
        got
    }
}

/// The generator of [`random_module`] and [`random_args`] for `seed` (any
/// value): xorshift64, the algorithm the buffer programs were first drawn
/// with.
pub fn rng(seed: u64) -> Rng {
    Rng::spread(Algorithm::XorShift64, seed)
}

/// The host functions random programs may call (by these names, so that
/// [`TestHost`] makes `picky` raise now and then).
pub const RANDOM_HOSTS: &str = "
host h0() -> int
host h1(int) -> int
host h3(int, int, int) -> int
host h8(int, int, int, int, int, int, int, int) -> int
host picky(int) -> int
host print(...) -> none
";

const HOST_ARITIES: [(&str, usize); 6] = [
    ("h0", 0),
    ("h1", 1),
    ("h3", 3),
    ("h8", 8),
    ("picky", 1),
    ("print", usize::MAX),
];

/// Constants random programs start from: small indexes, byte edges and
/// the 64-bit edges.
const CONSTANTS: [i64; 10] = [0, 1, 2, 3, -1, 7, 255, 256, i64::MIN, i64::MAX];

/// Writes random straight-line code into `text` over `ints` (values)
/// and `buffers` (kind, address value, length value): loads, stores, both
/// checks (an index check counting from the end or not), arithmetic (some of it trapping), host calls and, if `callee`
/// is given, calls to it passing the function's list twice (aliasing) and
/// an integer. Values are numbered from `next`. Returns a mix of the last
/// values, and the next value number.
fn random_body(
    rng: &mut Rng,
    text: &mut String,
    mut next: usize,
    mut ints: Vec<usize>,
    buffers: &[(&str, usize, usize)],
    callee: Option<&str>,
) -> (usize, usize) {
    use std::fmt::Write;
    let mut fresh = || {
        next += 1;
        next - 1
    };
    let mut consts = Vec::new();
    for c in CONSTANTS {
        let v = fresh();
        let _ = writeln!(text, "    v{v} = const {c}");
        consts.push(v);
    }
    ints.extend(&consts);
    let steps = 6 + rng.below(30);
    for _ in 0..steps {
        // Recent values more often than old ones: longer chains, and
        // old values still read now and then (pressure).
        let int = |rng: &mut Rng| {
            if rng.below(3) == 0 {
                ints[rng.below(ints.len())]
            } else {
                ints[ints.len() - 1 - rng.below(ints.len().min(6))]
            }
        };
        // An index: mostly a constant 0..=3 or a value masked to that
        // range (buffers usually have four items or more), now and then
        // one always negative or one of either sign, else anything.
        let mut index = |rng: &mut Rng, text: &mut String| match rng.below(40) {
            0..=19 => consts[rng.below(4)],
            20..=31 => {
                let (x, r) = (int(rng), fresh());
                let _ = writeln!(text, "    v{r} = and v{x}, v{}", consts[3]);
                r
            }
            32..=37 => {
                // -1 - (x & 3), or (x & 7) - 2.
                let (x, m, r) = (int(rng), fresh(), fresh());
                let (mask, a, b) = match rng.below(2) {
                    0 => (consts[3], consts[4], m),
                    _ => (consts[5], m, consts[2]),
                };
                let _ = writeln!(text, "    v{m} = and v{x}, v{mask}");
                let _ = writeln!(text, "    v{r} = sub v{a}, v{b}");
                r
            }
            _ => int(rng),
        };
        // Two checks in three count a negative index from the end.
        let from_end = |rng: &mut Rng| if rng.below(3) == 0 { "" } else { ".from_end" };
        match rng.below(10) {
            0..=2 => {
                let (kind, addr, len) = *rng.pick(buffers);
                let i = index(rng, text);
                let (c, r) = (fresh(), fresh());
                let end = from_end(rng);
                let _ = writeln!(text, "    v{c} = check_index.{kind}{end} v{i}, v{len}");
                let _ = writeln!(text, "    v{r} = load.{kind} v{addr}, v{c}");
                ints.push(r);
                if rng.below(2) == 0 {
                    ints.push(c);
                }
            }
            3 | 4 => {
                let writable: Vec<_> = buffers.iter().filter(|b| b.0 != "bytes").collect();
                let &(kind, addr, len) = writable[rng.below(writable.len())];
                let i = index(rng, text);
                let mut v = int(rng);
                if kind == "bytearray" {
                    if rng.below(6) != 0 {
                        let (mask, m) = (fresh(), fresh());
                        let _ = writeln!(text, "    v{mask} = const 255");
                        let _ = writeln!(text, "    v{m} = and v{v}, v{mask}");
                        v = m;
                    }
                    let b = fresh();
                    let _ = writeln!(text, "    v{b} = check_byte v{v}");
                    v = b;
                }
                let (c, end) = (fresh(), from_end(rng));
                let _ = writeln!(
                    text,
                    "    v{c} = check_index.{kind}.store{end} v{i}, v{len}"
                );
                let _ = writeln!(text, "    store.{kind} v{addr}, v{c}, v{v}");
            }
            5 | 6 => {
                // Now and then an operation that may overflow.
                let op = *rng.pick(&[
                    "add.wrap", "sub.wrap", "mul.wrap", "xor", "and", "or", "add.wrap", "sub.wrap",
                    "xor", "and", "or", "add", "mul",
                ]);
                let (a, b, r) = (int(rng), int(rng), fresh());
                let _ = writeln!(text, "    v{r} = {op} v{a}, v{b}");
                ints.push(r);
            }
            7 | 8 => {
                let (name, arity) = *rng.pick(&HOST_ARITIES);
                let n = if arity == usize::MAX {
                    rng.below(4)
                } else {
                    arity
                };
                let args: Vec<String> = (0..n).map(|_| format!("v{}", int(rng))).collect();
                let r = fresh();
                let _ = writeln!(text, "    v{r} = call_host {name}({})", args.join(", "));
                if name != "print" {
                    ints.push(r);
                }
            }
            _ => {
                let Some(callee) = callee else { continue };
                let list = buffers.iter().find(|b| b.0 == "list").copied();
                let Some((_, addr, len)) = list else { continue };
                let (x, r) = (int(rng), fresh());
                let _ = writeln!(
                    text,
                    "    v{r} = call {callee}(v{addr}, v{len}, v{addr}, v{len}, v{x})"
                );
                ints.push(r);
            }
        }
    }
    let mut result = ints[ints.len() - 1];
    for _ in 0..3 {
        let (other, r) = (ints[rng.below(ints.len())], fresh());
        let _ = writeln!(text, "    v{r} = xor v{result}, v{other}");
        result = r;
    }
    (result, next)
}

/// A random module: `g(list, list, int)`, which the entry calls with its
/// list twice, and the entry `f(bytearray, list, bytes, int, int)`.
///
/// Half of the entries run their body in a loop of 0 to 3 iterations,
/// whose counter and running result the body may read (as an index too),
/// so that checks, aliases and host calls meet back edges.
pub fn random_module(rng: &mut Rng) -> String {
    use std::fmt::Write;
    let mut text = String::from(RANDOM_HOSTS);
    text += "\nfunction g(list, list, int) -> int {\nblock0(v0, v1, v2, v3, v4):\n";
    let lists = [("list", 0, 1), ("list", 2, 3)];
    let (result, _) = random_body(rng, &mut text, 5, vec![1, 3, 4], &lists, None);
    let _ = writeln!(text, "    ret v{result}");
    text += "}\n\nfunction f(bytearray, list, bytes, int, int) -> int {\n";
    text += "block0(v0, v1, v2, v3, v4, v5, v6, v7):\n";
    let buffers = [("bytearray", 0, 1), ("list", 2, 3), ("bytes", 4, 5)];
    let ints = vec![1, 3, 5, 6, 7];
    if rng.below(2) == 0 {
        let (result, _) = random_body(rng, &mut text, 8, ints, &buffers, Some("g"));
        let _ = writeln!(text, "    ret v{result}");
    } else {
        // v8 = iterations, v9 = 0, v10 = 1; block1(counter v11, running v12).
        let n = rng.below(4);
        let _ = writeln!(
            text,
            "    v8 = const {n}\n    v9 = const 0\n    v10 = const 1"
        );
        text += "    jump block1(v9, v6)\nblock1(v11, v12):\n    v13 = lt v11, v8\n";
        text += "    br v13, block2, block3\nblock2:\n";
        let ints = [ints, vec![11, 12]].concat();
        let (result, next) = random_body(rng, &mut text, 14, ints, &buffers, Some("g"));
        let _ = writeln!(text, "    v{next} = add.wrap v11, v10");
        let _ = writeln!(
            text,
            "    jump block1(v{next}, v{result})\nblock3:\n    ret v12"
        );
    }
    text += "}\n";
    text
}

/// Arguments for `f` of [`random_module`]: buffers of 4 to 8 items (now
/// and then fewer, or 300), integers mostly small.
pub fn random_args(rng: &mut Rng) -> Vec<Val> {
    let len = |rng: &mut Rng| match rng.below(8) {
        0 => 300,
        1 => rng.below(4),
        _ => 4 + rng.below(5),
    };
    let n = len(rng);
    let bytearray = (0..n).map(|_| rng.next_u64() as u8).collect();
    let n = len(rng);
    let list = (0..n)
        .map(|_| match rng.below(4) {
            0 => rng.next_u64() as i64,
            _ => rng.below(20) as i64 - 5,
        })
        .collect();
    let n = len(rng);
    let bytes = (0..n).map(|_| rng.next_u64() as u8).collect();
    let int = |rng: &mut Rng| match rng.below(5) {
        0 => *rng.pick(&CONSTANTS),
        _ => rng.below(12) as i64 - 2,
    };
    vec![
        Val::ByteArray(bytearray),
        Val::List(list),
        Val::Bytes(bytes),
        Val::Int(int(rng)),
        Val::Int(int(rng)),
    ]
}
