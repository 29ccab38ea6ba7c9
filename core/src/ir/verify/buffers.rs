//! The verifier's buffer rules (see [its docs](super)): what may read a
//! buffer's address, that a call passes a buffer's own length with it, and,
//! in the checked mode, that every access and every stored byte is checked.
//!
//! Needs: what [`Checker::check`] checked before (the entry block matches
//! the signature, every instruction of the layout exists, every value used
//! is defined in the layout); it still never panics without it.

use super::{Checker, Mode};
use crate::ir::{Access, BufKind, Function, InstKind, ParamKind, Value, ValueDef};
use alloc::format;
use alloc::string::String;
use alloc::vec;
use alloc::vec::Vec;

/// The buffers a function was given.
struct Buffers {
    /// For each value: the kind of the buffer it is the address of, and
    /// the length value paired with it; `None` for every other value.
    addresses: Vec<Option<(BufKind, Value)>>,
    /// The length value of each buffer (a function has few).
    lengths: Vec<Value>,
}

impl Buffers {
    /// The entry parameters at address positions of the signature.
    fn of(func: &Function) -> Buffers {
        let mut addresses = vec![None; func.values.len()];
        let mut lengths = Vec::new();
        let mut entry = func.params().iter().copied().zip(func.signature.values());
        while let Some((value, (param, is_length))) = entry.next() {
            let ParamKind::Buffer(kind) = param else {
                continue;
            };
            if is_length {
                continue;
            }
            // The width was checked, so the length follows its address.
            let Some((length, _)) = entry.next() else {
                break;
            };
            if let Some(slot) = addresses.get_mut(value.index()) {
                *slot = Some((kind, length));
            }
            lengths.push(length);
        }
        Buffers { addresses, lengths }
    }

    /// `value` is the length of a buffer this function was given.
    fn length(&self, value: Value) -> Result<(), String> {
        if self.lengths.contains(&value) {
            return Ok(());
        }
        Err(format!(
            "{value} is not the length of a buffer this function was given"
        ))
    }

    /// The kind and length of the buffer whose address is `value`.
    fn address(&self, value: Value) -> Option<(BufKind, Value)> {
        self.addresses.get(value.index()).copied().flatten()
    }

    /// `value` may be read as an integer: it is not an address.
    fn integer(&self, value: Value) -> Result<(), String> {
        let Some((kind, _)) = self.address(value) else {
            return Ok(());
        };
        let k = kind.name();
        let store = if kind.writable() {
            format!(", `store.{k}`")
        } else {
            String::new()
        };
        Err(format!(
            "{value} is the address of a {k} buffer, which only `load.{k}`{store} and calls \
             passing it to a {k} parameter may read"
        ))
    }

    /// `value` is the address of a buffer of `kind`; gives its length.
    fn buffer(&self, kind: BufKind, value: Value) -> Result<Value, String> {
        match self.address(value) {
            Some((k, length)) if k == kind => Ok(length),
            Some((k, _)) => Err(format!(
                "{value} is the address of a {} buffer, not of a {} one",
                k.name(),
                kind.name()
            )),
            None => Err(format!(
                "{value} is not the address of a {} buffer this function was given",
                kind.name()
            )),
        }
    }
}

impl Checker<'_> {
    /// The buffer rules, for every instruction of the layout.
    pub(super) fn check_buffers(&self) -> Result<(), String> {
        let func = self.func;
        let buffers = Buffers::of(func);
        for &block in &func.layout {
            let Some(data) = func.blocks.get(block.index()) else {
                continue;
            };
            for &inst in &data.insts {
                let Some(inst_data) = func.insts.get(inst.index()) else {
                    continue;
                };
                self.check_buffer_uses(&buffers, &inst_data.kind)
                    .map_err(|what| format!("{block}: {}: {what}", self.inst_text(inst)))?;
            }
        }
        Ok(())
    }

    /// The operands of one instruction: addresses where a buffer belongs
    /// and nowhere else, a call's lengths its buffers' own, and, in the
    /// checked mode, checked indices and bytes.
    fn check_buffer_uses(&self, buffers: &Buffers, kind: &InstKind) -> Result<(), String> {
        match *kind {
            InstKind::Load(k, address, index) => {
                let length = buffers.buffer(k, address)?;
                buffers.integer(index)?;
                self.check_index_checked(k, Access::Load, index, address, length)
            }
            InstKind::Store(k, address, index, value) => {
                if !k.writable() {
                    return Err(format!("a {} buffer is read-only", k.name()));
                }
                let length = buffers.buffer(k, address)?;
                buffers.integer(index)?;
                buffers.integer(value)?;
                self.check_index_checked(k, Access::Store, index, address, length)?;
                let is_byte = |kind: &InstKind| matches!(kind, InstKind::CheckByte(_));
                if self.mode == Mode::Checked
                    && k == BufKind::ByteArray
                    && !self.is_result_of(value, is_byte)
                {
                    return Err(format!(
                        "the byte {value} is not the result of a `check_byte`"
                    ));
                }
                Ok(())
            }
            // Checked against anything but a length, an index could pass
            // in compiled code (an unsigned compare) and fail in the
            // interpreter (a signed one) for a negative bound.
            InstKind::CheckIndex(_, index, length) if self.mode == Mode::Checked => {
                buffers.integer(index)?;
                buffers.length(length)
            }
            InstKind::Call(callee, args) => {
                // A missing callee or a wrong count was reported before.
                let Some(callee) = self.module.functions.get(callee.index()) else {
                    return Ok(());
                };
                let mut args = self.func.args(args).iter().copied();
                for (number, &param) in callee.signature.params.iter().enumerate() {
                    let Some(arg) = args.next() else {
                        break;
                    };
                    let ParamKind::Buffer(k) = param else {
                        buffers.integer(arg)?;
                        continue;
                    };
                    let length = buffers.buffer(k, arg).map_err(|why| {
                        let name = &callee.name;
                        format!(
                            "parameter {} of {name} is a {} buffer, but {why}",
                            number + 1,
                            k.name()
                        )
                    })?;
                    let Some(passed) = args.next() else {
                        break;
                    };
                    if passed != length {
                        return Err(format!(
                            "the length passed with {arg} must be {length}, its own, not {passed}"
                        ));
                    }
                }
                Ok(())
            }
            ref other => {
                let mut result = Ok(());
                other.for_each_arg(&self.func.pool, |value| {
                    if result.is_ok() {
                        result = buffers.integer(value);
                    }
                });
                result
            }
        }
    }

    /// In the checked mode: `index` comes from the `check_index` that an
    /// access of kind `k` needs against `length`, the length of `address`.
    fn check_index_checked(
        &self,
        k: BufKind,
        access: Access,
        index: Value,
        address: Value,
        length: Value,
    ) -> Result<(), String> {
        if self.mode == Mode::Plain {
            return Ok(());
        }
        let checks = |kind: &InstKind| match *kind {
            InstKind::CheckIndex(check, _, n) => {
                check.buf == k && check.access == access && n == length
            }
            _ => false,
        };
        if self.is_result_of(index, checks) {
            return Ok(());
        }
        let store = match access {
            Access::Load => "",
            Access::Store => ".store",
        };
        Err(format!(
            "the index {index} is not the result of a `check_index.{}{store}` against {length}, \
             the length of {address}",
            k.name()
        ))
    }

    /// Whether `value` is the result of an instruction `what` accepts.
    fn is_result_of(&self, value: Value, what: impl Fn(&InstKind) -> bool) -> bool {
        let func = self.func;
        match func.values.get(value.index()) {
            Some(&ValueDef::Result(inst)) => {
                func.insts.get(inst.index()).is_some_and(|d| what(&d.kind))
            }
            _ => false,
        }
    }
}
