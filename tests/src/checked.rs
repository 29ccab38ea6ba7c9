//! A client of `tests/checked_cpython.py --batch`: one CPython process that
//! runs many programs with minijit's 64-bit semantics (see that script).
//!
//! Requests and answers are JSON lines; both sides only need strings,
//! integers and arrays of them, so the few lines of JSON here suffice.

use crate::gen::{arg_text, Arg, Call, Generated};
use crate::repo_root;
use std::io::{BufRead, BufReader, BufWriter, Write};
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};

/// A running checked CPython.
pub struct CheckedCpython {
    child: Child,
    stdin: BufWriter<ChildStdin>,
    stdout: BufReader<ChildStdout>,
    pending: usize,
}

/// What CPython answered for one program: one answer per call, as
/// `tests/programs/README.md` writes them (the value or `None`, or the
/// exception; then the final `bytearray`/`list[int]` arguments and the
/// printed text), or why the program could not be loaded.
pub type Answers = Result<Vec<String>, String>;

impl CheckedCpython {
    /// Starts `python3 tests/checked_cpython.py --batch`.
    ///
    /// # Errors
    /// If python3 cannot be started.
    pub fn start() -> std::io::Result<CheckedCpython> {
        let mut child = Command::new("python3")
            .arg(repo_root().join("tests/checked_cpython.py"))
            .arg("--batch")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()?;
        let stdin = BufWriter::new(child.stdin.take().expect("piped stdin"));
        let stdout = BufReader::new(child.stdout.take().expect("piped stdout"));
        Ok(CheckedCpython {
            child,
            stdin,
            stdout,
            pending: 0,
        })
    }

    /// Queues a program; [`CheckedCpython::receive`] gets its answers, in
    /// the order sent. Keep at most a few hundred programs in flight, or
    /// both pipes may fill.
    ///
    /// # Errors
    /// If the process is gone.
    pub fn send(&mut self, source: &str, calls: &[Call]) -> std::io::Result<()> {
        self.send_request(source, None, calls)
    }

    /// Queues a generated program in its checked form, which CPython
    /// compiles as it is (see [`crate::gen::ast::Program::checked_source`]);
    /// with `verify`, CPython also rewrites the plain source itself and
    /// answers an error unless both give the same tree.
    ///
    /// # Errors
    /// If the process is gone.
    pub fn send_generated(&mut self, g: &Generated, verify: bool) -> std::io::Result<()> {
        let checked = g.program.checked_source();
        let source = if verify { g.source.as_str() } else { "" };
        self.send_request(source, Some(&checked), &g.calls)
    }

    /// Runs a generated program (see [`CheckedCpython::send_generated`]).
    ///
    /// # Errors
    /// If the process is gone.
    pub fn run_generated(&mut self, g: &Generated, verify: bool) -> std::io::Result<Answers> {
        self.send_generated(g, verify)?;
        self.receive()
    }

    fn send_request(
        &mut self,
        source: &str,
        checked: Option<&str>,
        calls: &[Call],
    ) -> std::io::Result<()> {
        let mut line = String::from("{\"source\": ");
        json_string(&mut line, source);
        if let Some(checked) = checked {
            line.push_str(", \"checked_source\": ");
            json_string(&mut line, checked);
        }
        line.push_str(", \"calls\": [");
        for (i, (name, args)) in calls.iter().enumerate() {
            if i > 0 {
                line.push_str(", ");
            }
            line.push('[');
            json_string(&mut line, name);
            line.push_str(", [");
            for (k, arg) in args.iter().enumerate() {
                if k > 0 {
                    line.push_str(", ");
                }
                // Integers as numbers, buffers as their `# call:` text.
                match arg {
                    Arg::Int(v) => line.push_str(&v.to_string()),
                    buffer => json_string(&mut line, &arg_text(buffer)),
                }
            }
            line.push_str("]]");
        }
        line.push_str("]}\n");
        self.stdin.write_all(line.as_bytes())?;
        self.pending += 1;
        Ok(())
    }

    /// Sends what is queued (call before waiting for answers).
    ///
    /// # Errors
    /// If the process is gone.
    pub fn flush(&mut self) -> std::io::Result<()> {
        self.stdin.flush()
    }

    /// The answers to the oldest program sent and not yet received.
    ///
    /// # Errors
    /// If the process is gone or answers something unreadable.
    pub fn receive(&mut self) -> std::io::Result<Answers> {
        self.flush()?;
        let mut line = String::new();
        if self.stdout.read_line(&mut line)? == 0 {
            return Err(std::io::Error::other("checked CPython exited"));
        }
        self.pending = self.pending.saturating_sub(1);
        parse_answers(&line)
            .ok_or_else(|| std::io::Error::other(format!("unreadable answer {line:?}")))
    }

    /// Runs one program and waits for its answers.
    ///
    /// # Errors
    /// If the process is gone.
    pub fn run(&mut self, source: &str, calls: &[Call]) -> std::io::Result<Answers> {
        self.send(source, calls)?;
        self.receive()
    }
}

impl Drop for CheckedCpython {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn json_string(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
}

/// Reads a JSON string starting at `s[0] == '"'`; returns it and the rest.
fn read_json_string(s: &str) -> Option<(String, &str)> {
    let mut chars = s.strip_prefix('"')?.char_indices();
    let mut out = String::new();
    while let Some((i, c)) = chars.next() {
        match c {
            '"' => return Some((out, &s[i + 2..])),
            '\\' => match chars.next()?.1 {
                'n' => out.push('\n'),
                't' => out.push('\t'),
                'r' => out.push('\r'),
                'b' => out.push('\u{8}'),
                'f' => out.push('\u{c}'),
                'u' => {
                    let hex: String = (0..4).filter_map(|_| chars.next().map(|x| x.1)).collect();
                    let unit = u32::from_str_radix(&hex, 16).ok()?;
                    // Surrogate pairs come from non-BMP characters only,
                    // which no answer needs exactly.
                    out.push(char::from_u32(unit).unwrap_or('\u{fffd}'));
                }
                other => out.push(other),
            },
            c => out.push(c),
        }
    }
    None
}

/// Parses `{"results": ["1", "ValueError"]}` or `{"error": "..."}`.
fn parse_answers(line: &str) -> Option<Answers> {
    let line = line.trim();
    if let Some(rest) = line.strip_prefix("{\"error\": ") {
        return Some(Err(read_json_string(rest)?.0));
    }
    let mut rest = line.strip_prefix("{\"results\": [")?;
    let mut results = Vec::new();
    loop {
        rest = rest.trim_start_matches([',', ' ']);
        if rest.starts_with(']') {
            return Some(Ok(results));
        }
        let (s, more) = read_json_string(rest)?;
        results.push(s);
        rest = more;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_round_trip() {
        let mut s = String::new();
        json_string(&mut s, "a\"b\\c\nd\u{1}");
        assert_eq!(s, r#""a\"b\\c\nd\u0001""#);
        let text = format!("{s}]");
        let (back, rest) = read_json_string(&text).unwrap();
        assert_eq!(back, "a\"b\\c\nd\u{1}");
        assert_eq!(rest, "]");
        assert_eq!(
            parse_answers(r#"{"results": ["1", "ValueError"]}"#),
            Some(Ok(vec!["1".to_string(), "ValueError".to_string()]))
        );
        assert_eq!(parse_answers(r#"{"results": []}"#), Some(Ok(vec![])));
        assert_eq!(
            parse_answers(r#"{"error": "SyntaxError: x \u00e9"}"#),
            Some(Err("SyntaxError: x é".to_string()))
        );
    }
}
