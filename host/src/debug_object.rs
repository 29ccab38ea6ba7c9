//! An in-memory ELF object that describes loaded code to a debugger.
//!
//! Needs: a [`Program`] compiled with [`minijit::Options::debug_info`], the
//! address its code was loaded at, and the name of the source file it was
//! compiled from. Gives: the bytes of a relocatable x86-64 ELF object with
//!
//! - `.text`: no bytes (`SHT_NOBITS`), only the code's address and size,
//!   so that the debugger reads the instructions from the process;
//! - a symbol per function (its Python name) and per part of the runtime
//!   (`minijit::trampoline`, `minijit::pow`);
//! - `.debug_info` with one compile unit for the source file and a
//!   subprogram per symbol, and `.debug_line` mapping code to source lines;
//! - `.debug_frame`: how to find each frame's caller, so that a backtrace
//!   goes on through compiled frames into the Rust that called them.
//!
//! GDB's JIT interface ([`crate::gdb_jit`]) takes such an object as it is,
//! without relocating it: the section address is the load address, and
//! every address in the DWARF is absolute. (The layout follows what GDB's
//! manual asks of JIT symbol files; LuaJIT and V8 describe their code the
//! same way.)

use gimli::write::{
    Address, AttributeValue, CallFrameInstruction, CommonInformationEntry, DwarfUnit, EndianVec,
    Expression, FrameDescriptionEntry, FrameTable, LineProgram, LineString, Sections,
};
use gimli::{Encoding, Format, LineEncoding, LittleEndian, Register, X86_64};
use minijit::debug_info::{Cfa, CodeRange, DebugInfo, RangeKind};
use minijit::Program;
use object::elf;
use object::write::elf::{FileHeader, SectionHeader, Sym, Writer};
use object::Endianness;

/// Why no object could be built.
#[derive(Debug)]
pub struct BuildError(pub String);

impl std::fmt::Display for BuildError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<gimli::write::Error> for BuildError {
    fn from(e: gimli::write::Error) -> BuildError {
        BuildError(format!("cannot write DWARF: {e}"))
    }
}

/// The name a debugger shows for `range`: a function's own name, the
/// runtime's parts prefixed so that they cannot be taken for a function
/// of the program.
pub fn symbol_name(range: &CodeRange) -> String {
    match range.kind {
        RangeKind::Function(_) => range.name.clone(),
        RangeKind::Runtime => format!("minijit::{}", range.name),
    }
}

/// The ELF object describing `program`'s code loaded at `base`, compiled
/// from `source_file` (shown by the debugger as the file of the lines).
///
/// # Errors
/// A program compiled without debug info, or DWARF that cannot be
/// encoded (an internal error).
pub fn build(program: &Program, base: u64, source_file: &str) -> Result<Vec<u8>, BuildError> {
    let info = program
        .debug_info()
        .ok_or_else(|| BuildError("the program was compiled without debug info".into()))?;
    let names: Vec<String> = info.ranges.iter().map(symbol_name).collect();
    let dwarf = dwarf_sections(info, &names, base, program.code_size() as u64, source_file)?;
    Ok(elf_object(
        info,
        &names,
        base,
        program.code_size() as u64,
        &dwarf,
    ))
}

/// The DWARF 4, 64-bit-address encoding every section uses.
const ENCODING: Encoding = Encoding {
    format: Format::Dwarf32,
    version: 4,
    address_size: 8,
};

/// `DW_LANG_Python`: GDB has no Python language and shows the frames in
/// its minimal language, which prints integers as they are.
const LANGUAGE: gimli::DwLang = gimli::DW_LANG_Python;

/// `.debug_*` sections by name, non-empty ones only.
fn dwarf_sections(
    info: &DebugInfo,
    names: &[String],
    base: u64,
    code_size: u64,
    source_file: &str,
) -> Result<Vec<(&'static str, Vec<u8>)>, BuildError> {
    let mut dwarf = DwarfUnit::new(ENCODING);
    let directory = std::env::current_dir()
        .map(|d| d.to_string_lossy().into_owned())
        .unwrap_or_default();
    let file_name = LineString::String(source_file.as_bytes().to_vec());
    let mut lines = LineProgram::new(
        ENCODING,
        LineEncoding::default(),
        LineString::String(directory.as_bytes().to_vec()),
        file_name.clone(),
        None,
    );
    let file = lines.add_file(file_name, lines.default_directory(), None);
    for range in &info.ranges {
        if range.lines.is_empty() {
            continue;
        }
        lines.begin_sequence(Some(Address::Constant(base + u64::from(range.start))));
        for row in &range.lines {
            let line = lines.row();
            line.address_offset = u64::from(row.offset - range.start);
            line.file = file;
            line.line = u64::from(row.line);
            lines.generate_row();
        }
        lines.end_sequence(u64::from(range.end - range.start));
    }
    dwarf.unit.line_program = lines;

    let root = dwarf.unit.root();
    let unit = dwarf.unit.get_mut(root);
    unit.set(
        gimli::DW_AT_name,
        AttributeValue::String(source_file.as_bytes().to_vec()),
    );
    unit.set(
        gimli::DW_AT_comp_dir,
        AttributeValue::String(directory.into_bytes()),
    );
    unit.set(
        gimli::DW_AT_producer,
        AttributeValue::String(b"minijit".to_vec()),
    );
    unit.set(gimli::DW_AT_language, AttributeValue::Language(LANGUAGE));
    unit.set(
        gimli::DW_AT_low_pc,
        AttributeValue::Address(Address::Constant(base)),
    );
    unit.set(gimli::DW_AT_high_pc, AttributeValue::Udata(code_size));
    for (range, name) in info.ranges.iter().zip(names) {
        let id = dwarf.unit.add(root, gimli::DW_TAG_subprogram);
        let sub = dwarf.unit.get_mut(id);
        sub.set(
            gimli::DW_AT_name,
            AttributeValue::String(name.as_bytes().to_vec()),
        );
        sub.set(gimli::DW_AT_external, AttributeValue::Flag(true));
        sub.set(
            gimli::DW_AT_low_pc,
            AttributeValue::Address(Address::Constant(base + u64::from(range.start))),
        );
        sub.set(
            gimli::DW_AT_high_pc,
            AttributeValue::Udata(u64::from(range.end - range.start)),
        );
        if let Some(first) = range.lines.iter().find(|r| r.line > 0) {
            sub.set(
                gimli::DW_AT_decl_file,
                AttributeValue::FileIndex(Some(file)),
            );
            sub.set(
                gimli::DW_AT_decl_line,
                AttributeValue::Udata(u64::from(first.line)),
            );
        }
    }

    let mut sections = Sections::new(EndianVec::new(LittleEndian));
    dwarf.write(&mut sections)?;
    frame_table(info, base).write_debug_frame(&mut sections.debug_frame)?;
    let mut out = Vec::new();
    sections.for_each(|id, data| -> Result<(), BuildError> {
        if !data.slice().is_empty() {
            out.push((id.name(), data.slice().to_vec()));
        }
        Ok(())
    })?;
    Ok(out)
}

/// The call-frame rules of every range: a common entry for the state at a
/// call (the frame address 8 above the stack pointer, the return address
/// just below it) and per range the changes at each row.
fn frame_table(info: &DebugInfo, base: u64) -> FrameTable {
    let mut table = FrameTable::default();
    let mut cie = CommonInformationEntry::new(ENCODING, 1, -8, X86_64::RA);
    cie.add_instruction(CallFrameInstruction::Cfa(X86_64::RSP, 8));
    cie.add_instruction(CallFrameInstruction::Offset(X86_64::RA, -8));
    let cie = table.add_cie(cie);
    for range in &info.ranges {
        let address = Address::Constant(base + u64::from(range.start));
        let mut fde = FrameDescriptionEntry::new(address, range.end - range.start);
        let (mut cfa, mut pushed) = (Cfa::Rsp(8), 0u8);
        for row in &range.frame {
            let at = row.offset - range.start;
            if row.cfa != cfa {
                let rule = match (row.cfa, cfa) {
                    (Cfa::Rsp(n), Cfa::Rsp(_)) => CallFrameInstruction::CfaOffset(n as i32),
                    (Cfa::Rsp(n), Cfa::Stored { .. }) => {
                        CallFrameInstruction::Cfa(X86_64::RSP, n as i32)
                    }
                    (Cfa::Stored { base, offset, add }, _) => {
                        let mut e = Expression::new();
                        e.op_breg(Register(base), i64::from(offset));
                        e.op_deref();
                        e.op_plus_uconst(u64::from(add));
                        CallFrameInstruction::CfaExpression(e)
                    }
                };
                fde.add_instruction(at, rule);
            }
            for i in pushed..row.pushed {
                let register = Register(range.saved[i as usize]);
                fde.add_instruction(
                    at,
                    CallFrameInstruction::Offset(register, -16 - 8 * i as i32),
                );
            }
            for i in row.pushed..pushed {
                let register = Register(range.saved[i as usize]);
                fde.add_instruction(at, CallFrameInstruction::Restore(register));
            }
            (cfa, pushed) = (row.cfa, row.pushed);
        }
        table.add_fde(cie, fde);
    }
    table
}

/// The ELF file: header, the DWARF sections' bytes, the symbol and string
/// tables, then the section headers.
fn elf_object(
    info: &DebugInfo,
    names: &[String],
    base: u64,
    code_size: u64,
    dwarf: &[(&'static str, Vec<u8>)],
) -> Vec<u8> {
    let mut bytes = Vec::new();
    let mut w = Writer::new(Endianness::Little, true, &mut bytes);
    w.reserve_file_header();
    w.reserve_null_section_index();
    let text_name = w.add_section_name(b".text");
    let text = w.reserve_section_index();
    let dwarf_names: Vec<_> = dwarf
        .iter()
        .map(|(name, _)| {
            (
                w.add_section_name(name.as_bytes()),
                w.reserve_section_index(),
            )
        })
        .collect();
    w.reserve_symtab_section_index();
    w.reserve_strtab_section_index();
    w.reserve_shstrtab_section_index();
    w.reserve_null_symbol_index();
    let symbol_names: Vec<_> = names
        .iter()
        .map(|name| {
            let id = w.add_string(name.as_bytes());
            w.reserve_symbol_index(Some(text));
            id
        })
        .collect();
    let offsets: Vec<usize> = dwarf
        .iter()
        .map(|(_, data)| w.reserve(data.len(), 1))
        .collect();
    w.reserve_symtab();
    w.reserve_strtab();
    w.reserve_shstrtab();
    w.reserve_section_headers();

    // Writing cannot fail for a 64-bit little-endian header.
    let _ = w.write_file_header(&FileHeader {
        os_abi: elf::ELFOSABI_NONE,
        abi_version: 0,
        e_type: elf::ET_REL,
        e_machine: elf::EM_X86_64,
        e_entry: 0,
        e_flags: 0,
    });
    for (_, data) in dwarf {
        w.write(data);
    }
    w.write_null_symbol();
    for (range, &name) in info.ranges.iter().zip(&symbol_names) {
        w.write_symbol(&Sym {
            name: Some(name),
            section: Some(text),
            st_info: (elf::STB_GLOBAL << 4) | elf::STT_FUNC,
            st_other: elf::STV_DEFAULT,
            st_shndx: 0,
            // Relative to `.text`, whose address is the load address.
            st_value: u64::from(range.start),
            st_size: u64::from(range.end - range.start),
        });
    }
    w.write_strtab();
    w.write_shstrtab();
    w.write_null_section_header();
    w.write_section_header(&SectionHeader {
        name: Some(text_name),
        sh_type: elf::SHT_NOBITS,
        sh_flags: u64::from(elf::SHF_ALLOC | elf::SHF_EXECINSTR),
        sh_addr: base,
        sh_offset: 0,
        sh_size: code_size,
        sh_link: 0,
        sh_info: 0,
        sh_addralign: minijit::CODE_ALIGN as u64,
        sh_entsize: 0,
    });
    for (((_, data), &offset), &(name, _)) in dwarf.iter().zip(&offsets).zip(&dwarf_names) {
        w.write_section_header(&SectionHeader {
            name: Some(name),
            sh_type: elf::SHT_PROGBITS,
            sh_flags: 0,
            sh_addr: 0,
            sh_offset: offset as u64,
            sh_size: data.len() as u64,
            sh_link: 0,
            sh_info: 0,
            sh_addralign: 1,
            sh_entsize: 0,
        });
    }
    // Only the null symbol is local.
    w.write_symtab_section_header(1);
    w.write_strtab_section_header();
    w.write_shstrtab_section_header();
    bytes
}

#[cfg(test)]
mod tests {
    use super::build;
    use minijit::{HostDecl, Options};
    use object::{Object, ObjectSection, ObjectSymbol};

    const FIB: &str = "def fib(n):\n    if n < 2:\n        print(n)\n        return n\n    a = fib(n - 1)\n    return a + fib(n - 2)\n";

    /// Where the test pretends the code was loaded.
    const BASE: u64 = 0x7f00_1234_0000;

    fn program() -> minijit::Program {
        let options = Options {
            hosts: vec![HostDecl::print()],
            debug_info: true,
            ..Options::default()
        };
        minijit::compile(FIB, &options).unwrap()
    }

    #[test]
    fn symbols_sit_at_the_loaded_code() {
        let program = program();
        let bytes = build(&program, BASE, "fib.py").unwrap();
        let file = object::File::parse(&*bytes).unwrap();
        assert_eq!(file.architecture(), object::Architecture::X86_64);
        let text = file.section_by_name(".text").unwrap();
        assert_eq!(text.address(), BASE);
        assert_eq!(text.size(), program.code_size() as u64);
        // No bytes of code in the file: the debugger reads the process.
        assert_eq!(text.file_range(), None);
        let address_of = |name: &str| {
            let symbol = file.symbol_by_name(name).unwrap();
            assert_eq!(symbol.section_index(), Some(text.index()));
            // A relocatable file's symbols are relative to their section.
            text.address() + symbol.address()
        };
        let (_, fib) = program.functions().next().unwrap();
        assert_eq!(address_of("fib"), BASE + fib as u64);
        assert_eq!(address_of("minijit::trampoline"), BASE);
        for name in [".debug_info", ".debug_line", ".debug_frame"] {
            assert!(file.section_by_name(name).is_some(), "{name} missing");
        }
    }

    #[test]
    fn line_rows_map_code_to_the_source() {
        let program = program();
        let bytes = build(&program, BASE, "fib.py").unwrap();
        let file = object::File::parse(&*bytes).unwrap();
        let load = |id: gimli::SectionId| -> Result<_, gimli::Error> {
            let data = file
                .section_by_name(id.name())
                .and_then(|s| s.data().ok())
                .unwrap_or_default();
            Ok(gimli::EndianSlice::new(data, gimli::LittleEndian))
        };
        let dwarf = gimli::Dwarf::load(load).unwrap();
        let unit = dwarf.units().next().unwrap().unwrap();
        let unit = dwarf.unit(unit).unwrap();
        let program_rows = unit.line_program.clone().unwrap();
        let mut rows = program_rows.rows();
        let mut seen = Vec::new();
        while let Some((_, row)) = rows.next_row().unwrap() {
            if !row.end_sequence() {
                seen.push((row.address(), row.line().map_or(0, |l| l.get())));
            }
        }
        let (_, fib) = program.functions().next().unwrap();
        let fib = BASE + fib as u64;
        // The entry is the first line of the body; every statement has code.
        assert!(seen.contains(&(fib, 2)), "{seen:x?}");
        for line in [3, 5, 6] {
            assert!(
                seen.iter().any(|&(at, l)| l == line && at > fib),
                "line {line}: {seen:x?}"
            );
        }
    }
}
