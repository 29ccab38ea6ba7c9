//! The encoder checked byte for byte against iced-x86: every method is
//! encoded here and by iced's encoder for the same `Code` and operands, over
//! all registers, a grid of memory operands and immediates at the size
//! boundaries. Label code is decoded with iced's decoder to check that every
//! branch lands on its label and is short wherever short reaches.

use super::*;
use crate::test_fixtures::Rng;
use iced_x86::{
    Code, Decoder, DecoderOptions, Encoder, Formatter, IcedError, Instruction, IntelFormatter,
    MemoryOperand, Register,
};
use std::string::String;
use std::vec::Vec;
use std::{format, vec};

// ----- Translating to iced -----

fn r64(r: Reg) -> Register {
    use Register::*;
    [
        RAX, RCX, RDX, RBX, RSP, RBP, RSI, RDI, R8, R9, R10, R11, R12, R13, R14, R15,
    ][usize::from(r.hw())]
}

fn r32(r: Reg) -> Register {
    use Register::*;
    [
        EAX, ECX, EDX, EBX, ESP, EBP, ESI, EDI, R8D, R9D, R10D, R11D, R12D, R13D, R14D, R15D,
    ][usize::from(r.hw())]
}

fn r8(r: Reg) -> Register {
    use Register::*;
    [
        AL, CL, DL, BL, SPL, BPL, SIL, DIL, R8L, R9L, R10L, R11L, R12L, R13L, R14L, R15L,
    ][usize::from(r.hw())]
}

fn mem(m: Mem) -> MemoryOperand {
    let (index, scale) = m.index.map_or((Register::None, 1), |(i, s)| {
        (r64(i), u32::from(s.factor()))
    });
    // Size 1 lets iced pick disp8 or disp32, as the encoder under test does.
    let displ_size = if m.disp == 0 { 0 } else { 1 };
    MemoryOperand::with_base_index_scale_displ_size(
        r64(m.base),
        index,
        scale,
        i64::from(m.disp),
        displ_size,
    )
}

#[rustfmt::skip]
const JCC_SHORT: [Code; 16] = {
    use Code::*;
    [
        Jo_rel8_64, Jno_rel8_64, Jb_rel8_64, Jae_rel8_64,
        Je_rel8_64, Jne_rel8_64, Jbe_rel8_64, Ja_rel8_64,
        Js_rel8_64, Jns_rel8_64, Jp_rel8_64, Jnp_rel8_64,
        Jl_rel8_64, Jge_rel8_64, Jle_rel8_64, Jg_rel8_64,
    ]
};

#[rustfmt::skip]
const JCC_NEAR_CODES: [Code; 16] = {
    use Code::*;
    [
        Jo_rel32_64, Jno_rel32_64, Jb_rel32_64, Jae_rel32_64,
        Je_rel32_64, Jne_rel32_64, Jbe_rel32_64, Ja_rel32_64,
        Js_rel32_64, Jns_rel32_64, Jp_rel32_64, Jnp_rel32_64,
        Jl_rel32_64, Jge_rel32_64, Jle_rel32_64, Jg_rel32_64,
    ]
};

const SETCC: [Code; 16] = {
    use Code::*;
    [
        Seto_rm8, Setno_rm8, Setb_rm8, Setae_rm8, Sete_rm8, Setne_rm8, Setbe_rm8, Seta_rm8,
        Sets_rm8, Setns_rm8, Setp_rm8, Setnp_rm8, Setl_rm8, Setge_rm8, Setle_rm8, Setg_rm8,
    ]
};

#[rustfmt::skip]
const CMOV: [Code; 16] = {
    use Code::*;
    [
        Cmovo_r64_rm64, Cmovno_r64_rm64, Cmovb_r64_rm64, Cmovae_r64_rm64,
        Cmove_r64_rm64, Cmovne_r64_rm64, Cmovbe_r64_rm64, Cmova_r64_rm64,
        Cmovs_r64_rm64, Cmovns_r64_rm64, Cmovp_r64_rm64, Cmovnp_r64_rm64,
        Cmovl_r64_rm64, Cmovge_r64_rm64, Cmovle_r64_rm64, Cmovg_r64_rm64,
    ]
};

/// The iced codes of one ALU operation: `op r/m, r`, `op r, r/m`,
/// `op r/m, imm8`, `op r/m, imm32`.
fn alu_codes(op: Alu) -> [Code; 4] {
    use Code::*;
    match op {
        Alu::Add => [Add_rm64_r64, Add_r64_rm64, Add_rm64_imm8, Add_rm64_imm32],
        Alu::Or => [Or_rm64_r64, Or_r64_rm64, Or_rm64_imm8, Or_rm64_imm32],
        Alu::And => [And_rm64_r64, And_r64_rm64, And_rm64_imm8, And_rm64_imm32],
        Alu::Sub => [Sub_rm64_r64, Sub_r64_rm64, Sub_rm64_imm8, Sub_rm64_imm32],
        Alu::Xor => [Xor_rm64_r64, Xor_r64_rm64, Xor_rm64_imm8, Xor_rm64_imm32],
        Alu::Cmp => [Cmp_rm64_r64, Cmp_r64_rm64, Cmp_rm64_imm8, Cmp_rm64_imm32],
    }
}

const ALUS: [Alu; 6] = [Alu::Add, Alu::Or, Alu::And, Alu::Sub, Alu::Xor, Alu::Cmp];
const SHIFTS: [Shift; 3] = [Shift::Shl, Shift::Shr, Shift::Sar];
const SCALES: [Scale; 4] = [Scale::S1, Scale::S2, Scale::S4, Scale::S8];

/// Registers for the ModRM.reg field when the r/m operand is what is being
/// varied: both values of the low three bits, with and without REX.R.
const REG_FIELD: [Reg; 4] = [Reg::Rax, Reg::Rdi, Reg::R8, Reg::R15];

const DISPS: [i32; 10] = [
    0,
    1,
    -1,
    127,
    -128,
    128,
    -129,
    0x1234_5678,
    i32::MIN,
    i32::MAX,
];

/// Immediates around the i8 and i32 boundaries.
const IMM32: [i32; 11] = [
    0,
    1,
    -1,
    127,
    128,
    -128,
    -129,
    0x1234,
    -0x8000,
    i32::MAX,
    i32::MIN,
];

// ----- Comparing -----

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x} ")).collect()
}

fn intel(ins: &Instruction) -> String {
    let mut out = String::new();
    IntelFormatter::new().format(ins, &mut out);
    out
}

struct Checker {
    iced: Encoder,
    cases: usize,
}

impl Checker {
    fn new() -> Checker {
        Checker {
            iced: Encoder::new(64),
            cases: 0,
        }
    }

    /// Asserts that `emit` produces exactly the bytes iced encodes `ins` as.
    fn check(&mut self, ins: Result<Instruction, IcedError>, emit: impl FnOnce(&mut Assembler)) {
        let ins = ins.expect("iced refused to build the instruction");
        if let Err(e) = self.iced.encode(&ins, 0) {
            panic!("iced cannot encode `{}`: {e}", intel(&ins));
        }
        let want = self.iced.take_buffer();
        let mut asm = Assembler::new();
        emit(&mut asm);
        let got = asm.finish().expect("encoding failed").bytes;
        assert_eq!(
            got,
            want,
            "`{}`: got {}, iced {}",
            intel(&ins),
            hex(&got),
            hex(&want)
        );
        self.cases += 1;
    }
}

/// Every base, with no index and with every index but rsp at every scale,
/// at every displacement of `DISPS`.
fn mem_grid() -> Vec<Mem> {
    let mut grid = Vec::new();
    for base in Reg::ALL {
        for disp in DISPS {
            grid.push(Mem::base_disp(base, disp));
            for index in Reg::ALL.into_iter().filter(|&r| r != Reg::Rsp) {
                for scale in SCALES {
                    grid.push(Mem::base_index(base, index, scale, disp));
                }
            }
        }
    }
    grid
}

/// A smaller set that still has every base (with the displacement sizes
/// that matter to rbp/r13 and rsp/r12) and every index and scale.
fn mem_sample() -> Vec<Mem> {
    let mut sample = Vec::new();
    for base in Reg::ALL {
        for disp in [0, -128, 128] {
            sample.push(Mem::base_disp(base, disp));
        }
        sample.push(Mem::base_index(base, Reg::R12, Scale::S8, 0));
    }
    for index in Reg::ALL.into_iter().filter(|&r| r != Reg::Rsp) {
        for (scale, base) in SCALES
            .into_iter()
            .zip([Reg::Rax, Reg::Rbp, Reg::R12, Reg::R13])
        {
            sample.push(Mem::base_index(base, index, scale, -1));
        }
    }
    sample
}

// ----- Registers and conditions -----

#[test]
fn registers_number_and_name_as_iced_does() {
    let mut fmt_names = Vec::new();
    for (i, r) in Reg::ALL.into_iter().enumerate() {
        assert_eq!(usize::from(r.hw()), i);
        assert_eq!(Reg::from_index(r.hw()), Some(r));
        assert_eq!(r64(r) as usize - Register::RAX as usize, i);
        assert_eq!(format!("{r}"), r.name());
        let ins = Instruction::with2(Code::Movzx_r32_rm8, r32(r), r8(r)).unwrap();
        fmt_names.push((intel(&ins), r));
        let ins = Instruction::with2(Code::Mov_rm64_r64, r64(r), r64(r)).unwrap();
        assert_eq!(intel(&ins), format!("mov {},{}", r.name(), r.name()));
    }
    for (text, r) in fmt_names {
        assert!(
            text.ends_with(&format!(",{}", r.name8())),
            "{text} vs {}",
            r.name8()
        );
    }
    assert_eq!(Reg::from_index(16), None);
    assert_eq!(Reg::from_index(255), None);
    assert_eq!(Reg::R13.name8(), "r13b");
}

#[test]
fn conditions_invert_and_name_as_iced_does() {
    for (i, c) in Cond::ALL.into_iter().enumerate() {
        assert_eq!(c as usize, i);
        assert_eq!(c.invert().invert(), c);
        assert_ne!(c.invert(), c);
        let ins = Instruction::with1(SETCC[i], Register::AL).unwrap();
        assert_eq!(intel(&ins), format!("set{} al", c.name()));
        // iced's own negation of the condition agrees.
        assert_eq!(
            JCC_SHORT[i].negate_condition_code(),
            JCC_SHORT[c.invert() as usize]
        );
    }
}

#[test]
fn memory_operands_refuse_an_rsp_index() {
    assert_eq!(Mem::new(Reg::Rax, Some((Reg::Rsp, Scale::S1)), 0), None);
    assert!(Mem::new(Reg::Rsp, Some((Reg::R12, Scale::S8)), 8).is_some());
    assert!(!Mem::base_index(Reg::Rax, Reg::Rsp, Scale::S2, 0).is_valid());
    assert!(Mem::base_disp(Reg::Rsp, 0).is_valid());
    assert_eq!(
        format!(
            "{}",
            Mem::base_index(Reg::Rbp, Reg::Rax, Scale::S8, i32::MIN)
        ),
        "[rbp+rax*8-2147483648]"
    );
    assert_eq!(format!("{}", Mem::base_disp(Reg::R12, 16)), "[r12+16]");
}

// ----- Register and immediate forms -----

#[test]
fn register_pairs_match_iced() {
    let mut c = Checker::new();
    for a in Reg::ALL {
        for b in Reg::ALL {
            let (ra, rb) = (r64(a), r64(b));
            c.check(Instruction::with2(Code::Mov_rm64_r64, ra, rb), |s| {
                s.mov_rr(a, b)
            });
            for op in ALUS {
                c.check(Instruction::with2(alu_codes(op)[0], ra, rb), |s| {
                    s.alu_rr(op, a, b)
                });
            }
            c.check(Instruction::with2(Code::Test_rm64_r64, ra, rb), |s| {
                s.test_rr(a, b)
            });
            c.check(Instruction::with2(Code::Imul_r64_rm64, ra, rb), |s| {
                s.imul_rr(a, b)
            });
            c.check(Instruction::with2(Code::Xchg_rm64_r64, ra, rb), |s| {
                s.xchg_rr(a, b)
            });
            c.check(
                Instruction::with2(Code::Mov_rm32_r32, r32(a), r32(b)),
                |s| s.mov_rr32(a, b),
            );
            c.check(
                Instruction::with2(Code::Movzx_r32_rm8, r32(a), r8(b)),
                |s| s.movzx_r8(a, b),
            );
            for cond in Cond::ALL {
                c.check(Instruction::with2(CMOV[cond as usize], ra, rb), |s| {
                    s.cmov_rr(cond, a, b)
                });
            }
            for imm in [0, 127, -128, 128, -129, i32::MAX, i32::MIN] {
                let code = if i8::try_from(imm).is_ok() {
                    Code::Imul_r64_rm64_imm8
                } else {
                    Code::Imul_r64_rm64_imm32
                };
                c.check(Instruction::with3(code, ra, rb, imm), |s| {
                    s.imul_rri(a, b, imm)
                });
            }
        }
    }
    assert_eq!(c.cases, 256 * (7 + 16 + 12));
}

#[test]
fn single_register_forms_match_iced() {
    let mut c = Checker::new();
    for r in Reg::ALL {
        let q = r64(r);
        c.check(Instruction::with1(Code::Neg_rm64, q), |s| s.neg(r));
        c.check(Instruction::with1(Code::Not_rm64, q), |s| s.not(r));
        c.check(Instruction::with1(Code::Idiv_rm64, q), |s| s.idiv(r));
        c.check(Instruction::with1(Code::Div_rm32, r32(r)), |s| s.div_r32(r));
        c.check(Instruction::with1(Code::Mul_rm64, q), |s| s.mul(r));
        c.check(Instruction::with1(Code::Push_r64, q), |s| s.push(r));
        c.check(Instruction::with1(Code::Pop_r64, q), |s| s.pop(r));
        c.check(Instruction::with1(Code::Call_rm64, q), |s| s.call_r(r));
        c.check(Instruction::with1(Code::Jmp_rm64, q), |s| s.jmp_r(r));
        for cond in Cond::ALL {
            c.check(Instruction::with1(SETCC[cond as usize], r8(r)), |s| {
                s.setcc(cond, r)
            });
        }
        for (op, codes) in SHIFTS.into_iter().zip([
            [Code::Shl_rm64_imm8, Code::Shl_rm64_CL, Code::Shl_rm32_imm8],
            [Code::Shr_rm64_imm8, Code::Shr_rm64_CL, Code::Shr_rm32_imm8],
            [Code::Sar_rm64_imm8, Code::Sar_rm64_CL, Code::Sar_rm32_imm8],
        ]) {
            for imm in [0u8, 1, 2, 31, 32, 63, 64, 255] {
                c.check(Instruction::with2(codes[0], q, u32::from(imm)), |s| {
                    s.shift_ri(op, r, imm)
                });
            }
            for imm in [0u8, 1, 13, 31] {
                c.check(Instruction::with2(codes[2], r32(r), u32::from(imm)), |s| {
                    s.shift_ri32(op, r, imm)
                });
            }
            c.check(Instruction::with2(codes[1], q, Register::CL), |s| {
                s.shift_cl(op, r)
            });
        }
    }
    c.check(Ok(Instruction::with(Code::Cqo)), |s| s.cqo());
    c.check(Ok(Instruction::with(Code::Retnq)), |s| s.ret());
    c.check(Ok(Instruction::with(Code::Int3)), |s| s.int3());
    c.check(Ok(Instruction::with(Code::Ud2)), |s| s.ud2());
}

#[test]
fn immediates_match_iced_at_every_boundary() {
    let mut c = Checker::new();
    for r in Reg::ALL {
        for imm in IMM32 {
            for op in ALUS {
                let [.., imm8, imm32] = alu_codes(op);
                let code = if i8::try_from(imm).is_ok() {
                    imm8
                } else {
                    imm32
                };
                c.check(Instruction::with2(code, r64(r), imm), |s| {
                    s.alu_ri(op, r, imm)
                });
            }
            c.check(
                Instruction::with2(Code::Test_rm64_imm32, r64(r), imm),
                |s| s.test_ri(r, imm),
            );
        }
    }
    assert_eq!(c.cases, 16 * 11 * 7);
}

#[test]
fn mov_ri_picks_the_shortest_exact_form() {
    let u32_max = i64::from(u32::MAX);
    let i32_min = i64::from(i32::MIN);
    let imms = [
        0,
        1,
        -1,
        127,
        128,
        -128,
        -129,
        i64::from(i32::MAX),
        i64::from(i32::MAX) + 1,
        i32_min,
        i32_min - 1,
        u32_max,
        u32_max + 1,
        i64::MIN,
        i64::MAX,
    ];
    let mut c = Checker::new();
    for r in Reg::ALL {
        let rex = usize::from(r.is_extended());
        for imm in imms {
            let (ins, len) = if (0..=u32_max).contains(&imm) {
                let ins = Instruction::with2(Code::Mov_r32_imm32, r32(r), imm as u32);
                (ins, 5 + rex)
            } else if i32::try_from(imm).is_ok() {
                (
                    Instruction::with2(Code::Mov_rm64_imm32, r64(r), imm as i32),
                    7,
                )
            } else {
                (Instruction::with2(Code::Mov_r64_imm64, r64(r), imm), 10)
            };
            c.check(ins, |s| s.mov_ri(r, imm));
            let mut asm = Assembler::new();
            asm.mov_ri(r, imm);
            assert_eq!(asm.position(), len, "mov {r}, {imm}");
        }
    }
}

#[test]
fn hand_checked_encodings() {
    // A few encodings worked out by hand from the manual, so that a shared
    // misunderstanding with iced would still show.
    type Emit = fn(&mut Assembler);
    let cases: [(Emit, &[u8]); 13] = [
        (|s| s.setcc(Cond::E, Reg::Rsi), &[0x40, 0x0F, 0x94, 0xC6]),
        (|s| s.setcc(Cond::L, Reg::Rbx), &[0x0F, 0x9C, 0xC3]),
        (|s| s.movzx_r8(Reg::R9, Reg::Rdi), &[0x44, 0x0F, 0xB6, 0xCF]),
        (
            |s| s.mov_rm(Reg::Rax, Mem::base_disp(Reg::R13, 0)),
            &[0x49, 0x8B, 0x45, 0x00],
        ),
        (
            |s| s.mov_rm(Reg::Rax, Mem::base_disp(Reg::Rsp, 0)),
            &[0x48, 0x8B, 0x04, 0x24],
        ),
        (
            |s| s.lea(Reg::R8, Mem::base_index(Reg::Rbp, Reg::R12, Scale::S8, 0)),
            &[0x4E, 0x8D, 0x44, 0xE5, 0x00],
        ),
        (|s| s.mov_ri(Reg::R8, 1), &[0x41, 0xB8, 1, 0, 0, 0]),
        (
            |s| s.alu_ri(Alu::Sub, Reg::Rsp, 8),
            &[0x48, 0x83, 0xEC, 0x08],
        ),
        (|s| s.push(Reg::R12), &[0x41, 0x54]),
        (|s| s.jmp_r(Reg::R11), &[0x41, 0xFF, 0xE3]),
        // sil needs a bare REX, or 0x88 0x30 would store dh.
        (
            |s| s.mov_m8r(Mem::base_disp(Reg::Rax, 0), Reg::Rsi),
            &[0x40, 0x88, 0x30],
        ),
        (
            |s| s.mov_m8r(Mem::base_disp(Reg::Rax, 0), Reg::Rbx),
            &[0x88, 0x18],
        ),
        (
            |s| s.call_m(Mem::base_disp(Reg::R15, 40)),
            &[0x41, 0xFF, 0x57, 0x28],
        ),
    ];
    for (emit, want) in cases {
        let mut asm = Assembler::new();
        emit(&mut asm);
        assert_eq!(asm.finish().unwrap().bytes, want);
    }
}

// ----- Memory operands -----

/// Every memory method with one memory operand `m` and register `r`.
fn check_memory_forms(c: &mut Checker, m: Mem, r: Reg, imms: &[i32]) {
    let (q, o) = (r64(r), mem(m));
    c.check(Instruction::with2(Code::Mov_r64_rm64, q, o), |s| {
        s.mov_rm(r, m)
    });
    c.check(Instruction::with2(Code::Mov_rm64_r64, o, q), |s| {
        s.mov_mr(m, r)
    });
    c.check(Instruction::with2(Code::Lea_r64_m, q, o), |s| s.lea(r, m));
    c.check(Instruction::with2(Code::Imul_r64_rm64, q, o), |s| {
        s.imul_rm(r, m)
    });
    c.check(Instruction::with2(CMOV[r.hw() as usize], q, o), |s| {
        s.cmov_rm(Cond::ALL[r.hw() as usize], r, m)
    });
    c.check(Instruction::with2(Code::Movzx_r32_rm8, r32(r), o), |s| {
        s.movzx_rm8(r, m)
    });
    c.check(Instruction::with2(Code::Mov_rm8_r8, o, r8(r)), |s| {
        s.mov_m8r(m, r)
    });
    for op in ALUS {
        let [rm_r, r_rm, ..] = alu_codes(op);
        c.check(Instruction::with2(r_rm, q, o), |s| s.alu_rm(op, r, m));
        c.check(Instruction::with2(rm_r, o, q), |s| s.alu_mr(op, m, r));
    }
    for &imm in imms {
        c.check(Instruction::with2(Code::Mov_rm64_imm32, o, imm), |s| {
            s.mov_mi(m, imm)
        });
        c.check(
            Instruction::with2(Code::Mov_rm8_imm8, o, imm as u8 as u32),
            |s| s.mov_m8i(m, imm as u8),
        );
        c.check(Instruction::with2(Code::Test_rm64_imm32, o, imm), |s| {
            s.test_mi(m, imm)
        });
        for op in ALUS {
            let [.., imm8, imm32] = alu_codes(op);
            let code = if i8::try_from(imm).is_ok() {
                imm8
            } else {
                imm32
            };
            c.check(Instruction::with2(code, o, imm), |s| s.alu_mi(op, m, imm));
        }
    }
}

#[test]
fn every_memory_operand_matches_iced() {
    let grid = mem_grid();
    assert_eq!(grid.len(), 16 * 10 * (1 + 15 * 4));
    let mut c = Checker::new();
    for &m in &grid {
        for r in REG_FIELD {
            check_memory_forms(&mut c, m, r, &[]);
        }
        // The immediate does not interact with the operand: one of each size.
        check_memory_forms(&mut c, m, Reg::Rsi, &[-128, 128]);
    }
    // Per operand: 19 forms for each of four registers, then 19 more and
    // 9 per immediate; and the indirect call.
    for &m in &grid {
        c.check(Instruction::with1(Code::Call_rm64, mem(m)), |s| s.call_m(m));
    }
    assert_eq!(c.cases, grid.len() * (4 * 19 + 19 + 2 * 9 + 1));
}

#[test]
fn every_register_with_memory_and_immediates_matches_iced() {
    let mut c = Checker::new();
    for m in mem_sample() {
        for r in Reg::ALL {
            check_memory_forms(&mut c, m, r, &[]);
        }
        check_memory_forms(&mut c, m, Reg::R9, &IMM32);
    }
    // And every condition of cmov with memory.
    for m in [Mem::base_disp(Reg::R13, 0), Mem::base_disp(Reg::Rsp, 8)] {
        for cond in Cond::ALL {
            for r in Reg::ALL {
                c.check(
                    Instruction::with2(CMOV[cond as usize], r64(r), mem(m)),
                    |s| s.cmov_rm(cond, r, m),
                );
            }
        }
    }
}

#[test]
fn rsp_index_is_an_error_not_a_panic() {
    let bad = Mem::base_index(Reg::Rbx, Reg::Rsp, Scale::S4, 8);
    let emits: [fn(&mut Assembler, Mem); 13] = [
        |s, m| s.mov_rm(Reg::Rax, m),
        |s, m| s.mov_mr(m, Reg::Rax),
        |s, m| s.mov_mi(m, 1),
        |s, m| s.mov_mi(m, 1000),
        |s, m| s.lea(Reg::Rax, m),
        |s, m| s.alu_rm(Alu::Add, Reg::Rax, m),
        |s, m| s.alu_mr(Alu::Add, m, Reg::Rax),
        |s, m| s.alu_mi(Alu::Add, m, 1),
        |s, m| s.alu_mi(Alu::Add, m, 1000),
        |s, m| s.test_mi(m, 1),
        |s, m| s.imul_rm(Reg::Rax, m),
        |s, m| s.cmov_rm(Cond::E, Reg::Rax, m),
        |s, m| {
            s.ret();
            s.mov_rm(Reg::Rax, m);
            s.mov_rm(Reg::Rax, m)
        },
    ];
    for emit in emits {
        let mut asm = Assembler::new();
        emit(&mut asm, bad);
        let position = usize::from(asm.position() > 0);
        assert_eq!(
            asm.position(),
            position,
            "nothing of the instruction is emitted"
        );
        assert_eq!(asm.finish(), Err(EncodeError::RspIndex { position }));
    }
}

// ----- Labels and branches -----

/// One step of a test program with labels.
#[derive(Clone, Copy, Debug)]
enum Op {
    /// `n` one-byte `int3`s.
    Fill(usize),
    Bind(u32),
    Jmp(u32),
    Jcc(Cond, u32),
    Call(u32),
    Align(usize),
}

fn assemble(ops: &[Op], labels: u32) -> Assembled {
    let mut asm = Assembler::new();
    let made: Vec<Label> = (0..labels).map(|_| asm.new_label()).collect();
    for &op in ops {
        match op {
            Op::Fill(n) => (0..n).for_each(|_| asm.int3()),
            Op::Bind(l) => asm.bind(made[l as usize]),
            Op::Jmp(l) => asm.jmp(made[l as usize]),
            Op::Jcc(c, l) => asm.jcc(c, made[l as usize]),
            Op::Call(l) => asm.call_label(made[l as usize]),
            Op::Align(b) => asm.align(b),
        }
    }
    asm.finish().expect("assembly failed")
}

/// How many of each branch form a program assembled to.
#[derive(Debug, Default, PartialEq, Eq)]
struct Forms {
    short: usize,
    near: usize,
}

/// Assembles `ops`, decodes the result with iced, and walks both together:
/// every label is where the program binds it, every branch is the right
/// instruction and lands on its label, alignment padding is minimal. When
/// `strict`, also checks that no rel32 branch would have reached its target
/// as rel8 (which the relaxation only promises without alignment).
fn check_program(ops: &[Op], labels: u32, strict: bool) -> Forms {
    let out = assemble(ops, labels);
    let target = |l: u32| out.label_offset(Label(l)).expect("label bound") as u64;
    let decoded: Vec<Instruction> = Decoder::with_ip(64, &out.bytes, 0, DecoderOptions::NONE)
        .iter()
        .collect();
    let mut next = decoded.iter();
    let mut ip = 0u64;
    let mut forms = Forms::default();
    let mut take = |ip: &mut u64| -> Instruction {
        let ins = *next.next().expect("code ended early");
        assert!(!ins.is_invalid(), "invalid instruction at {ip:#x}");
        assert_eq!(ins.ip(), *ip);
        *ip += ins.len() as u64;
        ins
    };
    for &op in ops {
        match op {
            Op::Fill(n) => (0..n).for_each(|_| assert_eq!(take(&mut ip).code(), Code::Int3)),
            Op::Align(b) => {
                while ip % b as u64 != 0 {
                    assert_eq!(take(&mut ip).code(), Code::Int3);
                }
            }
            Op::Bind(l) => assert_eq!(target(l), ip, "label {l}"),
            Op::Jmp(l) | Op::Jcc(_, l) | Op::Call(l) => {
                let ins = take(&mut ip);
                let (short, near) = match op {
                    Op::Jmp(_) => (Code::Jmp_rel8_64, Code::Jmp_rel32_64),
                    Op::Jcc(c, _) => (JCC_SHORT[c as usize], JCC_NEAR_CODES[c as usize]),
                    _ => (Code::Call_rel32_64, Code::Call_rel32_64),
                };
                assert!(
                    ins.code() == short || ins.code() == near,
                    "{op:?} assembled as `{}`",
                    intel(&ins)
                );
                assert_eq!(
                    ins.near_branch_target(),
                    target(l),
                    "{op:?} at {:#x}",
                    ins.ip()
                );
                if ins.code() == short && short != near {
                    forms.short += 1;
                } else if !matches!(op, Op::Call(_)) {
                    forms.near += 1;
                    if strict {
                        // Where the target would be with this branch short.
                        let shrink = ins.len() as u64 - 2;
                        let t = target(l);
                        let t = if t > ins.ip() { t - shrink } else { t };
                        let disp = t as i64 - (ins.ip() + 2) as i64;
                        assert!(!fits_i8(disp), "{op:?} at {:#x} could be short", ins.ip());
                    }
                }
            }
        }
    }
    assert_eq!(ip, out.bytes.len() as u64, "trailing bytes");
    assert!(next.next().is_none());
    forms
}

const SHORT1: Forms = Forms { short: 1, near: 0 };
const NEAR1: Forms = Forms { short: 0, near: 1 };

#[test]
fn forward_branches_are_short_up_to_127() {
    for cond in [None, Some(Cond::E), Some(Cond::G), Some(Cond::O)] {
        let branch = cond.map_or(Op::Jmp(0), |c| Op::Jcc(c, 0));
        for (fill, forms) in [
            (0, SHORT1),
            (1, SHORT1),
            (127, SHORT1),
            (128, NEAR1),
            (5000, NEAR1),
        ] {
            let ops = [branch, Op::Fill(fill), Op::Bind(0), Op::Fill(1)];
            assert_eq!(
                check_program(&ops, 1, true),
                forms,
                "{branch:?} over {fill}"
            );
        }
    }
}

#[test]
fn backward_branches_are_short_down_to_minus_128() {
    for cond in [None, Some(Cond::Ne), Some(Cond::Le), Some(Cond::Np)] {
        let branch = cond.map_or(Op::Jmp(0), |c| Op::Jcc(c, 0));
        // The displacement counts from the end of the 2-byte short branch.
        for (fill, forms) in [(0, SHORT1), (126, SHORT1), (127, NEAR1), (70000, NEAR1)] {
            let ops = [Op::Fill(3), Op::Bind(0), Op::Fill(fill), branch];
            assert_eq!(
                check_program(&ops, 1, true),
                forms,
                "{branch:?} back {fill}"
            );
        }
    }
}

#[test]
fn a_branch_to_itself_and_to_the_end() {
    let ops = [Op::Bind(0), Op::Jmp(0), Op::Jcc(Cond::B, 1), Op::Bind(1)];
    let out = assemble(&ops, 2);
    assert_eq!(out.bytes, [0xEB, 0xFE, 0x72, 0x00]);
    assert_eq!(out.label_offset(Label(1)), Some(4));
    check_program(&ops, 2, true);
}

#[test]
fn calls_are_always_rel32() {
    let ops = [
        Op::Bind(0),
        Op::Call(1),
        Op::Call(0),
        Op::Bind(1),
        Op::Call(1),
    ];
    assert_eq!(check_program(&ops, 2, true), Forms::default());
    let out = assemble(&ops, 2);
    assert_eq!(out.bytes.len(), 15);
    assert_eq!(&out.bytes[..5], &[0xE8, 5, 0, 0, 0]);
    assert_eq!(&out.bytes[10..], &[0xE8, 0xFB, 0xFF, 0xFF, 0xFF]);
}

#[test]
fn growing_one_branch_pushes_the_previous_out_of_range() {
    // Each jump skips 123 bytes and the next jump: 125 bytes when that jump
    // is short, 128 when it is long. Only the last one is out of range at
    // first, so lengthening cascades backwards, one pass per jump.
    let n = 20;
    let mut ops = Vec::new();
    for i in 0..n {
        ops.push(Op::Jcc(Cond::ALL[i as usize % 16], i));
        if i > 0 {
            ops.push(Op::Bind(i - 1));
        }
        ops.push(Op::Fill(123));
    }
    ops.push(Op::Fill(200));
    ops.push(Op::Bind(n - 1));
    assert_eq!(check_program(&ops, n, true), Forms { short: 0, near: 20 });

    // With 122 bytes a short successor leaves 124 and a long one 128 (jcc
    // grows by 4): still a cascade. With room to spare there is none.
    for (fill, near) in [(122, 20), (121, 1)] {
        let mut ops = ops.clone();
        for op in ops.iter_mut() {
            if let Op::Fill(123) = op {
                *op = Op::Fill(fill);
            }
        }
        let forms = check_program(&ops, n, true);
        assert_eq!(
            forms,
            Forms {
                short: 20 - near,
                near
            },
            "fill {fill}"
        );
    }
}

#[test]
fn backward_cascade() {
    // Mirror image: each jump goes back over the previous jump and 124
    // bytes; the first goes back far.
    let n = 12;
    let far = n;
    let mut ops = vec![Op::Bind(far), Op::Fill(300)];
    for i in 0..n {
        ops.push(Op::Bind(i));
        ops.push(Op::Jmp(if i == 0 { far } else { i - 1 }));
        ops.push(Op::Fill(124));
    }
    assert_eq!(
        check_program(&ops, n + 1, true),
        Forms { short: 0, near: 12 }
    );
    // With 121 bytes even a long predecessor leaves the jump in range
    // (5 + 121 + 2 = 128), so only the far jump is long.
    for op in ops.iter_mut() {
        if let Op::Fill(124) = op {
            *op = Op::Fill(121);
        }
    }
    assert_eq!(
        check_program(&ops, n + 1, true),
        Forms { short: 11, near: 1 }
    );
}

#[test]
fn labels_around_alignment() {
    for boundary in [2, 4, 16, 64, 256] {
        for fill in [0, 1, 3, 100, 125, 126, 127, 130, 255] {
            let ops = [
                Op::Jmp(1),
                Op::Fill(fill),
                Op::Align(boundary),
                Op::Bind(0),
                Op::Jcc(Cond::A, 0),
                Op::Fill(fill / 2),
                Op::Align(boundary),
                Op::Bind(1),
                Op::Jmp(0),
            ];
            check_program(&ops, 2, false);
            let out = assemble(&ops, 2);
            for l in [0, 1] {
                assert_eq!(out.label_offset(Label(l)).unwrap() % boundary, 0);
            }
        }
    }
}

#[test]
fn alignment_padding_is_recomputed_when_branches_grow() {
    // The jump over 126 bytes + padding is short at first; once the far jump
    // before it grows by 3 bytes, the padding shrinks by 3 and the short jump
    // still reaches.
    let ops = [
        Op::Jmp(1),
        Op::Jmp(0),
        Op::Fill(120),
        Op::Align(8),
        Op::Bind(0),
        Op::Fill(300),
        Op::Bind(1),
    ];
    let out = assemble(&ops, 2);
    assert_eq!(out.label_offset(Label(0)), Some(128));
    assert_eq!(&out.bytes[..7], &[0xE9, 0xA7, 0x01, 0, 0, 0xEB, 0x79]);
    assert_eq!(check_program(&ops, 2, true), Forms { short: 1, near: 1 });
}

#[test]
fn random_programs_branch_where_they_should() {
    let mut rng = Rng::new(0x2545_f491_4f6c_dd1d);
    let mut rand = move |n: u64| rng.next_u64() % n;
    for round in 0..300 {
        let with_align = round % 3 == 0;
        let labels = 1 + rand(12) as u32;
        let mut ops = Vec::new();
        let mut unbound: Vec<u32> = (0..labels).collect();
        while !unbound.is_empty() {
            let l = rand(u64::from(labels)) as u32;
            match rand(10) {
                0 | 1 => {
                    let max = if rand(4) == 0 { 300 } else { 40 };
                    ops.push(Op::Fill(rand(max) as usize));
                }
                2 => ops.push(Op::Jmp(l)),
                3 | 4 => ops.push(Op::Jcc(Cond::ALL[rand(16) as usize], l)),
                5 => ops.push(Op::Call(l)),
                6 if with_align => ops.push(Op::Align(1 << rand(7))),
                _ => {
                    let i = rand(unbound.len() as u64) as usize;
                    ops.push(Op::Bind(unbound.swap_remove(i)));
                }
            }
        }
        ops.push(Op::Jmp(rand(u64::from(labels)) as u32));
        check_program(&ops, labels, !with_align);
        // Deterministic: the same calls give the same bytes.
        assert_eq!(assemble(&ops, labels), assemble(&ops, labels));
    }
}

#[test]
fn position_is_exact_without_branches_and_a_lower_bound_with() {
    let mut asm = Assembler::new();
    let l = asm.new_label();
    assert_eq!(asm.position(), 0);
    asm.mov_ri(Reg::R15, -1);
    assert_eq!(asm.position(), 7);
    asm.jmp(l);
    asm.align(16);
    assert_eq!(asm.position(), 16);
    (0..200).for_each(|_| asm.int3());
    asm.bind(l);
    assert_eq!(asm.position(), 216);
    let out = asm.finish().unwrap();
    assert_eq!(out.label_offset(l), Some(216));
    assert_eq!(out.bytes[7], 0xE9, "the jump over 200 bytes is long");
    assert_eq!(out.bytes[12..16], [0xCC; 4], "the padding shrank by 3");
}

// ----- Misuse is reported, not panicked on -----

#[test]
fn unbound_labels_are_errors() {
    let emits: [fn(&mut Assembler, Label); 3] = [
        |s, l| s.jmp(l),
        |s, l| s.jcc(Cond::E, l),
        |s, l| s.call_label(l),
    ];
    for emit in emits {
        let mut asm = Assembler::new();
        let bound = asm.new_label();
        let never = asm.new_label();
        asm.bind(bound);
        emit(&mut asm, bound);
        emit(&mut asm, never);
        emit(&mut asm, Label(7));
        assert_eq!(asm.finish(), Err(EncodeError::UnboundLabel(never)));

        let mut asm = Assembler::new();
        emit(&mut asm, Label(u32::MAX));
        assert_eq!(
            asm.finish(),
            Err(EncodeError::UnboundLabel(Label(u32::MAX)))
        );
    }
}

#[test]
fn misused_labels_and_alignment_are_errors() {
    let mut asm = Assembler::new();
    let l = asm.new_label();
    asm.bind(l);
    asm.ret();
    asm.bind(l);
    assert_eq!(asm.finish(), Err(EncodeError::LabelBoundTwice(l)));

    let mut asm = Assembler::new();
    asm.bind(Label(0));
    assert_eq!(asm.finish(), Err(EncodeError::UnknownLabel(Label(0))));

    for boundary in [0, 3, 12, usize::MAX] {
        let mut asm = Assembler::new();
        asm.align(boundary);
        assert_eq!(asm.finish(), Err(EncodeError::BadAlignment(boundary)));
    }
    let mut asm = Assembler::new();
    asm.align(1);
    asm.align(1 << 40);
    assert_eq!(
        asm.position(),
        0,
        "align(1) and align at offset 0 pad nothing"
    );

    // The first error wins, and each has a message.
    let mut asm = Assembler::new();
    asm.align(5);
    asm.bind(Label(3));
    let err = asm.finish().unwrap_err();
    assert_eq!(err, EncodeError::BadAlignment(5));
    assert_eq!(format!("{err}"), "alignment 5 is not a power of two");
    for err in [
        EncodeError::UnboundLabel(Label(2)),
        EncodeError::LabelBoundTwice(Label(2)),
        EncodeError::UnknownLabel(Label(2)),
        EncodeError::RspIndex { position: 9 },
        EncodeError::TooLarge,
    ] {
        assert!(!format!("{err}").is_empty());
    }
}

#[test]
fn unbound_unused_labels_are_fine() {
    let mut asm = Assembler::new();
    let unused = asm.new_label();
    asm.ret();
    let out = asm.finish().unwrap();
    assert_eq!(out.bytes, [0xC3]);
    assert_eq!(out.label_offset(unused), None);
    assert_eq!(out.label_offset(Label(5)), None);
    assert_eq!(Assembler::new().finish().unwrap().bytes, []);
}

/// `nop` padding decodes as whole `nop`s and ends on the boundary, from
/// every starting offset.
#[test]
fn nop_padding_is_nops_up_to_the_boundary() {
    for before in 0..40 {
        let mut asm = Assembler::new();
        for _ in 0..before {
            asm.push(Reg::Rax);
        }
        asm.align_with_nops(16);
        asm.ret();
        let bytes = asm.finish().unwrap().bytes;
        let end = bytes.len() - 1;
        assert_eq!(end % 16, 0, "{before}");
        let mut decoder = Decoder::new(64, &bytes[before..end], DecoderOptions::NONE);
        while decoder.can_decode() {
            let inst = decoder.decode();
            assert_eq!(
                inst.mnemonic(),
                iced_x86::Mnemonic::Nop,
                "{before}: {bytes:02x?}"
            );
        }
    }
}

#[test]
fn a_move_back_right_after_a_move_is_left_out_unless_a_label_comes_between() {
    let bytes = |emit: &dyn Fn(&mut Assembler)| {
        let mut asm = Assembler::new();
        emit(&mut asm);
        asm.finish().unwrap().bytes
    };
    let one = bytes(&|a| a.mov_rr(Reg::Rbx, Reg::Rdi));
    assert_eq!(one.len(), 3);
    // `mov rbx, rdi; mov rdi, rbx`: the second changes nothing.
    assert_eq!(
        bytes(&|a| {
            a.mov_rr(Reg::Rbx, Reg::Rdi);
            a.mov_rr(Reg::Rdi, Reg::Rbx);
        }),
        one
    );
    // Code from elsewhere may arrive at a label: both stay.
    let with_label = bytes(&|a| {
        a.mov_rr(Reg::Rbx, Reg::Rdi);
        let l = a.new_label();
        a.bind(l);
        a.mov_rr(Reg::Rdi, Reg::Rbx);
    });
    assert_eq!(with_label.len(), 6);
    // Only the move back: another instruction between, or another pair.
    let between = bytes(&|a| {
        a.mov_rr(Reg::Rbx, Reg::Rdi);
        a.alu_ri(Alu::Add, Reg::Rbx, 1);
        a.mov_rr(Reg::Rdi, Reg::Rbx);
    });
    assert_eq!(between.len(), 3 + 4 + 3);
    assert_eq!(
        bytes(&|a| {
            a.mov_rr(Reg::Rbx, Reg::Rdi);
            a.mov_rr(Reg::Rsi, Reg::Rbx);
        })
        .len(),
        6
    );
}

#[test]
fn a_layout_brought_up_to_date_is_the_layout_made_whole() {
    // Random items (short branches, calls, both alignments) among fixed
    // bytes; random branches lengthened, a few at a time, as relaxation
    // passes do: each update must give the table a whole layout gives.
    let mut rng = Rng::new(29);
    for _ in 0..300 {
        let mut items = Vec::new();
        let mut at = 0u32;
        for _ in 0..rng.below(60) {
            at += rng.below(12) as u32;
            let kind = match rng.below(5) {
                0 => ItemKind::Jmp(Label(0)),
                1 => ItemKind::Call(Label(0)),
                2 => ItemKind::Align(rng.below(6) as u8),
                3 => ItemKind::AlignNop(rng.below(6) as u8),
                _ => ItemKind::Jcc(Cond::O, Label(0)),
            };
            let size = match kind {
                ItemKind::Call(_) => CALL_NEAR as u8,
                ItemKind::Jmp(_) | ItemKind::Jcc(..) => JMP_SHORT as u8,
                _ => 0,
            };
            items.push(Item { at, kind, size });
        }
        let mut layout = Layout {
            before: vec![0; items.len() + 1],
        };
        layout.compute(&items);
        loop {
            let changed: Vec<u32> = (0..items.len())
                .filter(|&i| {
                    items[i].is_branch()
                        && usize::from(items[i].size) == JMP_SHORT
                        && rng.chance(20)
                })
                .map(|i| i as u32)
                .collect();
            if changed.is_empty() {
                break;
            }
            for &i in &changed {
                let item = &mut items[i as usize];
                item.size = item.long_size();
            }
            let total = layout.update(&items, &changed);
            let mut whole = layout.clone();
            assert_eq!(whole.compute(&items), total);
            assert_eq!(whole.before, layout.before, "{items:?} {changed:?}");
        }
    }
}
