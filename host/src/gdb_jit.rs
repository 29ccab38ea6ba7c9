//! GDB's JIT interface: telling a debugger about code as it is loaded and
//! freed.
//!
//! Needs: an in-memory symbol file for the code ([`crate::debug_object`]).
//! Gives: [`register`], which links the file into the list GDB reads and
//! calls the function GDB keeps a breakpoint on, and a [`Registration`]
//! that unlinks it again when dropped (before the code's pages go).
//!
//! The protocol (GDB manual, "JIT Compilation Interface") is a descriptor
//! GDB finds by the symbol name `__jit_debug_descriptor`, holding a doubly
//! linked list of entries, each pointing at a symbol file; after each
//! change the process calls `__jit_debug_register_code`, on which GDB has
//! a breakpoint, with the descriptor saying which entry was registered or
//! unregistered. With no debugger attached the call does nothing: the cost
//! of registering is building the file and a lock.

use std::ptr::{self, addr_of_mut};
use std::sync::Mutex;

/// `jit_actions_t`.
const JIT_NOACTION: u32 = 0;
const JIT_REGISTER_FN: u32 = 1;
const JIT_UNREGISTER_FN: u32 = 2;

/// `struct jit_code_entry`: a link of the list and the file it holds.
#[repr(C)]
pub struct JitCodeEntry {
    next_entry: *mut JitCodeEntry,
    prev_entry: *mut JitCodeEntry,
    symfile_addr: *const u8,
    symfile_size: u64,
}

/// `struct jit_descriptor`: the list GDB reads, and the last change.
#[repr(C)]
pub struct JitDescriptor {
    version: u32,
    action_flag: u32,
    relevant_entry: *mut JitCodeEntry,
    first_entry: *mut JitCodeEntry,
}

/// The descriptor GDB looks up by this exact name.
#[no_mangle]
#[used]
pub static mut __jit_debug_descriptor: JitDescriptor = JitDescriptor {
    version: 1,
    action_flag: JIT_NOACTION,
    relevant_entry: ptr::null_mut(),
    first_entry: ptr::null_mut(),
};

/// GDB puts a breakpoint here and reads the descriptor when it is hit.
/// It must be a real call to a real function: never inlined, never left
/// out for having no effect.
#[no_mangle]
#[inline(never)]
pub extern "C" fn __jit_debug_register_code() {
    // An empty asm statement the optimizer may not remove or move: the
    // function keeps a body and every call to it stays.
    // SAFETY: no instructions; it only orders memory accesses.
    unsafe { std::arch::asm!("", options(nostack, preserves_flags)) };
}

/// Serializes changes to the list (GDB reads it while the process is
/// stopped at the breakpoint, so only the writers need the lock).
static LIST: Mutex<()> = Mutex::new(());

/// A symbol file known to GDB; dropping it unregisters the file.
pub struct Registration {
    entry: *mut JitCodeEntry,
    /// The file the entry points at: alive as long as the entry is linked.
    _file: Box<[u8]>,
}

// SAFETY: the entry is touched only under `LIST`, and the file is
// immutable bytes; a registration can be dropped on any thread.
unsafe impl Send for Registration {}
// SAFETY: as above; a shared registration offers no access at all.
unsafe impl Sync for Registration {}

/// Hands `file` (an ELF object describing loaded code) to GDB.
pub fn register(file: Vec<u8>) -> Registration {
    let file = file.into_boxed_slice();
    let entry = Box::into_raw(Box::new(JitCodeEntry {
        next_entry: ptr::null_mut(),
        prev_entry: ptr::null_mut(),
        symfile_addr: file.as_ptr(),
        symfile_size: file.len() as u64,
    }));
    let _list = LIST.lock().unwrap_or_else(|e| e.into_inner());
    // SAFETY: the descriptor and the entries linked to it are changed only
    // here and in `drop`, under the lock; `entry` is a fresh allocation.
    unsafe {
        let descriptor = addr_of_mut!(__jit_debug_descriptor);
        let first = (*descriptor).first_entry;
        (*entry).next_entry = first;
        if !first.is_null() {
            (*first).prev_entry = entry;
        }
        (*descriptor).first_entry = entry;
        (*descriptor).relevant_entry = entry;
        (*descriptor).action_flag = JIT_REGISTER_FN;
    }
    __jit_debug_register_code();
    Registration { entry, _file: file }
}

impl Drop for Registration {
    fn drop(&mut self) {
        let _list = LIST.lock().unwrap_or_else(|e| e.into_inner());
        // SAFETY: `self.entry` was linked by `register` and is unlinked
        // only here, under the lock; its neighbours are live entries.
        unsafe {
            let descriptor = addr_of_mut!(__jit_debug_descriptor);
            let entry = self.entry;
            let (prev, next) = ((*entry).prev_entry, (*entry).next_entry);
            if prev.is_null() {
                (*descriptor).first_entry = next;
            } else {
                (*prev).next_entry = next;
            }
            if !next.is_null() {
                (*next).prev_entry = prev;
            }
            (*descriptor).relevant_entry = entry;
            (*descriptor).action_flag = JIT_UNREGISTER_FN;
            __jit_debug_register_code();
            (*descriptor).relevant_entry = ptr::null_mut();
            (*descriptor).action_flag = JIT_NOACTION;
            drop(Box::from_raw(entry));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::ptr::addr_of;

    /// The sizes of the symbol files registered now, newest first, as GDB
    /// walks the list; checks on the way that each entry's back link points
    /// at the one before it.
    fn registered_sizes() -> Vec<u64> {
        let _list = LIST.lock().unwrap_or_else(|e| e.into_inner());
        let mut sizes = Vec::new();
        // SAFETY: the list is read under the lock that guards its changes.
        unsafe {
            let mut prev: *mut JitCodeEntry = ptr::null_mut();
            let mut entry = (*addr_of_mut!(__jit_debug_descriptor)).first_entry;
            while !entry.is_null() {
                assert_eq!((*entry).prev_entry, prev, "a broken back link");
                sizes.push((*entry).symfile_size);
                prev = entry;
                entry = (*entry).next_entry;
            }
        }
        sizes
    }

    /// What the descriptor says the last change was: the action and the
    /// size of the file it was about.
    fn last_change() -> (u32, Option<u64>) {
        let _list = LIST.lock().unwrap_or_else(|e| e.into_inner());
        // SAFETY: read under the lock that guards the changes; the entry
        // named is live while it is relevant (registered and not dropped).
        unsafe {
            let descriptor = addr_of!(__jit_debug_descriptor);
            let entry = (*descriptor).relevant_entry;
            let size = (!entry.is_null()).then(|| (*entry).symfile_size);
            ((*descriptor).action_flag, size)
        }
    }

    #[test]
    fn entries_link_and_unlink_in_any_order() {
        // Only this test registers, but registrations of the rest of the
        // process would sit after ours.
        let before = registered_sizes();
        let a = register(b"a".to_vec());
        assert_eq!(last_change(), (JIT_REGISTER_FN, Some(1)));
        let b = register(b"bb".to_vec());
        let c = register(b"ccc".to_vec());
        assert_eq!(last_change(), (JIT_REGISTER_FN, Some(3)));
        assert_eq!(registered_sizes(), [&[3, 2, 1][..], &before].concat());
        drop(b);
        // GDB is told before the entry is freed; afterwards nothing is
        // relevant.
        assert_eq!(last_change(), (JIT_NOACTION, None));
        assert_eq!(registered_sizes(), [&[3, 1][..], &before].concat());
        drop(c);
        assert_eq!(registered_sizes(), [&[1][..], &before].concat());
        drop(a);
        assert_eq!(registered_sizes(), before);
    }
}
