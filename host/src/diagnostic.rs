//! Compile errors as the command line shows them: [`CompileError::render`]'s
//! `file:line:col: error: message`, source line and caret line, with a long
//! source line (or message) cut to a window around the error, so that an
//! error in an 800 KB line prints a few hundred bytes, not megabytes.

use minijit::CompileError;
use std::fmt::Write;

/// Characters of a source line shown at most; a longer line is cut to this
/// many around the error, with `...` where it was cut.
pub const LINE_WINDOW: usize = 100;

/// Characters of the line shown before the error when the line is cut.
const BEFORE_ERROR: usize = 40;

/// Characters of a message shown at most (it may quote a long name).
pub const MESSAGE_MAX: usize = 200;

/// `e` rendered for `file`: [`CompileError::render`]'s text, with the
/// source line cut to [`LINE_WINDOW`] characters around the caret and the
/// message to [`MESSAGE_MAX`] when they are longer.
pub fn render(e: &CompileError, file: &str, source: &str) -> String {
    let (line_start, line_end) = line_bounds(source, e.span.start as usize);
    let line_chars = source[line_start..line_end].chars().count();
    if line_chars <= LINE_WINDOW && e.message.chars().count() <= MESSAGE_MAX {
        return e.render(file, source);
    }
    render_cut(e, file, source, LINE_WINDOW)
}

/// The rendering with the line cut to `window` characters (a window at
/// least as long as the line gives [`CompileError::render`]'s text).
fn render_cut(e: &CompileError, file: &str, source: &str, window: usize) -> String {
    let start = floor_char(source, e.span.start as usize);
    let (line_start, line_end) = line_bounds(source, start);
    let end = floor_char(source, (e.span.end as usize).clamp(start, line_end));
    let (line, col) = minijit::error::line_col(source, start);

    // Positions in characters from the line's start; the caret may sit
    // past the shown text (on a `\r`, or at the end of the line).
    let text: Vec<char> = source[line_start..line_end]
        .trim_end_matches('\r')
        .chars()
        .collect();
    let before: Vec<char> = source[line_start..start].chars().collect();
    let caret_at = before.len();
    let width = source[start..end].chars().count().max(1);
    let first = if text.len() <= window {
        0
    } else {
        caret_at
            .saturating_sub(BEFORE_ERROR)
            .min(text.len() - window)
    };
    let last = (first + window).min(text.len());

    let mut out = String::new();
    let _ = writeln!(
        out,
        "{file}:{line}:{col}: error: {}",
        cut_middle(&e.message, MESSAGE_MAX)
    );
    let cut_before = if first > 0 { "..." } else { "" };
    let cut_after = if last < text.len() { "..." } else { "" };
    let shown: String = text[first..last].iter().collect();
    let _ = writeln!(
        out,
        "{cut_before}{}{cut_after}",
        minijit::error::printable(&shown)
    );
    let mut caret: String = " ".repeat(cut_before.len());
    // A tab under a tab keeps the caret where a terminal shows the text.
    caret.extend(
        before[first.min(caret_at)..]
            .iter()
            .map(|&c| if c == '\t' { '\t' } else { ' ' }),
    );
    // Carets stop where the shown text is cut (uncut, a span may cover a
    // `\r` as core's rendering does).
    let shown_end = if last < text.len() {
        last
    } else {
        source[line_start..line_end].chars().count()
    };
    let room = shown_end.max(caret_at + 1) - caret_at;
    caret.extend(std::iter::repeat_n('^', width.min(room)));
    let _ = writeln!(out, "{caret}");
    out
}

/// Byte offsets of the start and end (before the `\n`) of the line that
/// holds `offset`.
fn line_bounds(source: &str, offset: usize) -> (usize, usize) {
    let offset = floor_char(source, offset);
    let start = source[..offset].rfind('\n').map_or(0, |i| i + 1);
    let end = source[start..]
        .find('\n')
        .map_or(source.len(), |i| start + i);
    (start, end)
}

fn floor_char(source: &str, offset: usize) -> usize {
    let mut offset = offset.min(source.len());
    while !source.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// `text` with its middle replaced by `...` if it has more than `max`
/// characters (the start says what, the end often says where).
fn cut_middle(text: &str, max: usize) -> String {
    let n = text.chars().count();
    if n <= max {
        return text.to_string();
    }
    let head = max * 2 / 3;
    let tail = max - head - 3;
    let mut out: String = text.chars().take(head).collect();
    out.push_str("...");
    out.extend(text.chars().skip(n - tail));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use minijit::Span;

    fn error(start: usize, end: usize) -> CompileError {
        CompileError::new(Span::new(start, end), "bad")
    }

    #[test]
    fn an_uncut_line_renders_as_core_renders_it() {
        let sources = [
            "def f():\n    return 0.5\n",
            "def f():\r\n\treturn \"é€\"\r\n",
            "x = 1\n\n",
            "a\x01b\tc",
            "x = 1 # \u{202E}evil\u{2066}\n",
            "",
            "déjà vu",
        ];
        for source in sources {
            for start in 0..=source.len() + 1 {
                for end in [start, start + 1, start + 3, source.len() + 5] {
                    let e = error(start, end);
                    assert_eq!(
                        render_cut(&e, "f.py", source, 1000),
                        e.render("f.py", source),
                        "{source:?} {start}..{end}"
                    );
                    assert_eq!(render(&e, "f.py", source), e.render("f.py", source));
                }
            }
        }
    }

    /// The source line and the caret line of a rendering.
    fn shown(rendered: &str) -> (&str, &str) {
        let mut lines = rendered.lines().skip(1);
        (lines.next().unwrap(), lines.next().unwrap())
    }

    /// The character of `text` above the first `^` of `caret`, counting a
    /// tab as one column (under a tab the caret line has a tab too).
    fn above_caret(text: &str, caret: &str) -> char {
        let at = caret.chars().position(|c| c == '^').unwrap();
        text.chars().nth(at).unwrap()
    }

    #[test]
    fn a_long_line_is_cut_around_the_caret() {
        let line = format!("x = {}@{}", "é\t".repeat(50_000), "ü".repeat(100_000));
        let at = line.find('@').unwrap();
        let source = format!("def f():\n{line}\n");
        let e = error(9 + at, 9 + at + 1);
        let out = render(&e, "f.py", &source);
        assert!(out.len() < 600, "{} bytes", out.len());
        assert!(out.starts_with("f.py:2:100005: error: bad\n"), "{out}");
        let (text, caret) = shown(&out);
        assert!(text.starts_with("...") && text.ends_with("..."), "{text}");
        assert_eq!(text.chars().count(), LINE_WINDOW + 6);
        assert_eq!(above_caret(text, caret), '@');
        assert!(caret.trim_start().starts_with('^'));
        assert_eq!(caret.matches('^').count(), 1);
    }

    #[test]
    fn near_either_end_only_one_side_is_cut() {
        let line = "y".repeat(1000);
        let source = format!("{line}\n");
        let out = render(&error(2, 3), "f.py", &source);
        let (text, caret) = shown(&out);
        assert_eq!(text, format!("{}...", "y".repeat(LINE_WINDOW)));
        assert_eq!(caret, "  ^");
        let out = render(&error(999, 1000), "f.py", &source);
        let (text, caret) = shown(&out);
        assert_eq!(text, format!("...{}", "y".repeat(LINE_WINDOW)));
        assert_eq!(caret.len(), 3 + LINE_WINDOW);
        // At the end of the line (past its last character).
        let out = render(&error(1000, 1000), "f.py", &source);
        let (_, caret) = shown(&out);
        assert_eq!(caret.len(), 3 + LINE_WINDOW + 1);
    }

    #[test]
    fn a_long_span_is_cut_at_the_window() {
        let source = format!("return {}\n", "1 + ".repeat(100_000));
        let out = render(&error(7, source.len() - 1), "f.py", &source);
        let (text, caret) = shown(&out);
        assert_eq!(above_caret(text, caret), '1');
        assert_eq!(caret.matches('^').count(), LINE_WINDOW - 7);
    }

    #[test]
    fn a_long_message_is_cut_in_the_middle() {
        let name = "a".repeat(800_000);
        let source = format!("def f():\n    return {name}\n");
        let e = CompileError::new(
            Span::new(20, 20 + name.len()),
            format!("name `{name}` is not defined"),
        );
        let out = render(&e, "f.py", &source);
        assert!(out.len() < 600, "{} bytes", out.len());
        let header = out.lines().next().unwrap();
        assert!(
            header.starts_with("f.py:2:12: error: name `aaa"),
            "{header}"
        );
        assert!(header.contains("aaa...aaa"), "{header}");
        assert!(header.ends_with("aaa` is not defined"), "{header}");
    }
}
