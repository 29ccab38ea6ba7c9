//! The x86-64 backend.
//!
//! | module | concern |
//! |---|---|
//! | [`regs`], [`encoder`] | registers, operands, instruction bytes, labels and branch relaxation |
//! | [`abi`] | register roles, the runtime context |
//! | [`liveness`] | code order, positions, live intervals |
//! | [`plan`] | the plan made before allocation: immediates, fused compares, aliases, clobbers, hints |
//! | [`regalloc`] | linear-scan register allocation |
//! | [`emit`] | instruction selection and emission with the allocation in hand: the driver and trap stubs; in its submodules the frame (`frame`), arithmetic (`arith`), calls and edges (`control`), buffer access and host calls (`memory`) |
//! | [`moves`] | parallel moves |
//! | [`runtime`] | the entry trampoline, the unwinder, `pow`, the trap table |
//! | [`debug`] | recording code ranges, source lines and frame layouts for debuggers |
//! | [`tables`] | compact elements for the stages' per-value tables |
//!
//! Each stage's entry point (`Layout::recompute`, `Plan::recompute`,
//! `Liveness::compute`, `Allocator::allocate`, `emit_function`,
//! `emit_runtime`, `Assembler::finish`) is `#[inline(never)]`: inlined
//! into one function, the stages' loops shared one register allocation
//! and small modules compiled 4–8% slower; apart, each is also a line of
//! its own in a profile.

pub mod abi;
pub mod debug;
pub mod emit;
pub mod encoder;
pub mod liveness;
pub mod moves;
pub mod plan;
pub mod regalloc;
pub mod regs;
pub mod runtime;
pub mod tables;

use crate::debug_info::{DebugInfo, RangeKind};
use crate::error::{CompileError, Span};
use crate::ir::{Function, InstKind, Module};
use crate::reuse::{reserve_total, KEEP_FOR_VALUES};
use alloc::format;
use alloc::vec::Vec;
use debug::DebugRecorder;
use encoder::{Assembler, Label};
use regalloc::Loc;
use runtime::TrapTable;

/// A module's machine code and what it takes to enter it.
pub struct MachineCode {
    /// The code, position-independent.
    pub bytes: Vec<u8>,
    /// Offset of each function's entry, by [`crate::ir::FuncId`].
    pub entries: Vec<usize>,
    /// Offset of the entry trampoline.
    pub trampoline: usize,
    /// What the trap codes mean.
    pub traps: TrapTable,
    /// The largest stack frame of any function, in bytes.
    pub max_frame: usize,
    /// Whether some function counts fuel (has a `fuel` instruction).
    pub fuel: bool,
    /// Code ranges, lines and frames, if they were asked for.
    pub debug: Option<DebugInfo>,
}

/// Compiles every function of `module`.
///
/// # Errors
/// Only if the assembler cannot resolve a branch (an internal error).
pub fn compile(module: &Module) -> Result<MachineCode, CompileError> {
    compile_with_debug_info(module, false)
}

/// [`compile`], keeping [`MachineCode::debug`] if `debug_info` (the
/// bytes are the same either way).
///
/// # Errors
/// As [`compile`].
pub fn compile_with_debug_info(
    module: &Module,
    debug_info: bool,
) -> Result<MachineCode, CompileError> {
    Scratch::default().compile(module, debug_info)
}

/// The backend's buffers: the assembler's, the trap table's and every
/// stage's per-function tables (`Workspace`), kept from one module to
/// the next so that after the first they rarely allocate (the code and
/// the trap table a module gets are copies of their exact size): what a
/// [`crate::Compiler`] holds for this stage.
///
/// The per-function tables are kept only after a module whose largest
/// function has at most `KEEP_FOR_VALUES` values (4,096; the optimizer's
/// rule): a larger one's are freed before the assembler lays out the
/// code, which needs room of its own.
#[derive(Default)]
pub struct Scratch {
    asm: Assembler,
    assembled: encoder::Assembled,
    traps: TrapTable,
    entries: Vec<Label>,
    workspace: Workspace,
}

impl core::fmt::Debug for Scratch {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("Scratch").finish_non_exhaustive()
    }
}

impl Scratch {
    /// [`compile_with_debug_info`] with these buffers.
    ///
    /// # Errors
    /// As [`compile`].
    pub fn compile(
        &mut self,
        module: &Module,
        debug_info: bool,
    ) -> Result<MachineCode, CompileError> {
        let asm = &mut self.asm;
        {
            // Room for the runtime and a guess at every function's code, so
            // that the buffers rarely grow (and never double: a guess a little
            // high costs less than one a little low). An instruction takes
            // about four bytes, six with the branches; there is about one
            // branch, call or alignment per three instructions and a dozen per
            // function (its alignment, entry checks, trap stubs' jumps); a
            // label per block, and a few more per function for its stubs.
            let insts: usize = module.functions.iter().map(|f| f.insts.len()).sum();
            let blocks: usize = module.functions.iter().map(|f| f.blocks.len()).sum();
            let functions = module.functions.len();
            asm.clear_with_room(
                512 + 8 * insts,
                32 + insts / 3 + 12 * functions,
                32 + blocks + blocks / 8 + 4 * functions,
            );
        }
        let traps = &mut self.traps;
        // Empty unless the last module failed halfway.
        traps.clear();
        let mut recorder = debug_info.then(DebugRecorder::default);
        let runtime = runtime::emit_runtime(asm, traps, recorder.as_mut());
        let entries = &mut self.entries;
        entries.clear();
        entries.extend(module.functions.iter().map(|_| asm.new_label()));
        let labels = emit::ModuleLabels {
            functions: entries,
            runtime: &runtime,
            hosts: &module.hosts,
        };
        let mut max_frame = 0;
        let mut fuel = false;
        let workspace = &mut self.workspace;
        workspace.start_module(module);
        for (index, (func, &entry)) in module.functions.iter().zip(entries.iter()).enumerate() {
            if let Some(r) = recorder.as_mut() {
                r.begin(&func.name, RangeKind::Function(index as u32), entry, &[]);
            }
            let frame =
                workspace.compile_function(asm, func, &labels, entry, traps, recorder.as_mut());
            max_frame = max_frame.max(frame as usize);
            // Looked for now, while the function's IR is in the caches: in a
            // large module, a walk after the last function reads it all again.
            fuel |= func.insts.iter().any(|i| matches!(i.kind, InstKind::Fuel));
        }
        let largest = module.functions.iter().map(|f| f.values.len()).max();
        if largest.unwrap_or(0) > KEEP_FOR_VALUES {
            // The stages' buffers are sized for the largest function: gone
            // before the assembler lays out the code, which needs room of
            // its own.
            *workspace = Workspace::default();
        }
        let code = &mut self.assembled;
        asm.finish_into(code).map_err(|e| {
            CompileError::new(
                Span::default(),
                format!("internal error in the assembler: {e}"),
            )
        })?;
        let offset = |l: Label| code.label_offset(l).unwrap_or(0);
        let debug = recorder.map(|r| r.resolve(code));
        Ok(MachineCode {
            entries: entries.iter().map(|&l| offset(l)).collect(),
            trampoline: offset(runtime.trampoline),
            bytes: core::mem::take(&mut code.bytes),
            traps: traps.take_finished(),
            max_frame,
            fuel,
            debug,
        })
    }
}

/// What compiling a function needs besides the function: the buffers of
/// every stage, kept from one function of the module to the next so that
/// after the first they rarely allocate.
#[derive(Default)]
struct Workspace {
    layout: liveness::Layout,
    plan: plan::Plan,
    liveness: liveness::Liveness,
    /// The last allocation's locations, for the next plan and allocation
    /// to fill.
    locs: Vec<Loc>,
    allocator: regalloc::Allocator,
    emit: emit::Buffers,
}

impl Workspace {
    /// Readies the workspace for `module`: forgets what belonged to the
    /// module before, and makes room for its largest function.
    fn start_module(&mut self, module: &Module) {
        let largest = |size: fn(&Function) -> usize| module.functions.iter().map(size).max();
        let values = largest(|f| f.values.len()).unwrap_or(0);
        let insts = largest(|f| f.insts.len()).unwrap_or(0);
        let blocks = largest(|f| f.blocks.len()).unwrap_or(0);
        self.layout.reserve(insts, blocks);
        self.plan.reserve(values, insts);
        self.liveness.reserve(values, blocks);
        reserve_total(&mut self.locs, values);
        self.emit.start_module();
    }

    /// The pipeline for one function; returns its frame size.
    fn compile_function(
        &mut self,
        asm: &mut Assembler,
        func: &Function,
        labels: &emit::ModuleLabels<'_>,
        entry: Label,
        traps: &mut TrapTable,
        debug: Option<&mut DebugRecorder>,
    ) -> u32 {
        self.layout.recompute(func);
        // The plan's locations, completed by the allocator.
        let mut locs = core::mem::take(&mut self.locs);
        self.plan.recompute(func, &self.layout, &mut locs);
        let plan = &self.plan;
        let (intervals, ranges) = self.liveness.compute(
            func,
            &self.layout,
            |v| !plan.fixed.contains(v.index()),
            |v| plan.same(v),
        );
        let mut alloc = self
            .allocator
            .allocate(intervals, ranges, &plan.constraints, locs);
        for (v, same) in plan.alias.iter().enumerate() {
            if let Some(same) = same.get() {
                alloc.locs[v] = alloc.locs[same.index()];
            }
        }
        let prepared = emit::Prepared {
            func,
            layout: &self.layout,
            plan,
            alloc: &alloc,
        };
        let frame =
            emit::emit_function(asm, &prepared, labels, entry, traps, &mut self.emit, debug);
        self.locs = alloc.locs;
        frame
    }
}
