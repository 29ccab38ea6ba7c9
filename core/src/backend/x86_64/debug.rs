//! Recording debugging facts while code is emitted.
//!
//! Needs: the assembler the code goes into. Gives: a [`DebugRecorder`]
//! that the emitters tell where each piece of code starts and ends, where
//! its source line changes and where its frame changes; after the
//! assembler is finished, [`DebugRecorder::resolve`] turns that into the
//! public [`DebugInfo`].
//!
//! Branch relaxation moves code after it is recorded, so the recorder
//! never keeps an offset: it binds a fresh label at each point (a label
//! that nothing jumps to, bound without telling the assembler that code
//! arrives there, so the bytes are the same with and without a recorder)
//! and reads the labels' final offsets at the end.

use super::encoder::{Assembled, Assembler, Label};
use super::regs::Reg;
use crate::debug_info::{dwarf_register, Cfa, CodeRange, DebugInfo, FrameRow, LineRow, RangeKind};
use alloc::string::String;
use alloc::vec::Vec;

/// A piece of code whose points are still labels.
struct Pending {
    name: String,
    kind: RangeKind,
    start: Label,
    end: Option<Label>,
    lines: Vec<(Label, u32)>,
    frame: Vec<(Label, Cfa, u8)>,
    saved: Vec<u16>,
}

/// Debugging facts of the code emitted so far.
#[derive(Default)]
pub struct DebugRecorder {
    ranges: Vec<Pending>,
}

/// A label bound at the assembler's current position, for the recorder
/// only.
fn mark(asm: &mut Assembler) -> Label {
    let label = asm.new_label();
    // `bind_in_line` leaves the assembler's peephole state alone: a
    // recorded point changes no byte.
    asm.bind_in_line(label);
    label
}

impl DebugRecorder {
    /// Starts a piece of code at `start` (already bound, or bound before
    /// any code follows): its frame is the one a `call` makes, with none of
    /// `saved` pushed yet.
    pub fn begin(&mut self, name: &str, kind: RangeKind, start: Label, saved: &[Reg]) {
        self.ranges.push(Pending {
            name: String::from(name),
            kind,
            start,
            end: None,
            lines: Vec::new(),
            frame: alloc::vec![(start, Cfa::Rsp(8), 0)],
            saved: saved.iter().map(|r| dwarf_register(r.hw())).collect(),
        });
    }

    /// The callee-saved registers the current piece pushes, in push order.
    pub fn saved(&mut self, regs: impl Iterator<Item = Reg>) {
        if let Some(range) = self.ranges.last_mut() {
            range.saved = regs.map(|r| dwarf_register(r.hw())).collect();
        }
    }

    /// Ends the current piece here.
    pub fn end(&mut self, asm: &mut Assembler) {
        let here = mark(asm);
        if let Some(range) = self.ranges.last_mut() {
            range.end = Some(here);
        }
    }

    /// The code from here on comes from `line`, if that differs from the
    /// line before.
    pub fn line(&mut self, asm: &mut Assembler, line: u32) {
        let Some(range) = self.ranges.last_mut() else {
            return;
        };
        if range.lines.last().map(|&(_, l)| l) != Some(line) {
            let here = mark(asm);
            range.lines.push((here, line));
        }
    }

    /// The frame from here on: its address is `cfa`, and `pushed` of the
    /// saved registers are on the stack.
    pub fn frame(&mut self, asm: &mut Assembler, cfa: Cfa, pushed: u8) {
        let Some(range) = self.ranges.last_mut() else {
            return;
        };
        if range.frame.last().map(|&(_, c, p)| (c, p)) != Some((cfa, pushed)) {
            let here = mark(asm);
            range.frame.push((here, cfa, pushed));
        }
    }

    /// The frame address is `rsp + cfa` from here on, `pushed` registers
    /// saved.
    pub fn frame_rsp(&mut self, asm: &mut Assembler, cfa: i32, pushed: usize) {
        self.frame(asm, Cfa::Rsp(cfa as u32), pushed as u8);
    }

    /// The facts with every point at its final offset in `code`.
    pub fn resolve(self, code: &Assembled) -> DebugInfo {
        let at = |l: Label| code.label_offset(l).unwrap_or(0) as u32;
        let ranges = self
            .ranges
            .into_iter()
            .map(|p| {
                let start = at(p.start);
                let end = p.end.map_or(start, at);
                // Rows that end up at the same offset (a point recorded
                // before code that turned out empty): the last one holds.
                let mut lines: Vec<LineRow> = Vec::with_capacity(p.lines.len());
                for (l, line) in p.lines {
                    let offset = at(l);
                    match lines.last_mut() {
                        Some(last) if last.offset == offset => last.line = line,
                        _ => lines.push(LineRow { offset, line }),
                    }
                }
                lines.dedup_by(|b, a| a.line == b.line);
                let mut frame: Vec<FrameRow> = Vec::with_capacity(p.frame.len());
                for (l, cfa, pushed) in p.frame {
                    let offset = at(l);
                    let row = FrameRow {
                        offset,
                        cfa,
                        pushed,
                    };
                    match frame.last_mut() {
                        Some(last) if last.offset == offset => *last = row,
                        _ => frame.push(row),
                    }
                }
                CodeRange {
                    name: p.name,
                    kind: p.kind,
                    start,
                    end,
                    lines,
                    frame,
                    saved: p.saved,
                }
            })
            .collect();
        DebugInfo { ranges }
    }
}
