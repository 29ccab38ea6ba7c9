//! Golden text tests: the output of a stage for each file in a folder is
//! compared with the expected text stored beside it. `BLESS=1 cargo test`
//! rewrites the expectations (review the diff before committing).

use minijit_tests::*;
use std::path::Path;

/// Compares `actual` with the file `expected`, or rewrites it when blessing.
fn check_golden(expected: &Path, actual: &str, failures: &mut Vec<String>) {
    if bless() {
        std::fs::write(expected, actual).unwrap();
        return;
    }
    match std::fs::read_to_string(expected) {
        Ok(want) if want == actual => {}
        Ok(want) => failures.push(format!(
            "{} differs:\n--- expected\n{want}\n--- actual\n{actual}",
            expected.display()
        )),
        Err(_) => failures.push(format!(
            "{} is missing (run with BLESS=1)",
            expected.display()
        )),
    }
}

/// Source → IR text, for every file in tests/golden/lower.
#[test]
fn lowering_matches_golden_ir() {
    let mut failures = Vec::new();
    let files = files_in("tests/golden/lower", "py");
    assert!(!files.is_empty());
    for file in files {
        let module = compile_file(&file);
        check_golden(
            &file.with_extension("ir"),
            &module.to_string(),
            &mut failures,
        );
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Source → machine code (`minijit asm`), for every file in
/// tests/golden/asm: loops over a buffer that need no bounds check, a
/// parity test as `test`, guard clauses before the prologue. Besides the
/// text, every innermost loop (from the target of a backward branch to
/// that branch) has exactly one compare, its loop test, unless the file
/// says otherwise ([`loop_compares_wanted`]).
#[test]
fn buffer_loops_match_golden_asm() {
    let mut failures = Vec::new();
    let files = files_in("tests/golden/asm", "py");
    assert!(!files.is_empty());
    let mut loops_seen = 0;
    for file in files {
        let program = compile_program(&file);
        let text = host::disasm::disassemble(&program, None);
        let loops = innermost_loop_compares(&text);
        let wanted = loop_compares_wanted(&file);
        assert!(
            loops.iter().all(|&n| n == wanted),
            "{}: compares per innermost loop {loops:?}\n{text}",
            file.display()
        );
        loops_seen += loops.len();
        check_golden(&file.with_extension("asm"), &text, &mut failures);
    }
    assert!(loops_seen > 0);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// How many compares each innermost loop of `file` should have: 1 (its
/// loop test), or what a `# loop compares: N` line says (a loop whose
/// if-converted branch keeps a range guard has two).
fn loop_compares_wanted(file: &std::path::Path) -> usize {
    let source = std::fs::read_to_string(file).unwrap();
    source
        .lines()
        .find_map(|l| l.strip_prefix("# loop compares: "))
        .map_or(1, |n| n.trim().parse().unwrap())
}

/// For each innermost loop of a one-function listing (a backward branch
/// whose span holds no other), the `cmp` instructions in its span.
/// Branches out of the listing (to the runtime's unwinder) are not loops.
fn innermost_loop_compares(listing: &str) -> Vec<usize> {
    let lines: Vec<(u64, &str)> = listing
        .lines()
        .filter_map(|l| {
            let (offset, rest) = l.trim().split_once(':')?;
            Some((u64::from_str_radix(offset, 16).ok()?, rest))
        })
        .collect();
    let start = lines.first().map_or(0, |&(at, _)| at);
    let spans: Vec<(u64, u64)> = lines
        .iter()
        .filter_map(|&(at, text)| {
            let target = u64::from_str_radix(text.rsplit("0x").next()?.trim(), 16).ok()?;
            (text.contains(" j") && start <= target && target < at).then_some((target, at))
        })
        .collect();
    spans
        .iter()
        .filter(|&&(from, to)| {
            !spans
                .iter()
                .any(|&(f, t)| (f, t) != (from, to) && from <= f && t <= to)
        })
        .map(|&(from, to)| {
            lines
                .iter()
                .filter(|&&(at, text)| from <= at && at <= to && text.contains("cmp "))
                .count()
        })
        .collect()
}

/// IR → IR for one optimization pass, for every file in tests/golden/opt:
/// the first line names the pass (`; pass: NAME`), the rest is the input;
/// the output must verify and match the `.out` file beside it.
#[test]
fn passes_match_golden_ir() {
    let mut failures = Vec::new();
    let files = files_in("tests/golden/opt", "ir");
    assert!(!files.is_empty());
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        let pass = text
            .lines()
            .next()
            .and_then(|l| l.strip_prefix("; pass:"))
            .unwrap_or_else(|| panic!("{} must start with `; pass: NAME`", file.display()))
            .trim();
        let mut module = minijit::ir::text::parse_module(&text)
            .unwrap_or_else(|e| panic!("{}", e.render(&file.display().to_string(), &text)));
        minijit::ir::verify::verify(&module)
            .unwrap_or_else(|e| panic!("{}: input: {e}", file.display()));
        minijit::opt::run_pass(&mut module, pass).unwrap_or_else(|| panic!("unknown pass {pass}"));
        minijit::ir::verify::verify(&module)
            .unwrap_or_else(|e| panic!("{}: output: {e}\n{module}", file.display()));
        check_golden(
            &file.with_extension("out"),
            &module.to_string(),
            &mut failures,
        );
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Source → specialized IR, for every file in tests/golden/specialize: a
/// `# fix: FUNC NAME=VALUE ...` line says which parameters to fix; the
/// output is the module `specialize` gives (optimized). (That the
/// answers stay those of the general function is the differential test's
/// and the unit tests' work.)
#[test]
fn specializations_match_golden_ir() {
    let mut failures = Vec::new();
    let files = files_in("tests/golden/specialize", "py");
    assert!(!files.is_empty());
    for file in files {
        let module = specialize_file(&file);
        check_golden(
            &file.with_extension("ir"),
            &module.to_string(),
            &mut failures,
        );
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The module specializing `file` as its `# fix:` line says gives
/// (verified).
fn specialize_file(file: &Path) -> minijit::ir::Module {
    let source = std::fs::read_to_string(file).unwrap();
    let spec = source
        .lines()
        .find_map(|l| l.strip_prefix("# fix:"))
        .unwrap_or_else(|| panic!("{} needs a `# fix: FUNC NAME=VALUE` line", file.display()));
    let mut words = spec.split_whitespace();
    let func = words.next().expect("a function name");
    let fixes: Vec<(String, i64)> = words.map(|w| host::fix::parse(w).unwrap()).collect();
    let module = compile_file(file);
    let id = module.function_id(func).expect("the function exists");
    let fixed = host::fix::fixed_for(&source, &module, func, &fixes)
        .unwrap()
        .unwrap();
    let specialized = minijit::specialize::specialize(&module, id, &fixed).unwrap();
    minijit::ir::verify::verify(&specialized.module)
        .unwrap_or_else(|e| panic!("{}: {e}", file.display()));
    specialized.module
}

/// Specialization does what the golden files show, whatever they hold:
/// with the modulus fixed no division is left (a multiply-high instead),
/// and with the bound fixed the loop test compares with the constant.
#[test]
fn specialization_folds_the_modulus_and_the_loop_bound() {
    use minijit::ir::{BinaryOp, InstKind, ValueDef};
    let dir = repo_root().join("tests/golden/specialize");
    // The operations of `name` in `module`, in layout order.
    let ops = |module: &minijit::ir::Module, name: &str| -> Vec<InstKind> {
        let func = module.function(module.function_id(name).unwrap());
        func.layout
            .iter()
            .flat_map(|b| &func.blocks[b.index()].insts)
            .map(|i| func.insts[i.index()].kind.clone())
            .collect()
    };
    let has = |ops: &[InstKind], want: BinaryOp| {
        ops.iter()
            .any(|k| matches!(k, InstKind::Binary(op, ..) if *op == want))
    };
    let modulus = specialize_file(&dir.join("modulus.py"));
    let powmod = ops(&modulus, "powmod");
    assert!(
        !has(&powmod, BinaryOp::Mod) && !has(&powmod, BinaryOp::FloorDiv),
        "{modulus}"
    );
    assert!(has(&powmod, BinaryOp::UMulHi), "{modulus}");

    let bound = specialize_file(&dir.join("loop_bound.py"));
    let func = bound.function(bound.function_id("scaled_sum").unwrap());
    assert_eq!(func.params().len(), 1, "one parameter left:\n{bound}");
    let is_100 = |v: minijit::ir::Value| match func.values[v.index()] {
        ValueDef::Result(i) => matches!(func.insts[i.index()].kind, InstKind::Const(100)),
        _ => false,
    };
    assert!(
        ops(&bound, "scaled_sum")
            .iter()
            .any(|k| matches!(*k, InstKind::Binary(BinaryOp::Lt, _, b) if is_100(b))),
        "the loop test compares with 100:\n{bound}"
    );
}

/// Every program in tests/errors is refused with a diagnostic at the
/// line:col its `# error:` line names; the whole rendered diagnostic is
/// golden text.
#[test]
fn compile_errors_match_golden_diagnostics() {
    let mut failures = Vec::new();
    let files = files_in("tests/errors", "py");
    assert!(files.len() > 20);
    for file in files {
        let bytes = std::fs::read(&file).unwrap();
        let source = String::from_utf8_lossy(&bytes);
        let name = file.file_name().unwrap().to_string_lossy().to_string();
        let want_at = source
            .lines()
            .find_map(|l| l.strip_prefix("# error:"))
            .unwrap_or_else(|| panic!("{name} has no `# error:` line"))
            .trim()
            .to_string();
        let error = match minijit::compile_to_ir(&source, &options()) {
            Ok(_) => {
                failures.push(format!("{name}: compiled, but should be refused"));
                continue;
            }
            Err(e) => e,
        };
        let (line, col) = error.line_col(&source);
        if want_at != "any" && want_at != format!("{line}:{col}") {
            failures.push(format!(
                "{name}: error at {line}:{col}, expected {want_at}: {}",
                error.message
            ));
        }
        check_golden(
            &file.with_extension("stderr"),
            &error.render(&name, &source),
            &mut failures,
        );
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The IR of every test program verifies, prints, parses back, prints the
/// same again, and verifies again.
#[test]
fn ir_text_round_trips() {
    let mut files = files_in("tests/programs", "py");
    files.extend(files_in("tests/golden/lower", "py"));
    files.extend(bench_programs());
    for file in files {
        let module = compile_file(&file);
        minijit::ir::verify::verify(&module).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        let text = module.to_string();
        let parsed = minijit::ir::text::parse_module(&text)
            .unwrap_or_else(|e| panic!("{}: {}", file.display(), e.render("ir", &text)));
        // Value and block numbers survive the round trip; instructions are
        // renumbered in text order, so the text is what must match.
        assert_eq!(parsed.to_string(), text, "{}", file.display());
        minijit::ir::verify::verify(&parsed).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
    }
}
