//! The reference interpreter: runs IR and is the oracle that the optimizer
//! and the backend are checked against.
//!
//! Needs: a [`Module`], ideally one that [`crate::ir::verify`] accepts.
//! Produces: the value a call returns, or the [`Exception`] it stops with.
//!
//! Every operation goes through [`crate::ops`], so the interpreter, constant
//! folding and compile-time evaluation cannot disagree on what an operation
//! means. IR calls do not recurse on the host stack: frames live in a `Vec`,
//! and all frames share one register file, so the depth of the program's
//! recursion is bounded only by the recursion limit and memory.
//!
//! IR that breaks the verifier's invariants never makes the interpreter
//! panic. What is cheap to notice while running (an index out of range, a
//! block without terminator, a jump or call with the wrong number of
//! arguments, an instruction without its result) stops the call with
//! [`CallError::Malformed`]; the rest is not checked: a value read before
//! its definition reads 0 or a stale value, a jump to a block outside the
//! layout runs that block, and instructions after a terminator never run.

use crate::call::{check_args, recursion_error, Arg, CallError, Host, Limits};
use crate::ir::{
    Block, BlockCall, BlockData, BufKind, FuncId, Function, Inst, InstData, Module, Returns, Value,
    ValueList,
};
use crate::ops;
use crate::trap::{msg, Exception, Trap};
use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;

/// Runs functions of one module.
///
/// The interpreter keeps its frame stack and register file between calls so
/// that repeated calls reuse their memory; each call still starts afresh
/// (depth 1, a full fuel budget).
///
/// A buffer's address, in the interpreter, is the index of its argument:
/// programs cannot tell, since addresses are only read by loads, stores and
/// calls.
///
/// ```
/// use minijit::interp::Interpreter;
/// use minijit::ir::{BinaryOp, Function, InstKind, Module};
///
/// let mut f = Function::new("sq");
/// let entry = f.create_block();
/// let x = f.append_block_param(entry);
/// let mul = f.append_inst(entry, InstKind::Binary(BinaryOp::Mul, x, x));
/// let product = f.result(mul);
/// f.append_inst(entry, InstKind::Return(product));
/// let module = Module { functions: vec![f], hosts: vec![] };
///
/// let sq = module.function_id("sq").unwrap();
/// let mut interp = Interpreter::new(&module);
/// assert_eq!(interp.call_ints(sq, &[7]), Ok(49));
/// ```
#[derive(Debug)]
pub struct Interpreter<'m> {
    module: &'m Module,
    limits: Limits,
    /// Every live frame's values, the innermost last; the top frame's slice
    /// always ends at the end of the vector, so a value index past the
    /// function's value count falls outside it.
    regs: Vec<i64>,
    /// The suspended callers of the running frame.
    callers: Vec<Frame<'m>>,
    /// Block arguments, read in full before any parameter is written.
    scratch: Vec<i64>,
    /// The most bytes `regs` and `callers` may take ([`Interpreter::with_frame_memory`]).
    frame_memory: usize,
}

/// Where a frame is in its function.
#[derive(Clone, Copy, Debug)]
struct Frame<'m> {
    func: &'m Function,
    /// The frame's first register in [`Interpreter::regs`].
    base: usize,
    block: Block,
    insts: &'m [Inst],
    /// The next instruction to run, an index into `insts`.
    pos: usize,
    /// The register that receives the result of the call this frame is
    /// suspended in (unused in the running frame).
    ret_slot: usize,
}

impl<'m> Interpreter<'m> {
    /// An interpreter for `module` with the default [`Limits`].
    pub fn new(module: &'m Module) -> Self {
        Interpreter {
            module,
            limits: Limits::default(),
            regs: Vec::new(),
            callers: Vec::new(),
            scratch: Vec::new(),
            frame_memory: usize::MAX,
        }
    }

    /// Sets the limits of every call: the recursion limit and the fuel
    /// apply (the stack size does not: frames live on the heap).
    pub fn with_limits(mut self, limits: Limits) -> Self {
        self.limits = limits;
        self
    }

    /// Sets how many frames deep calls may nest; the entry call is depth 1,
    /// so a limit of 0 refuses every call with RecursionError.
    pub fn with_recursion_limit(mut self, limit: u32) -> Self {
        self.limits.recursion_limit = limit;
        self
    }

    /// Sets the fuel budget of each call: how many `fuel` instructions it
    /// may run before FuelExhausted (`None`: no limit, and `fuel` does
    /// nothing).
    pub fn with_fuel(mut self, fuel: Option<u64>) -> Self {
        self.limits.fuel = fuel;
        self
    }

    /// Bounds the memory the frames of a call may take, in bytes (none by
    /// default): a call whose frames would need more stops with
    /// [`CallError::NotRun`]. Frames live on the heap, where running out
    /// ends the process instead of the call: an embedder that raises the
    /// recursion limit far sets this to what it can spare. The entry
    /// call's own frame is always given.
    pub fn with_frame_memory(mut self, bytes: usize) -> Self {
        self.frame_memory = bytes;
        self
    }

    /// Calls a function of integers with no host functions, a shorthand
    /// for tests and examples; a function that returns `None` gives 0.
    ///
    /// # Errors
    /// As [`Interpreter::call`].
    pub fn call_ints(&mut self, func: FuncId, args: &[i64]) -> Result<i64, CallError> {
        let mut args = crate::call::ints(args);
        self.call(func, &mut args, &mut crate::call::NoHost)
            .map(|v| v.unwrap_or(0))
    }

    /// Calls `func` with `args` and runs it to its end; `Ok(None)` for a
    /// function that returns `None`.
    ///
    /// # Errors
    /// - [`CallError::NoSuchFunction`] if `func` is not in the module;
    /// - [`CallError::WrongArgCount`], [`CallError::WrongArgKind`] or
    ///   [`CallError::BufferTooLarge`] if `args` does not fit the
    ///   function's signature;
    /// - [`CallError::Trap`] with the Python exception the program raised
    ///   (or a host function raised), RecursionError when calls nest deeper
    ///   than the recursion limit, or FuelExhausted when the fuel budget
    ///   runs out;
    /// - [`CallError::Malformed`] if the IR breaks an invariant the verifier
    ///   checks (an index out of range, a block without terminator, an
    ///   unchecked buffer access outside the buffer, ...).
    pub fn call(
        &mut self,
        func: FuncId,
        args: &mut [Arg<'_>],
        host: &mut dyn Host,
    ) -> Result<Option<i64>, CallError> {
        let module = self.module;
        let limits = self.limits.clone();
        let function = module
            .functions
            .get(func.index())
            .ok_or(CallError::NoSuchFunction)?;
        let (block, data) = entry_block(function)?;
        check_args(&function.signature.params, args)?;
        let params = list(function, data.params)?;
        if params.len() != function.signature.width() {
            return Err(malformed(
                function,
                format_args!("the entry block's parameters do not match the signature"),
            ));
        }
        if limits.recursion_limit == 0 {
            return Err(recursion_error());
        }
        self.regs.clear();
        self.callers.clear();
        self.regs.resize(function.values.len(), 0);
        let mut params = params.iter();
        for (index, arg) in args.iter().enumerate() {
            let mut bind = |v: i64| -> Result<(), CallError> {
                let param = *params.next().expect("the width was checked");
                *slot_mut(&mut self.regs, 0, function, param)? = v;
                Ok(())
            };
            match arg {
                Arg::Int(v) => bind(*v)?,
                buffer => {
                    bind(index as i64)?;
                    bind(buffer.len() as i64)?;
                }
            }
        }
        let entry = Frame {
            func: function,
            base: 0,
            block,
            insts: &data.insts,
            pos: 0,
            ret_slot: 0,
        };
        let result = self.run(entry, args, &limits, host);
        // A trap leaves frames behind; dropping them now lets a deep
        // recursion's stack go before the next call rather than during it.
        self.callers.clear();
        self.regs.clear();
        let value = result?;
        Ok((function.signature.returns == Returns::Int).then_some(value))
    }

    /// The interpreter loop: runs `frame` and everything it calls until the
    /// frame returns.
    fn run(
        &mut self,
        mut frame: Frame<'m>,
        buffers: &mut [Arg<'_>],
        limits: &Limits,
        host: &mut dyn Host,
    ) -> Result<i64, CallError> {
        use crate::ir::InstKind as K;

        let module = self.module;
        let limit = limits.recursion_limit as usize;
        let mut fuel = limits.fuel;
        // Frames of inlined calls (`frame_enter` without its `frame_exit`
        // yet), counted with the real ones against the limit.
        let mut inlined = 0usize;
        let Interpreter {
            regs,
            callers,
            scratch,
            frame_memory,
            ..
        } = self;
        let frame_memory = *frame_memory;

        loop {
            let Some(&inst) = frame.insts.get(frame.pos) else {
                return Err(malformed(
                    frame.func,
                    format_args!("{} ends without a terminator", frame.block),
                ));
            };
            frame.pos += 1;
            let data = frame
                .func
                .insts
                .get(inst.index())
                .ok_or_else(|| malformed(frame.func, format_args!("{inst} does not exist")))?;
            match &data.kind {
                K::Const(c) => *result_mut(regs, &frame, inst, data)? = *c,
                K::Unary(op, a) => {
                    let a = read(regs, &frame, *a)?;
                    *result_mut(regs, &frame, inst, data)? = ops::unary(*op, a)?;
                }
                K::Binary(op, a, b) => {
                    let a = read(regs, &frame, *a)?;
                    let b = read(regs, &frame, *b)?;
                    *result_mut(regs, &frame, inst, data)? = ops::binary(*op, a, b)?;
                }
                K::Select(c, a, b) => {
                    let chosen = if read(regs, &frame, *c)? != 0 { a } else { b };
                    let value = read(regs, &frame, *chosen)?;
                    *result_mut(regs, &frame, inst, data)? = value;
                }
                K::FrameEnter => {
                    if callers.len() + inlined + 2 > limit {
                        return Err(recursion_error());
                    }
                    inlined += 1;
                }
                K::FrameExit => inlined = inlined.saturating_sub(1),
                K::Fuel => match &mut fuel {
                    None => {}
                    Some(0) => return Err(Exception::new(Trap::FuelExhausted, msg::FUEL).into()),
                    Some(left) => *left -= 1,
                },
                K::Call(callee_id, args) => {
                    let callee = module.functions.get(callee_id.index()).ok_or_else(|| {
                        malformed(
                            frame.func,
                            format_args!("{inst} calls {callee_id}, which does not exist"),
                        )
                    })?;
                    let (block, entry) = entry_block(callee)?;
                    let (params, args) = (list(callee, entry.params)?, list(frame.func, *args)?);
                    if params.len() != args.len() {
                        return Err(malformed(
                            frame.func,
                            format_args!(
                                "{inst} passes {} arguments to `{}`, which takes {}",
                                args.len(),
                                callee.name,
                                params.len()
                            ),
                        ));
                    }
                    // The running frame is at depth `callers.len() + 1`,
                    // plus the inlined frames it has entered.
                    if callers.len() + inlined + 2 > limit {
                        return Err(recursion_error());
                    }
                    frame.ret_slot = frame.base + result_index(regs, &frame, inst, data)?;
                    let base = regs.len();
                    // What the frames hold with this one, counted three
                    // times: a table that grows takes twice what it holds,
                    // and the old one is still there while it moves.
                    let holding = (base + callee.values.len()) * size_of::<i64>()
                        + (callers.len() + 1) * size_of::<Frame<'m>>();
                    if holding.saturating_mul(3) > frame_memory {
                        return Err(CallError::NotRun(format!(
                            "calls nested {} deep need more memory for the interpreter's \
                             frames than the {} allowed",
                            callers.len() + inlined + 2,
                            size_text(frame_memory)
                        )));
                    }
                    regs.resize(base + callee.values.len(), 0);
                    for (&param, &arg) in params.iter().zip(args) {
                        // The caller's values are no longer at the top, so
                        // an index past them must be caught here, not by
                        // the bounds of `regs`.
                        if arg.index() >= base - frame.base {
                            return Err(bad_value(frame.func, arg));
                        }
                        let value = regs[frame.base + arg.index()];
                        *slot_mut(regs, base, callee, param)? = value;
                    }
                    callers.push(frame);
                    frame = Frame {
                        func: callee,
                        base,
                        block,
                        insts: &entry.insts,
                        pos: 0,
                        ret_slot: 0,
                    };
                }
                K::CallHost(id, args) => {
                    let decl = module.hosts.get(id.index()).ok_or_else(|| {
                        malformed(
                            frame.func,
                            format_args!("{inst} calls {id}, which is not declared"),
                        )
                    })?;
                    let args = list(frame.func, *args)?;
                    if !decl.arity.accepts(args.len()) {
                        return Err(malformed(
                            frame.func,
                            format_args!(
                                "{inst} passes {} arguments to `{}`",
                                args.len(),
                                decl.name
                            ),
                        ));
                    }
                    scratch.clear();
                    for &a in args {
                        scratch.push(read(regs, &frame, a)?);
                    }
                    let value = host.call(*id, scratch)?;
                    let value = if decl.returns == Returns::Int {
                        value
                    } else {
                        0
                    };
                    *result_mut(regs, &frame, inst, data)? = value;
                }
                K::CheckIndex(check, i, n) => {
                    let (index, len) = (read(regs, &frame, *i)?, read(regs, &frame, *n)?);
                    // `index + len` cannot overflow for a negative index
                    // and a length that is not.
                    let index = match check.from_end && index < 0 {
                        true => index.wrapping_add(len),
                        false => index,
                    };
                    if !(0..len).contains(&index) {
                        return Err(Exception::new(Trap::IndexError, check.message()).into());
                    }
                    *result_mut(regs, &frame, inst, data)? = index;
                }
                K::CheckByte(v) => {
                    let value = read(regs, &frame, *v)?;
                    if !(0..=255).contains(&value) {
                        return Err(Exception::new(Trap::ValueError, msg::BYTE_RANGE).into());
                    }
                    *result_mut(regs, &frame, inst, data)? = value;
                }
                K::Load(kind, b, i) => {
                    let (b, i) = (read(regs, &frame, *b)?, read(regs, &frame, *i)?);
                    let value = match (kind, buffer(buffers, b, i, &frame, inst)?) {
                        (BufKind::Bytes, Arg::Bytes(x)) => i64::from(x[i as usize]),
                        (BufKind::ByteArray, Arg::ByteArray(x)) => i64::from(x[i as usize]),
                        (BufKind::List, Arg::List(x)) => x[i as usize],
                        _ => return Err(wrong_buffer(&frame, inst)),
                    };
                    *result_mut(regs, &frame, inst, data)? = value;
                }
                K::Store(kind, b, i, v) => {
                    let (b, i) = (read(regs, &frame, *b)?, read(regs, &frame, *i)?);
                    let v = read(regs, &frame, *v)?;
                    match (kind, buffer(buffers, b, i, &frame, inst)?) {
                        (BufKind::ByteArray, Arg::ByteArray(x)) => {
                            x[i as usize] = u8::try_from(v).map_err(|_| {
                                malformed(frame.func, format_args!("{inst} stores {v}, not a byte"))
                            })?;
                        }
                        (BufKind::List, Arg::List(x)) => x[i as usize] = v,
                        _ => return Err(wrong_buffer(&frame, inst)),
                    }
                }
                K::Jump(dest) => jump(regs, scratch, &mut frame, *dest)?,
                K::Branch(c, targets) => {
                    let way = usize::from(read(regs, &frame, *c)? == 0);
                    jump(regs, scratch, &mut frame, targets[way])?;
                }
                K::Return(v) => {
                    let value = read(regs, &frame, *v)?;
                    let Some(caller) = callers.pop() else {
                        return Ok(value);
                    };
                    regs.truncate(frame.base);
                    // `ret_slot` was checked to lie in the caller's values
                    // when the call was made, and those are now on top.
                    regs[caller.ret_slot] = value;
                    frame = caller;
                }
                K::Trap(trap, message) => {
                    return Err(CallError::Trap(match message {
                        Some(m) => Exception::with_message(*trap, m.as_str()),
                        None => Exception::without_message(*trap),
                    }));
                }
            }
        }
    }
}

/// Moves `frame` to the start of `dest`, binding its parameters to the
/// arguments. All arguments are read before any parameter is written: a
/// block that jumps to itself may pass its own parameters in another order.
fn jump<'m>(
    regs: &mut [i64],
    scratch: &mut Vec<i64>,
    frame: &mut Frame<'m>,
    dest: BlockCall,
) -> Result<(), CallError> {
    let func = frame.func;
    let (block, args) = dest.try_get(&func.pool).ok_or_else(|| {
        malformed(
            func,
            format_args!("a target in {} lies outside the pool", frame.block),
        )
    })?;
    let data = func
        .blocks
        .get(block.index())
        .ok_or_else(|| malformed(func, format_args!("{block} does not exist")))?;
    let params = list(func, data.params)?;
    if params.len() != args.len() {
        return Err(malformed(
            func,
            format_args!(
                "{block} in {} gets {} arguments for {} parameters",
                frame.block,
                args.len(),
                params.len()
            ),
        ));
    }
    scratch.clear();
    for &arg in args {
        scratch.push(read(regs, frame, arg)?);
    }
    for (&param, &value) in params.iter().zip(scratch.iter()) {
        *slot_mut(regs, frame.base, func, param)? = value;
    }
    frame.block = block;
    frame.insts = &data.insts;
    frame.pos = 0;
    Ok(())
}

/// The values of `list`, a list of `func`.
fn list(func: &Function, list: ValueList) -> Result<&[Value], CallError> {
    func.pool.try_get(list).ok_or_else(|| {
        malformed(
            func,
            format_args!("a list lies outside the function's pool"),
        )
    })
}

/// The entry block of `func` and its data.
fn entry_block(func: &Function) -> Result<(Block, &BlockData), CallError> {
    let block = *func
        .layout
        .first()
        .ok_or_else(|| malformed(func, format_args!("the function has no blocks")))?;
    let data = func
        .blocks
        .get(block.index())
        .ok_or_else(|| malformed(func, format_args!("entry {block} does not exist")))?;
    Ok((block, data))
}

/// The value of `v` in the running frame.
#[inline]
fn read(regs: &[i64], frame: &Frame<'_>, v: Value) -> Result<i64, CallError> {
    // The running frame's values end where `regs` ends, so the bounds check
    // also rejects a value index past the function's values.
    match regs.get(frame.base + v.index()) {
        Some(&x) => Ok(x),
        None => Err(bad_value(frame.func, v)),
    }
}

/// The register of `v` in the frame of `func` starting at `base`, which
/// must be the top frame.
#[inline]
fn slot_mut<'r>(
    regs: &'r mut [i64],
    base: usize,
    func: &Function,
    v: Value,
) -> Result<&'r mut i64, CallError> {
    match regs.get_mut(base + v.index()) {
        Some(x) => Ok(x),
        None => Err(bad_value(func, v)),
    }
}

/// The index, within the running frame, of the value `inst` defines.
#[inline]
fn result_index(
    regs: &[i64],
    frame: &Frame<'_>,
    inst: Inst,
    data: &InstData,
) -> Result<usize, CallError> {
    match data.result {
        Some(v) if frame.base + v.index() < regs.len() => Ok(v.index()),
        Some(v) => Err(bad_value(frame.func, v)),
        None => Err(malformed(
            frame.func,
            format_args!("{inst} has no result value"),
        )),
    }
}

/// The register of the value `inst` defines, in the running frame.
#[inline]
fn result_mut<'r>(
    regs: &'r mut [i64],
    frame: &Frame<'_>,
    inst: Inst,
    data: &InstData,
) -> Result<&'r mut i64, CallError> {
    let index = result_index(regs, frame, inst, data)?;
    Ok(&mut regs[frame.base + index])
}

/// The buffer argument whose address (its argument index, in the
/// interpreter) is `address`, once `index` is known to lie inside it.
fn buffer<'a, 'b>(
    buffers: &'a mut [Arg<'b>],
    address: i64,
    index: i64,
    frame: &Frame<'_>,
    inst: Inst,
) -> Result<&'a mut Arg<'b>, CallError> {
    let arg = usize::try_from(address)
        .ok()
        .and_then(|a| buffers.get_mut(a))
        .ok_or_else(|| wrong_buffer(frame, inst))?;
    if usize::try_from(index).map_or(true, |i| i >= arg.len()) {
        return Err(malformed(
            frame.func,
            format_args!(
                "{inst} reads or writes item {index} of a buffer of {} without a check",
                arg.len()
            ),
        ));
    }
    Ok(arg)
}

#[cold]
fn wrong_buffer(frame: &Frame<'_>, inst: Inst) -> CallError {
    malformed(
        frame.func,
        format_args!("{inst} does not address a buffer of its kind"),
    )
}

#[cold]
fn bad_value(func: &Function, v: Value) -> CallError {
    malformed(func, format_args!("{v} is out of range"))
}

#[cold]
fn malformed(func: &Function, what: fmt::Arguments<'_>) -> CallError {
    CallError::Malformed(format!("in `{}`: {}", func.name, what))
}

/// `bytes` for a message: in KiB, MiB or GiB, whichever reads best.
fn size_text(bytes: usize) -> String {
    let (unit, name) = match bytes {
        b if b >= 1 << 30 => (1u64 << 30, "GiB"),
        b if b >= 1 << 20 => (1 << 20, "MiB"),
        b if b >= 1 << 10 => (1 << 10, "KiB"),
        _ => return format!("{bytes} bytes"),
    };
    format!("{:.1} {name}", bytes as f64 / unit as f64)
}

#[cfg(test)]
mod tests;
