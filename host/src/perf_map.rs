//! perf's symbol map for JIT code: `/tmp/perf-PID.map`, one line
//! `START SIZE NAME` (hexadecimal, no `0x`) per piece of code, which `perf
//! report` reads to name the samples that fall in anonymous executable
//! memory.

use minijit::Program;
use std::fmt::Write as _;
use std::path::PathBuf;

/// The map of `program`'s code loaded at `base`, in address order:
/// `minijit::runtime` for what comes before the first function (the entry
/// trampoline, the unwinder and the runtime helpers, which core's backend
/// emits first), then `minijit::NAME` for each function, from its entry to
/// the next function's (its trap stubs and alignment padding included) or
/// to the end of the code. The lines cover `base..base + code_size`
/// exactly, without gaps.
pub fn perf_map(program: &Program, base: usize) -> String {
    let mut entries: Vec<(&str, usize)> = program.functions().collect();
    entries.sort_by_key(|&(_, offset)| offset);
    let mut out = String::new();
    let mut line = |start: usize, end: usize, name: &str| {
        if end > start {
            let _ = writeln!(out, "{:x} {:x} minijit::{name}", base + start, end - start);
        }
    };
    let end = program.code_size();
    line(
        0,
        entries.first().map_or(end, |&(_, offset)| offset),
        "runtime",
    );
    for (i, &(name, start)) in entries.iter().enumerate() {
        let next = entries.get(i + 1).map_or(end, |&(_, offset)| offset);
        line(start, next, name);
    }
    out
}

/// Where perf looks for the map of process `pid`.
pub fn path(pid: u32) -> PathBuf {
    PathBuf::from(format!("/tmp/perf-{pid}.map"))
}

/// Writes [`perf_map`] to this process's map file, replacing any left by
/// an earlier process of the same id; returns its path. The file stays
/// after the process ends, for `perf report`.
///
/// # Errors
/// The I/O error of creating or writing the file.
pub fn write(program: &Program, base: usize) -> std::io::Result<PathBuf> {
    let path = path(std::process::id());
    std::fs::write(&path, perf_map(program, base))?;
    Ok(path)
}

#[cfg(test)]
mod tests {
    use super::perf_map;

    #[test]
    fn the_lines_cover_the_code_in_address_order() {
        let source = "def f(a):\n    return a // 3\n\ndef g(b):\n    return f(b) + 1\n";
        let program = minijit::compile(source, &Default::default()).unwrap();
        let base = 0x7f00_0000_1000;
        let map = perf_map(&program, base);
        let mut at = base;
        let mut names = Vec::new();
        for line in map.lines() {
            let words: Vec<&str> = line.split(' ').collect();
            assert_eq!(words.len(), 3, "{line}");
            assert_eq!(usize::from_str_radix(words[0], 16), Ok(at), "{map}");
            at += usize::from_str_radix(words[1], 16).unwrap();
            names.push(words[2]);
        }
        assert_eq!(at, base + program.code_size());
        assert_eq!(names, ["minijit::runtime", "minijit::f", "minijit::g"]);
        let f = program.functions().next().unwrap().1;
        assert!(map.starts_with(&format!("7f0000001000 {f:x} minijit::runtime\n")));
    }
}
