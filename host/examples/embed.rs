//! Embedding minijit: compile a function that reads a buffer and calls
//! back into the embedder, lay its code into pages that are never writable
//! and executable at once, call it, and handle a trap.
//!
//! `cargo run -p host --example embed` (the tests run it too).

use memmap2::MmapMut;
use minijit::{Arg, Exception, HostDecl, HostId, Limits, Options, Returns, Trap};

const SOURCE: &str = "
def checksum(packet: bytes, limit: int) -> int:
    total = 0
    for i, v in enumerate(packet):
        if i >= limit:
            log(i)
            break
        total = (total + v * (i + 1)) % 65521
    return total

def header_byte(packet: bytes, i: int) -> int:
    return packet[i]
";

/// What the host functions work on: the embedder's own state, reached
/// through the closure given at call time.
#[derive(Default)]
struct Log {
    lines: Vec<i64>,
}

pub fn main() {
    // 1. Declare the host functions, then compile (no memory is mapped).
    let options = Options {
        hosts: vec![HostDecl::new("log", 1, Returns::None)],
        ..Options::default()
    };
    let program = minijit::compile(SOURCE, &options).expect("the source compiles");

    // 2. Writable pages, the code copied in, then read + execute.
    let mut pages = MmapMut::map_anon(program.code_size()).expect("pages");
    let address = pages.as_ptr() as usize;
    let written = program
        .write_code(&mut pages, address)
        .expect("aligned and large enough");
    let pages = pages.make_exec().expect("read + execute");
    // SAFETY: the pages hold exactly the bytes just written and are now
    // executable; they outlive `code` (dropped at the end of main).
    let code = unsafe { written.executable() };

    // 3. Call with a buffer and an integer; host calls come to the closure.
    let checksum = program.function("checksum").expect("defined");
    let signature = program.signature(checksum).expect("this program's");
    println!("checksum takes {:?}", signature.params);
    let packet = b"\x45\x00\x00\x54minijit";
    let mut log = Log::default();
    let mut host = |id: HostId, args: &[i64]| -> Result<i64, Exception> {
        // Host ids are positions in `options.hosts`.
        match options.hosts[id.index()].name.as_str() {
            "log" => {
                log.lines.push(args[0]);
                Ok(0)
            }
            _ => Err(Exception::with_message(
                Trap::ValueError,
                "unknown host function",
            )),
        }
    };
    let limits = Limits::default();
    // SAFETY: this thread has the default 128 KiB of stack to spare, and
    // the host function uses little of its own.
    let result = unsafe {
        code.call(
            checksum,
            &mut [Arg::Bytes(packet), Arg::Int(4)],
            &limits,
            &mut host,
        )
    };
    println!("checksum(packet, 4) = {result:?}");
    let want: i64 = packet[..4]
        .iter()
        .zip(1..)
        .map(|(&v, weight)| i64::from(v) * weight)
        .sum();
    assert_eq!(result, Ok(Some(want % 65521)));
    assert_eq!(log.lines, [4]);

    // 4. A trap comes back as a Python exception; the code stays callable.
    let header_byte = program.function("header_byte").expect("defined");
    let mut no_host = minijit::NoHost;
    let mut args = [Arg::Bytes(packet), Arg::Int(64)];
    // SAFETY: as above.
    let trapped = unsafe { code.call(header_byte, &mut args, &limits, &mut no_host) };
    println!(
        "header_byte(packet, 64) -> {}",
        trapped.as_ref().unwrap_err()
    );
    let exception = trapped
        .unwrap_err()
        .exception()
        .cloned()
        .expect("an exception");
    assert_eq!(exception.trap, Trap::IndexError);
    assert_eq!(exception.message, "index out of range");
    let mut args = [Arg::Bytes(packet), Arg::Int(-1)];
    // SAFETY: as above.
    let last = unsafe { code.call(header_byte, &mut args, &limits, &mut no_host) };
    assert_eq!(last, Ok(Some(i64::from(b't'))));

    // 5. Wrong arguments are an error, never undefined behaviour.
    let mut wrong = [Arg::Int(1), Arg::Int(2)];
    // SAFETY: as above.
    let refused = unsafe { code.call(header_byte, &mut wrong, &limits, &mut no_host) };
    println!("header_byte(1, 2) -> {}", refused.unwrap_err());
    drop(pages);
}
