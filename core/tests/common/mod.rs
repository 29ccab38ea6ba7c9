//! What the integration tests of this crate share.

use std::path::PathBuf;

/// The benchmark programs (the files of `bench/` with a `# bench:` line)
/// and the language test programs (`tests/programs/*.py`), sorted.
pub fn programs() -> Vec<PathBuf> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut files = Vec::new();
    for dir in ["bench", "tests/programs"] {
        for entry in std::fs::read_dir(root.join(dir)).unwrap() {
            let path = entry.unwrap().path();
            let source = std::fs::read_to_string(&path).unwrap_or_default();
            let is_program = path.extension().is_some_and(|e| e == "py")
                && (dir != "bench" || source.lines().any(|l| l.starts_with("# bench:")));
            if is_program {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}
