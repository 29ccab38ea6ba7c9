//! Specialization against the general function: a generated program's
//! calls made through the general compiled function and through a
//! specialized one with a random choice of its integer parameters fixed
//! to the call's own values. Results, exceptions (with their messages),
//! final buffers and printed lines must be the same; with a small fuel
//! budget, FuelExhausted must come at the same point (the same output
//! before it).

use crate::differential::answer_with_messages;
use crate::gen::{call_text, Arg, Generated};
use crate::rng::Rng;
use crate::Messages;
use host::jit::Loaded;
use minijit::{FuncRef, Limits, Options, Program};

/// Fuel for the general function's run, which says whether the call ends
/// (a generated call needs far less).
pub const FUEL: u64 = crate::differential::FUEL;

/// What one program's check found.
#[derive(Debug, Default)]
pub struct Checked {
    /// Calls compared (three ways: specialized without fuel, with a large
    /// budget, and with a small one against the general function's).
    pub calls: usize,
    /// Calls skipped because the general one ran out of fuel.
    pub runaways: usize,
    /// One line per disagreement.
    pub failures: Vec<String>,
}

/// One call's answer, as exact as can be compared: the result or the
/// exception with its message, the final writable buffers, the output.
/// `Err` for an error other than an exception (a bad argument).
fn answer_of(
    loaded: &Loaded<'_>,
    func: FuncRef,
    args: &[Arg],
    limits: &Limits,
) -> Result<String, String> {
    let answer = answer_with_messages(args, Messages::All, |a, host| {
        loaded.call(func, a, limits, host)
    });
    match answer.strip_prefix("error: ") {
        Some(error) => Err(error.to_string()),
        None => Ok(answer),
    }
}

/// `program` loaded, and `limits` with the stack its calls need.
fn load<'p>(program: &'p Program, limits: &Limits) -> Result<(Loaded<'p>, Limits), String> {
    let loaded = host::jit::load(program).map_err(|e| format!("cannot load: {e}"))?;
    Ok((loaded, host::jit::with_full_stack(program, limits)))
}

/// Which parameters of a call to fix: each integer one with probability
/// one half (at least one when there is any), to the call's value.
pub fn choose_fixed(rng: &mut Rng, args: &[Arg]) -> Vec<Option<i64>> {
    let ints: Vec<usize> = (0..args.len())
        .filter(|&i| matches!(args[i], Arg::Int(_)))
        .collect();
    let forced = (!ints.is_empty()).then(|| *rng.pick(&ints));
    args.iter()
        .enumerate()
        .map(|(i, a)| match a {
            Arg::Int(v) if Some(i) == forced || rng.chance(50) => Some(*v),
            _ => None,
        })
        .collect()
}

/// `fixed` as `--fix` arguments would write it, by position: `#2=7`.
pub fn fixed_text(fixed: &[Option<i64>]) -> String {
    let parts: Vec<String> = fixed
        .iter()
        .enumerate()
        .filter_map(|(i, v)| v.map(|v| format!("#{}={v}", i + 1)))
        .collect();
    parts.join(" ")
}

/// Checks every call of `g`, the fixed parameters drawn from `seed`.
///
/// # Errors
/// A message when the program does not compile (a generator bug).
pub fn check(g: &Generated, seed: u64) -> Result<Checked, String> {
    let fueled = Options {
        fuel: true,
        ..crate::options()
    };
    let render = |e: minijit::CompileError| e.render("generated.py", &g.source);
    let module = minijit::compile_to_ir(&g.source, &crate::options()).map_err(render)?;
    let fueled_module = minijit::compile_to_ir(&g.source, &fueled).map_err(render)?;
    let general = minijit::compile(&g.source, &fueled).map_err(render)?;
    let loaded = host::jit::load(&general).map_err(|e| format!("cannot load: {e}"))?;
    let mut rng = Rng::new(seed ^ 0x5bec_1a11);
    let mut checked = Checked::default();
    let with_fuel = Limits {
        fuel: Some(FUEL),
        ..Limits::default()
    };
    for call in &g.calls {
        let (name, args) = call;
        let Some(func) = general.function(name) else {
            return Err(format!("no function {name}"));
        };
        let stack = |limits: Limits| host::jit::with_full_stack(&general, &limits);
        let want = answer_of(&loaded, func, args, &stack(with_fuel.clone()))?;
        if want.starts_with("FuelExhausted") {
            checked.runaways += 1;
            continue;
        }
        let fixed = choose_fixed(&mut rng, args);
        let free: Vec<Arg> = args
            .iter()
            .zip(&fixed)
            .filter(|(_, f)| f.is_none())
            .map(|(a, _)| a.clone())
            .collect();
        // A budget most calls run out of: fuel is spent at the same
        // entries and loop headers, so it runs out at the same point.
        let small = Limits {
            fuel: Some(rng.below(300) as u64),
            ..Limits::default()
        };
        let want_small = answer_of(&loaded, func, args, &stack(small.clone()))?;
        let specialize = |ir| {
            // SAFETY: both modules come from `compile_to_ir` (above).
            unsafe { minijit::compile_specialized_ir(ir, &crate::options(), name, &fixed) }
                .map_err(|e| format!("refused: {}", e.message))
        };
        // The fueled module specialized once, for both budgets.
        let (plain, fueled) = (specialize(&module), specialize(&fueled_module));
        for (program, limits, how, want) in [
            (&plain, Limits::default(), "specialized", &want),
            (&fueled, with_fuel.clone(), "specialized with fuel", &want),
            (
                &fueled,
                small.clone(),
                "specialized with little fuel",
                &want_small,
            ),
        ] {
            let got = program.as_ref().map_err(String::clone).and_then(|p| {
                let f = p.function(name).ok_or("no specialized function")?;
                let (loaded, limits) = load(p, &limits)?;
                answer_of(&loaded, f, &free, &limits)
            });
            checked.calls += 1;
            match got {
                Ok(got) if got == *want => {}
                got => checked.failures.push(format!(
                    "{} fixing {}: general {want}, {how} {}",
                    call_text(call),
                    fixed_text(&fixed),
                    got.unwrap_or_else(|e| e)
                )),
            }
        }
    }
    Ok(checked)
}
