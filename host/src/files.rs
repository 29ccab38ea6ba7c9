//! Reading the files a user names (sources, `@FILE` arguments) with a
//! bound on their size: a path may name an endless device (`/dev/zero`)
//! or a file that keeps growing, and reading it whole would take all the
//! memory there is.

use std::io::Read;
use std::path::Path;

/// The most a source file may hold: far beyond any program (100,000
/// lines of code are a few MB), far below what would strain memory.
pub const MAX_SOURCE_BYTES: usize = 256 << 20;

/// Why a file was not read.
#[derive(Debug)]
pub enum ReadError {
    /// Opening or reading failed.
    Io(std::io::Error),
    /// It holds more than the limit (or, for a device, gives more).
    TooLarge(usize),
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ReadError::Io(e) => write!(f, "{e}"),
            ReadError::TooLarge(limit) => write!(f, "larger than {}", size(*limit)),
        }
    }
}

/// `bytes` as people write sizes: `256 MiB`, `1 GiB`.
fn size(bytes: usize) -> String {
    match bytes {
        b if b >= 1 << 30 && b % (1 << 30) == 0 => format!("{} GiB", b >> 30),
        b if b >= 1 << 20 && b % (1 << 20) == 0 => format!("{} MiB", b >> 20),
        b => format!("{b} bytes"),
    }
}

/// The bytes of the file at `path`, if it holds at most `limit` of them.
///
/// At most `limit + 1` bytes are read. A regular file says its size and is
/// read into one buffer of that size; anything else (a device, a pipe) is
/// read in chunks that are joined only once the end is reached within the
/// limit, so an endless device costs no more memory than the limit.
pub fn read_capped(path: &Path, limit: usize) -> Result<Vec<u8>, ReadError> {
    const CHUNK: usize = 16 << 20;
    let file = std::fs::File::open(path).map_err(ReadError::Io)?;
    let cap = limit.saturating_add(1);
    let size = file.metadata().map_or(0, |m| m.len());
    // A regular file that says it is larger is refused unread.
    if usize::try_from(size).map_or(true, |n| n > limit) {
        return Err(ReadError::TooLarge(limit));
    }
    let mut reader = file.take(cap as u64);
    // One byte more than the size, to meet the end inside the buffer.
    let first = (size as usize + 1).min(cap);
    let mut data = Vec::with_capacity(first);
    let mut chunks = Vec::new();
    let mut total = 0;
    loop {
        let room = data.capacity() - data.len();
        if room == 0 {
            // Full: a chunk aside, and a fresh one (never a reallocation).
            total += data.len();
            chunks.push(core::mem::replace(&mut data, Vec::with_capacity(CHUNK)));
            continue;
        }
        let got = (&mut reader)
            .take(room as u64)
            .read_to_end(&mut data)
            .map_err(ReadError::Io)?;
        if got < room {
            break;
        }
    }
    if total + data.len() > limit {
        return Err(ReadError::TooLarge(limit));
    }
    if chunks.is_empty() {
        return Ok(data);
    }
    chunks.push(data);
    Ok(chunks.concat())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_within_the_limit_is_read_whole() {
        let dir = std::env::temp_dir().join(format!("minijit-files-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("a.bin");
        let bytes: Vec<u8> = (0..200_000u32).map(|i| (i % 251) as u8).collect();
        std::fs::write(&path, &bytes).unwrap();
        assert_eq!(read_capped(&path, bytes.len()).unwrap(), bytes);
        let err = read_capped(&path, bytes.len() - 1).unwrap_err();
        assert_eq!(err.to_string(), "larger than 199999 bytes");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn an_endless_device_is_cut_off_at_the_limit() {
        let err = read_capped(Path::new("/dev/zero"), 3 << 20).unwrap_err();
        assert!(matches!(err, ReadError::TooLarge(_)), "{err:?}");
        assert_eq!(err.to_string(), "larger than 3 MiB");
    }

    #[test]
    fn a_missing_file_is_an_io_error() {
        let err = read_capped(Path::new("/nonexistent/minijit"), 10).unwrap_err();
        assert!(matches!(err, ReadError::Io(_)), "{err:?}");
    }
}
