//! Random valid IR, built by construction from a stream of bytes (the
//! `ir_exec` fuzz target's input): every module it builds passes the
//! verifier, and every loop is counted, so calls end (recursion ends at
//! the recursion limit, and `fuel` bounds the rest).
//!
//! Functions are made of regions: straight-line instructions of every kind
//! (all unary and binary operations, the wrapping and unsigned ones
//! included, `select`, constants at the 64-bit edges, division by
//! constants), diamonds whose join block takes parameters, counted loops
//! carrying a value, early returns and traps, and calls (to earlier
//! functions, and now and then to itself or a later one: recursion).
//! Exhausted input reads as zeros, which always chooses the simplest
//! option, so every byte string gives a module.

use crate::gen::EDGE_VALUES;
use minijit::ir::{BinaryOp, Block, FuncId, Function, InstKind, Module, UnaryOp, Value};
use minijit::Trap;

/// Choices read from fuzz input.
pub struct Bytes<'a> {
    data: &'a [u8],
    pos: usize,
}

impl<'a> Bytes<'a> {
    /// Reads choices from `data`.
    pub fn new(data: &'a [u8]) -> Bytes<'a> {
        Bytes { data, pos: 0 }
    }

    /// The next byte (0 once the input is used up).
    pub fn byte(&mut self) -> u8 {
        let b = self.data.get(self.pos).copied().unwrap_or(0);
        self.pos += 1;
        b
    }

    /// A number in `0..n` (0 when `n` is 0 or 1).
    pub fn below(&mut self, n: usize) -> usize {
        if n <= 1 {
            return 0;
        }
        let v = if n <= 256 {
            usize::from(self.byte())
        } else {
            usize::from(self.byte()) << 8 | usize::from(self.byte())
        };
        v % n
    }

    /// Whether the input is used up.
    pub fn exhausted(&self) -> bool {
        self.pos >= self.data.len()
    }

    /// An interesting 64-bit value.
    pub fn value(&mut self) -> i64 {
        match self.below(4) {
            0 => EDGE_VALUES[self.below(EDGE_VALUES.len())],
            1 => self.byte() as i8 as i64,
            2 => i64::from_le_bytes(std::array::from_fn(|_| self.byte())),
            _ => EDGE_VALUES[self.below(EDGE_VALUES.len())].wrapping_add(self.byte() as i8 as i64),
        }
    }
}

/// A module and calls to make on it: function index and arguments.
pub struct IrProgram {
    /// The module (verified).
    pub module: Module,
    /// `(function, args)` pairs.
    pub calls: Vec<(usize, Vec<i64>)>,
}

/// Builds a module from `data`.
pub fn module(data: &[u8]) -> IrProgram {
    let mut bytes = Bytes::new(data);
    let count = 1 + bytes.below(3);
    let arities: Vec<usize> = (0..count).map(|_| bytes.below(8)).collect();
    // The calls first: the functions use up the rest of the input.
    let calls = (0..1 + bytes.below(3))
        .map(|_| {
            let f = bytes.below(count);
            (f, (0..arities[f]).map(|_| bytes.value()).collect())
        })
        .collect();
    let functions = (0..count)
        .map(|i| {
            let mut b = Builder {
                f: Function::new(format!("f{i}")),
                bytes: &mut bytes,
                arities: &arities,
                index: i,
                avail: Vec::new(),
                block: Block::new(0),
                recursive_calls: 0,
                loop_depth: 0,
            };
            b.build(arities[i]);
            b.f
        })
        .collect();
    IrProgram {
        module: Module {
            functions,
            hosts: vec![],
        },
        calls,
    }
}

struct Builder<'b, 'd> {
    f: Function,
    bytes: &'b mut Bytes<'d>,
    arities: &'b [usize],
    index: usize,
    /// Values that dominate the current point.
    avail: Vec<Value>,
    /// The block being filled.
    block: Block,
    recursive_calls: usize,
    loop_depth: usize,
}

impl Builder<'_, '_> {
    fn build(&mut self, arity: usize) {
        let entry = self.f.create_block();
        self.block = entry;
        for _ in 0..arity {
            let p = self.f.append_block_param(entry);
            self.avail.push(p);
        }
        self.f.append_inst(entry, InstKind::Fuel);
        if self.avail.is_empty() {
            let v = self.bytes.value();
            self.constant(v);
        }
        self.region(3);
        let v = self.pick();
        self.f.append_inst(self.block, InstKind::Return(v));
    }

    fn pick(&mut self) -> Value {
        // Recent values more often: they make longer dependency chains.
        let n = self.avail.len();
        if self.bytes.below(2) == 0 {
            self.avail[n - 1 - self.bytes.below(n.min(4))]
        } else {
            self.avail[self.bytes.below(n)]
        }
    }

    fn push(&mut self, kind: InstKind) -> Value {
        let inst = self.f.append_inst(self.block, kind);
        let v = self.f.result(inst);
        self.avail.push(v);
        v
    }

    fn constant(&mut self, v: i64) -> Value {
        self.push(InstKind::Const(v))
    }

    fn region(&mut self, depth: usize) {
        for _ in 0..1 + self.bytes.below(6) {
            if self.bytes.exhausted() {
                return;
            }
            match self.bytes.below(if depth > 0 { 12 } else { 8 }) {
                0..=5 => self.instruction(),
                6 => self.early_exit(),
                7 => self.call(),
                8 | 9 => self.diamond(depth - 1),
                _ => self.counted_loop(depth - 1),
            }
        }
    }

    fn instruction(&mut self) {
        match self.bytes.below(10) {
            0 => {
                let v = self.bytes.value();
                self.constant(v);
            }
            1 => {
                let op = UnaryOp::ALL[self.bytes.below(UnaryOp::ALL.len())];
                let a = self.pick();
                self.push(InstKind::Unary(op, a));
            }
            2 => {
                let (c, a, b) = (self.pick(), self.pick(), self.pick());
                self.push(InstKind::Select(c, a, b));
            }
            3 => {
                // Division and shifts by constants (strength reduction).
                let op = [
                    BinaryOp::FloorDiv,
                    BinaryOp::Mod,
                    BinaryOp::Shl,
                    BinaryOp::Shr,
                    BinaryOp::Mul,
                    BinaryOp::Pow,
                ][self.bytes.below(6)];
                let a = self.pick();
                let k = match self.bytes.below(3) {
                    0 => self.bytes.value(),
                    1 => 1 << self.bytes.below(63),
                    _ => self.bytes.below(20) as i64 - 5,
                };
                let k = self.constant(k);
                self.push(InstKind::Binary(op, a, k));
            }
            _ => {
                let op = BinaryOp::ALL[self.bytes.below(BinaryOp::ALL.len())];
                let (a, b) = (self.pick(), self.pick());
                self.push(InstKind::Binary(op, a, b));
            }
        }
    }

    /// `br c, exit, cont`: the exit block returns a value or traps.
    fn early_exit(&mut self) {
        let c = self.pick();
        let exit = self.f.create_block();
        let cont = self.f.create_block();
        self.branch(self.block, c, (exit, &[]), (cont, &[]));
        if self.bytes.below(4) == 0 {
            let trap = Trap::ALL[self.bytes.below(5)];
            let message = (trap == Trap::AssertionError).then(|| "generated".to_string());
            self.f.append_inst(exit, InstKind::trap(trap, message));
        } else {
            let v = self.pick();
            self.f.append_inst(exit, InstKind::Return(v));
        }
        self.block = cont;
    }

    fn call(&mut self) {
        let n = self.arities.len();
        let mut callee = self.bytes.below(n);
        if callee >= self.index && (self.recursive_calls > 0 || self.loop_depth > 0) {
            if self.index == 0 {
                return self.instruction();
            }
            callee %= self.index;
        }
        if callee >= self.index {
            self.recursive_calls += 1;
        }
        let args: Vec<Value> = (0..self.arities[callee]).map(|_| self.pick()).collect();
        let args = self.f.make_list(&args);
        self.push(InstKind::Call(FuncId::new(callee), args));
    }

    /// `br c, then, else`, both jumping to a join block with parameters.
    fn diamond(&mut self, depth: usize) {
        let c = self.pick();
        let (then, other) = (self.f.create_block(), self.f.create_block());
        let join = self.f.create_block();
        let params: Vec<Value> = (0..1 + self.bytes.below(3))
            .map(|_| self.f.append_block_param(join))
            .collect();
        self.branch(self.block, c, (then, &[]), (other, &[]));
        let saved = self.avail.clone();
        for arm in [then, other] {
            self.block = arm;
            self.avail.clone_from(&saved);
            self.region(depth);
            let args: Vec<Value> = params.iter().map(|_| self.pick()).collect();
            self.jump(self.block, join, &args);
        }
        self.avail = saved;
        self.avail.extend(params);
        self.block = join;
    }

    /// `i` from 0 to a small bound, carrying one value around the loop;
    /// `fuel` at the header.
    fn counted_loop(&mut self, depth: usize) {
        let bound = self.bytes.below(6) as i64;
        let zero = self.constant(0);
        let init = self.pick();
        let header = self.f.create_block();
        let i = self.f.append_block_param(header);
        let carried = self.f.append_block_param(header);
        let body = self.f.create_block();
        let exit = self.f.create_block();
        let out = self.f.append_block_param(exit);
        self.jump(self.block, header, &[zero, init]);
        self.f.append_inst(header, InstKind::Fuel);
        let limit = self.f.append_inst(header, InstKind::Const(bound));
        let limit = self.f.result(limit);
        let more = self
            .f
            .append_inst(header, InstKind::Binary(BinaryOp::Lt, i, limit));
        let more = self.f.result(more);
        self.branch(header, more, (body, &[]), (exit, &[carried]));
        let saved = self.avail.clone();
        self.avail.extend([i, carried]);
        self.block = body;
        self.loop_depth += 1;
        self.region(depth);
        self.loop_depth -= 1;
        let next_value = self.pick();
        let one = self.constant(1);
        let next = self.push(InstKind::Binary(BinaryOp::Add, i, one));
        self.jump(self.block, header, &[next, next_value]);
        self.avail = saved;
        self.avail.push(out);
        self.block = exit;
    }

    /// Ends `from` with `jump to(args)`.
    fn jump(&mut self, from: Block, to: Block, args: &[Value]) {
        let dest = self.f.make_call(to, args);
        self.f.append_inst(from, InstKind::Jump(dest));
    }

    /// Ends `from` with `br c, then, otherwise`.
    fn branch(
        &mut self,
        from: Block,
        c: Value,
        (t, t_args): (Block, &[Value]),
        (e, e_args): (Block, &[Value]),
    ) {
        let targets = [self.f.make_call(t, t_args), self.f.make_call(e, e_args)];
        self.f.append_inst(from, InstKind::Branch(c, targets));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_input_builds_verified_ir() {
        let mut rng = crate::rng::Rng::new(5);
        for len in 0..300 {
            let data: Vec<u8> = (0..len * 3).map(|_| rng.next_u64() as u8).collect();
            let p = module(&data);
            if let Err(e) = minijit::ir::verify::verify(&p.module) {
                panic!("{e}\n{}", p.module);
            }
        }
    }
}
