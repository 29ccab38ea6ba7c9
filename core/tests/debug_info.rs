//! Debug info ([`minijit::Options::debug_info`]) describes the code and
//! never changes it: for every benchmark and language test program the
//! bytes are the same with and without it, the ranges cover each
//! function's entry in order, and the line and frame rows stay inside
//! their ranges.

use minijit::debug_info::{Cfa, RangeKind};
use minijit::{HostDecl, Options};
mod common;

use common::programs;

fn options(debug_info: bool) -> Options {
    Options {
        hosts: vec![HostDecl::print()],
        debug_info,
        ..Options::default()
    }
}

#[test]
fn debug_info_changes_no_byte() {
    let mut compared = 0;
    for path in programs() {
        let source = std::fs::read_to_string(&path).unwrap();
        let Ok(plain) = minijit::compile(&source, &options(false)) else {
            continue;
        };
        let debug = minijit::compile(&source, &options(true)).unwrap();
        assert_eq!(plain.bytes(), debug.bytes(), "{}", path.display());
        assert!(plain.debug_info().is_none());
        let info = debug.debug_info().expect("asked for");
        let entries: Vec<usize> = debug.functions().map(|(_, at)| at).collect();
        let starts: Vec<usize> = info
            .ranges
            .iter()
            .filter(|r| matches!(r.kind, RangeKind::Function(_)))
            .map(|r| r.start as usize)
            .collect();
        assert_eq!(starts, entries, "{}", path.display());
        let mut end = 0;
        for range in &info.ranges {
            assert!(range.start >= end && range.end > range.start, "{range:?}");
            end = range.end;
            let inside = |at: u32| (range.start..range.end).contains(&at);
            assert!(range.lines.iter().all(|row| inside(row.offset)));
            assert_eq!(range.frame[0].offset, range.start);
            assert_eq!(range.frame[0].cfa, Cfa::Rsp(8));
            assert!(range.frame.iter().all(|row| inside(row.offset)));
            assert!(range
                .frame
                .iter()
                .all(|r| r.pushed as usize <= range.saved.len()));
            if matches!(range.kind, RangeKind::Function(_)) {
                assert!(range.lines.iter().any(|row| row.line > 0), "{range:?}");
            }
        }
        assert!(end as usize <= debug.code_size());
        compared += 1;
    }
    assert!(compared > 20, "only {compared} programs compiled");
}

#[test]
fn lines_follow_the_source() {
    let source = "def fib(n):\n    if n < 2:\n        return n\n    a = fib(n - 1)\n    b = fib(n - 2)\n    return a + b\n";
    let program = minijit::compile(source, &options(true)).unwrap();
    let info = program.debug_info().unwrap();
    let fib = info.ranges.iter().find(|r| r.name == "fib").unwrap();
    let lines: Vec<u32> = fib.lines.iter().map(|r| r.line).collect();
    for line in [2, 4, 5, 6] {
        assert!(lines.contains(&line), "line {line} missing from {lines:?}");
    }
    // Pushes and the frame show in the rows: somewhere the frame is
    // larger than the return address alone.
    assert!(fib.frame.iter().any(|r| r.cfa != Cfa::Rsp(8)), "{fib:?}");
    let names: Vec<&str> = info.ranges.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(names, ["trampoline", "pow", "fib"]);
}
