//! Disassembly of compiled programs (Intel syntax, via iced-x86).

use iced_x86::{Decoder, DecoderOptions, Formatter, Instruction, IntelFormatter};
use minijit::Program;
use std::fmt::Write;

/// The disassembly of `program`'s functions (all, or only `only`): per
/// function a header, then one line per instruction with its offset and
/// bytes.
pub fn disassemble(program: &Program, only: Option<&str>) -> String {
    let bytes = program.bytes();
    let mut starts: Vec<(&str, usize)> = program.functions().collect();
    starts.sort_by_key(|&(_, offset)| offset);
    let mut out = String::new();
    for (i, &(name, start)) in starts.iter().enumerate() {
        if only.is_some_and(|o| o != name) {
            continue;
        }
        let end = starts.get(i + 1).map_or(bytes.len(), |&(_, next)| next);
        let _ = writeln!(out, "{name}:");
        out += &disassemble_range(bytes, start, end);
        out.push('\n');
    }
    out
}

/// One line per instruction of `bytes[start..end]`, padding trimmed.
pub fn disassemble_range(bytes: &[u8], start: usize, end: usize) -> String {
    let mut decoder = Decoder::with_ip(64, &bytes[start..end], start as u64, DecoderOptions::NONE);
    let mut formatter = IntelFormatter::new();
    formatter.options_mut().set_hex_prefix("0x");
    formatter.options_mut().set_hex_suffix("");
    let mut lines: Vec<String> = Vec::new();
    let mut instruction = Instruction::default();
    let mut text = String::new();
    while decoder.can_decode() {
        decoder.decode_out(&mut instruction);
        text.clear();
        formatter.format(&instruction, &mut text);
        let offset = instruction.ip() as usize;
        let raw: Vec<String> = bytes[offset..offset + instruction.len()]
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        lines.push(format!("  {offset:6x}:  {:<30} {text}", raw.join(" ")));
    }
    // Alignment padding (int3) after the last instruction is noise.
    while lines.last().is_some_and(|l| l.ends_with(" int3")) {
        lines.pop();
    }
    let mut out = lines.join("\n");
    out.push('\n');
    out
}
