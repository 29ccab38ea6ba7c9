//! The buffer protocol: a `bytes`, `bytearray`, `memoryview` or
//! `array.array` argument reaches compiled code as its own memory, pinned
//! (the exporter cannot resize or free it) until the [`Pinned`] is dropped.
//!
//! Needs: the GIL, to get and to release a buffer.
//! Gives: the address and length of a C-contiguous, one-dimensional buffer
//! of bytes or of 64-bit integers, and whether it is writable.
//!
//! `PyObject_GetBuffer` and `Py_buffer` joined the limited API only in
//! Python 3.11, so pyo3 offers no buffers to an abi3 module for 3.9. The
//! function has been exported by every CPython 3 and the structure's
//! layout has not changed since 3.3 (3.11 made it part of the stable ABI
//! as it was), so this module declares the two functions and the
//! structure itself.

use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::{ffi, PyErr};
use std::ffi::{c_char, c_int, c_void, CStr};

/// CPython's `Py_buffer`, as `Include/pybuffer.h` has had it since 3.3.
#[repr(C)]
struct PyBufferView {
    buf: *mut c_void,
    obj: *mut ffi::PyObject,
    len: ffi::Py_ssize_t,
    itemsize: ffi::Py_ssize_t,
    readonly: c_int,
    ndim: c_int,
    format: *mut c_char,
    shape: *mut ffi::Py_ssize_t,
    strides: *mut ffi::Py_ssize_t,
    suboffsets: *mut ffi::Py_ssize_t,
    internal: *mut c_void,
}

extern "C" {
    fn PyObject_GetBuffer(obj: *mut ffi::PyObject, view: *mut PyBufferView, flags: c_int) -> c_int;
    fn PyBuffer_Release(view: *mut PyBufferView);
}

/// `PyBUF_FORMAT | PyBUF_C_CONTIGUOUS`: a C-contiguous buffer with its
/// item format, writable or not (the flag for writable buffers would make
/// a read-only one fail with BufferError, where we say more).
const FLAGS: c_int = 0x0004 | 0x0020 | 0x0010 | 0x0008;

/// What a buffer holds, as compiled code sees it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Items {
    /// Unsigned bytes (format `B`).
    Bytes,
    /// Signed 64-bit integers (format `q`, `l` or `n` with 8-byte items).
    Int64,
}

/// A buffer held for the duration of a call.
pub struct Pinned {
    view: PyBufferView,
}

// SAFETY: the view is released only with the GIL held (`Drop` attaches),
// and its memory stays valid wherever the owner thread goes.
unsafe impl Send for Pinned {}

impl Pinned {
    /// The buffer of `obj`, if it exports one, C-contiguous and
    /// one-dimensional; `None` if `obj` has no buffer interface.
    ///
    /// # Errors
    /// The exporter's own error (e.g. BufferError), or TypeError for a
    /// buffer of several dimensions.
    pub fn get(obj: &Bound<'_, PyAny>) -> PyResult<Option<Pinned>> {
        let mut view = std::mem::MaybeUninit::<PyBufferView>::zeroed();
        // SAFETY: `obj` is a live object (the GIL is held through `obj`'s
        // `Python` token); `view` is writable memory of the right layout.
        let status = unsafe { PyObject_GetBuffer(obj.as_ptr(), view.as_mut_ptr(), FLAGS) };
        if status != 0 {
            let err = PyErr::fetch(obj.py());
            // No buffer interface at all: the caller says what it wanted.
            if err.is_instance_of::<PyTypeError>(obj.py()) {
                return Ok(None);
            }
            return Err(err);
        }
        // SAFETY: PyObject_GetBuffer filled it in and returned 0.
        let pinned = Pinned {
            view: unsafe { view.assume_init() },
        };
        if pinned.view.ndim != 1 {
            return Err(PyTypeError::new_err(format!(
                "a buffer of {} dimensions cannot be passed (only one)",
                pinned.view.ndim
            )));
        }
        Ok(Some(pinned))
    }

    /// What the items are, if compiled code can read them.
    pub fn items(&self) -> Option<Items> {
        let format = if self.view.format.is_null() {
            "B"
        } else {
            // SAFETY: the exporter gives a NUL-terminated format string that
            // lives as long as the view.
            unsafe { CStr::from_ptr(self.view.format) }
                .to_str()
                .unwrap_or("")
        };
        // Native order and size ("@" or none), or standard sizes in
        // little-endian order: the same bytes on x86-64.
        let code = format.trim_start_matches(['@', '=', '<']);
        match (code, self.view.itemsize) {
            // Not "c": Python reads its items as one-byte `bytes`, not
            // integers; nor "b", whose items are signed.
            ("B", 1) => Some(Items::Bytes),
            ("q" | "l" | "n", 8) => Some(Items::Int64),
            _ => None,
        }
    }

    /// The item format as the exporter gives it, for messages.
    pub fn format(&self) -> String {
        if self.view.format.is_null() {
            return "B".into();
        }
        // SAFETY: as in `items`.
        unsafe { CStr::from_ptr(self.view.format) }
            .to_string_lossy()
            .into_owned()
    }

    /// Whether the exporter lets us write.
    pub fn writable(&self) -> bool {
        self.view.readonly == 0
    }

    /// The first byte.
    pub fn address(&self) -> *mut u8 {
        self.view.buf.cast()
    }

    /// Length in bytes.
    pub fn len_bytes(&self) -> usize {
        self.view.len as usize
    }

    /// Length in items.
    pub fn item_count(&self) -> usize {
        match self.view.itemsize {
            0 => 0,
            size => self.view.len as usize / size as usize,
        }
    }
}

impl Drop for Pinned {
    fn drop(&mut self) {
        // Calls keep their buffers while attached, so this normally just
        // checks; a Pinned dropped elsewhere attaches first.
        Python::attach(|_| {
            // SAFETY: the view was filled by PyObject_GetBuffer and is
            // released once.
            unsafe { PyBuffer_Release(&mut self.view) }
        });
    }
}
