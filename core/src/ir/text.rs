//! The IR text form: printing (the `Display` of [`Module`] and
//! [`Function`]) and parsing ([`parse_module`]).
//!
//! ```text
//! function fib {
//! block0(v0):
//!     v1 = const 2
//!     v2 = lt v0, v1
//!     br v2, block1, block2
//! block1:
//!     ret v0
//! block2:
//!     v3 = const 1
//!     v4 = sub v0, v3
//!     v5 = call fib(v4)
//!     jump block3(v5)
//! block3(v6):
//!     ret v6
//! }
//! ```
//!
//! A module is its functions, separated by a blank line. A function is
//! `function name {`, its blocks in layout order (the first is the entry and
//! its parameters are the function's), and `}`. A block is a label
//! `blockN:` or `blockN(v1, v2):` followed by one instruction per line,
//! indented by four spaces:
//!
//! | instruction | form |
//! |---|---|
//! | constant | `v1 = const -5` (any `i64`, in decimal) |
//! | unary | `v2 = neg v1` ([`UnaryOp::name`]) |
//! | binary | `v3 = add.wrap v1, v2` ([`BinaryOp::name`]) |
//! | select | `v4 = select v1, v2, v3` |
//! | call | `v5 = call fib(v4)`, by name, possibly of a later function |
//! | fuel | `fuel` |
//! | jump | `jump block3(v1)`, or `jump block3` without arguments |
//! | branch | `br v1, block1(v2), block2` |
//! | return | `ret v1` |
//! | trap | `trap ValueError` or `trap AssertionError "message"` |
//!
//! Messages escape `\\`, `\"`, `\n`, `\t`, `\r` and other control characters
//! as `\u{1b}`. A `;` starts a comment that runs to the end of the line;
//! blank lines and extra spaces are ignored, but each label and instruction
//! takes a line of its own.
//!
//! Entity numbers in the text are the entity indices: `v7` is `Value(7)` and
//! `block2` is `Block(2)`, so printing a parsed module gives its text back.
//! Printing then parsing gives back an equal module when every block is in
//! the layout, instructions are numbered in layout order and the value table
//! does not end with unused values (as it is for parsed modules); otherwise
//! the result differs only in that numbering.
//!
//! [`Module`]: crate::ir::Module
//! [`Function`]: crate::ir::Function
//! [`UnaryOp::name`]: crate::ir::UnaryOp::name
//! [`BinaryOp::name`]: crate::ir::BinaryOp::name

mod parse;
mod print;

pub use parse::{parse_module, MAX_NUMBER};
pub use print::{DisplayFunction, DisplayInst};

#[cfg(test)]
mod tests {
    use super::parse_module;
    use crate::ir::dom::DomTree;
    use crate::ir::verify::verify;
    use crate::ir::{BinaryOp, Block, Inst, InstKind, UnaryOp, Value, ValueDef};
    use crate::test_fixtures::{Rng, FIB};
    use alloc::format;
    use alloc::string::{String, ToString};
    use alloc::vec::Vec;

    /// Parses, prints and parses again: the printed text must be the input
    /// and the second parse must equal the first.
    fn round_trip(text: &str) {
        let module = parse_module(text).unwrap_or_else(|e| {
            let (line, col) = e.line_col(text);
            panic!("{line}:{col}: {}\n{text}", e.message)
        });
        let printed = module.to_string();
        assert_eq!(printed, text);
        assert_eq!(parse_module(&printed), Ok(module.clone()));
        assert_eq!(verify(&module), Ok(()), "{text}");
    }

    /// The error for `text`, as `line:col: message`.
    fn parse_error(text: &str) -> String {
        let e = parse_module(text).expect_err(text);
        let (line, col) = e.line_col(text);
        format!("{line}:{col}: {}", e.message)
    }

    /// The format description's example: `fib`, then a `main` that shows
    /// the rest of the syntax.
    fn fib_and_main() -> String {
        format!("{FIB}\n{MAIN}")
    }

    const MAIN: &str = "function main {
block0:
    fuel
    v0 = const -5
    v1 = select v0, v0, v0
    v2 = neg v0
    v3 = add.wrap v0, v2
    trap AssertionError \"x must be \\\"positive\\\"\\n\"
}
";

    #[test]
    fn round_trips_the_format_example() {
        round_trip(&fib_and_main());
    }

    #[test]
    fn round_trips_every_operation() {
        let mut text = String::from("function ops {\nblock0(v0, v1):\n");
        let mut next = 2;
        for op in UnaryOp::ALL {
            text += &format!("    v{next} = {} v0\n", op.name());
            next += 1;
        }
        for op in BinaryOp::ALL {
            text += &format!("    v{next} = {} v0, v1\n", op.name());
            next += 1;
        }
        text += &format!("    ret v{}\n}}\n", next - 1);
        round_trip(&text);
        let module = parse_module(&text).unwrap();
        let kinds: Vec<_> = module.functions[0]
            .insts
            .iter()
            .map(|i| i.kind.clone())
            .collect();
        assert!(matches!(kinds[0], InstKind::Unary(UnaryOp::Neg, Value(0))));
        assert!(matches!(
            kinds[3 + 19],
            InstKind::Binary(BinaryOp::AddWrap, Value(0), Value(1))
        ));
    }

    #[test]
    fn round_trips_index_checks_of_every_form() {
        let mut text =
            String::from("function f(list) -> int {\nblock0(v0, v1):\n    v2 = const -1\n");
        let forms = ["", ".store", ".from_end", ".store.from_end"];
        for (k, form) in forms.iter().enumerate() {
            text += &format!("    v{} = check_index.list{form} v2, v1\n", k + 3);
        }
        text += "    ret v6\n}\n";
        round_trip(&text);
        for bad in [
            "check_index.list.from_end.store",
            "load.list.from_end",
            "store.list.store",
        ] {
            let text = format!("function f(list) -> int {{\nblock0(v0, v1):\n    v2 = {bad} v1, v1\n    ret v2\n}}\n");
            assert_eq!(
                parse_error(&text),
                format!("3:10: unknown instruction `{bad}`")
            );
        }
    }

    #[test]
    fn round_trips_constants_traps_and_branch_arguments() {
        round_trip(
            "function consts {
block0(v0):
    v1 = const 0
    v2 = const -1
    v3 = const 9223372036854775807
    v4 = const -9223372036854775808
    br v0, block1(v1, v3), block2(v4)
block1(v5, v6):
    trap OverflowError
block2(v7):
    br v7, block3, block4
block3:
    trap AssertionError \"tab\\there \\\\ \\r\\u{01}\\u{7f}\\u{85} é \\\"q\\\"\"
block4:
    trap FuelExhausted \"\"
}
",
        );
    }

    #[test]
    fn round_trips_forward_calls_and_gaps() {
        // `first` calls `second` before it is defined; v2 and block1 are
        // never defined, so they are left unused.
        let text = "function first {
block0(v0, v1):
    v3 = call second(v1, v0)
    v4 = call third()
    jump block2(v4)
block2(v5):
    ret v5
}

function second {
block0(v0, v1):
    ret v1
}

function third {
block0:
    v0 = call first(v0, v0)
    ret v0
}
";
        let module = parse_module(text).unwrap();
        assert_eq!(module.to_string(), text);
        let first = &module.functions[0];
        assert_eq!(first.values[2], ValueDef::Unused);
        assert_eq!(first.blocks.len(), 3);
        assert!(first.block_params(Block(1)).is_empty() && first.blocks[1].insts.is_empty());
        let InstKind::Call(callee, args) = first.insts[0].kind else {
            panic!("not a call: {:?}", first.insts[0].kind);
        };
        assert_eq!(callee, crate::ir::FuncId(1));
        assert_eq!(first.args(args), [Value(1), Value(0)]);
        // `third` uses its own result, which the parser accepts and the
        // verifier refuses.
        assert!(verify(&module).is_err());
    }

    #[test]
    fn parser_is_lenient_with_spacing_and_comments() {
        let messy = "; run: f(1) == 2\n\n  function   f{ ; comment\n\nblock0( v0 ,v1 ):\n\
                     v2=add v0,v1 ; sum\r\n\n   ret v2\n   }";
        let module = parse_module(messy).unwrap();
        assert_eq!(
            module.to_string(),
            "function f {\nblock0(v0, v1):\n    v2 = add v0, v1\n    ret v2\n}\n"
        );
        assert_eq!(parse_module("").unwrap().functions.len(), 0);
        assert_eq!(parse_module("\n; nothing\n\n").unwrap().functions.len(), 0);
    }

    #[test]
    fn reports_huge_numbers() {
        assert_eq!(
            parse_error("function f {\nblock0:\n    v1000001 = const 1\n}"),
            "3:5: value number too large (the largest is v1000000)"
        );
        assert_eq!(
            parse_error("function f {\nblock0:\n    jump block99999999999999999999\n}"),
            "3:10: block number too large (the largest is block1000000)"
        );
        // One large number is fine; many functions each using one run out
        // of the module's table budget instead of allocating gigabytes.
        assert!(parse_module("function f {\nblock0(v1000000):\n    ret v1000000\n}\n").is_ok());
        let mut text = String::new();
        for i in 0..10 {
            text += &format!("function f{i} {{\nblock1000000(v1000000):\n    ret v1000000\n}}\n");
        }
        let e = parse_module(&text).unwrap_err();
        assert_eq!(
            e.message,
            "value and block numbers too large for the size of the text"
        );
    }

    #[test]
    fn errors_render_like_source_errors() {
        let text = "function f {\nblock0:\n    v1 = frob v0\n}\n";
        let e = parse_module(text).unwrap_err();
        assert_eq!(
            e.render("t.ir", text),
            "t.ir:3:10: error: unknown instruction `frob`\n    v1 = frob v0\n         ^^^^\n"
        );
    }

    #[test]
    fn keeps_entity_numbers_and_leaves_the_rest_to_the_verifier() {
        let text = "function f {\nblock3(v5):\n    v1 = ret v5\nblock1:\n    const 4\n}\n";
        let module = parse_module(text).unwrap();
        let func = &module.functions[0];
        assert_eq!(func.layout, [Block(3), Block(1)]);
        assert_eq!(func.blocks.len(), 4);
        assert_eq!(func.values.len(), 6);
        assert_eq!(func.values[5], ValueDef::Param(Block(3), 0));
        assert_eq!(func.values[1], ValueDef::Result(Inst(0)));
        assert_eq!(func.values[0], ValueDef::Unused);
        assert_eq!(func.insts[1].result, None);
        assert_eq!(module.to_string(), text);
    }

    /// The texts mutated, besides [`fib_and_main`].
    const MORE_SEEDS: [&str; 2] = [
        "function f {
block0(v0):
    jump block1(v0)
block1(v1):
    v2 = const 1
    v3 = sub v1, v2
    br v3, block1(v3), block2
block2:
    v4 = call g(v1, v3)
    ret v4
}

function g {
block0(v0, v1):
    v2 = select v0, v1, v0
    ret v2
}
",
        "function h {
block0(v0):
    br v0, block1, block2
block1:
    v1 = const 3
    jump block3(v1)
block2:
    v2 = const -4
    jump block3(v2)
block3(v3):
    v4 = mul v3, v0
    ret v4
}
",
    ];

    const TOKENS: [&str; 30] = [
        "v0",
        "v1",
        "v9",
        "v1000000",
        "v99999999999",
        "block0",
        "block1",
        "block3",
        "block7",
        "jump",
        "br",
        "ret",
        "const",
        "call",
        "trap",
        "fuel",
        "-9223372036854775809",
        "9223372036854775807",
        "f",
        "g",
        "fib",
        "(",
        ")",
        ",",
        "=",
        ":",
        "\n",
        "}",
        "function",
        "\"\\u{",
    ];

    const CHARS: [char; 16] = [
        'v', '0', '9', '-', '(', ')', ',', ':', '=', '{', '}', '\n', '"', '\\', ';', 'é',
    ];

    /// Applies one to three random edits to `text`: line edits keep the
    /// syntax and reach the verifier, character and token edits test the
    /// parser's errors.
    fn mutate(rng: &mut Rng, text: &str) -> String {
        let mut lines: Vec<String> = text.lines().map(String::from).collect();
        let edits = 1 + rng.below(3);
        for _ in 0..edits {
            let i = rng.below(lines.len());
            let j = rng.below(lines.len());
            match rng.below(4) {
                0 => {
                    lines.remove(i);
                }
                1 => lines.insert(i, lines[j].clone()),
                2 => lines.swap(i, j),
                _ => {
                    // Renumber one entity or constant: v3 -> v7, block1 -> block0.
                    let line = &lines[i];
                    if let Some(at) = line.find(|c: char| c.is_ascii_digit()) {
                        let n = rng.below(12);
                        lines[i] = format!("{}{n}{}", &line[..at], &line[at + 1..]);
                    }
                }
            }
            if lines.is_empty() {
                break;
            }
        }
        let text = lines.join("\n") + "\n";
        if rng.below(2) == 0 {
            text
        } else {
            mutate_chars(rng, &text)
        }
    }

    fn mutate_chars(rng: &mut Rng, text: &str) -> String {
        let mut chars: Vec<char> = text.chars().collect();
        for _ in 0..1 + rng.below(3) {
            let at = rng.below(chars.len() + 1);
            let len = 1 + rng.below(8);
            let end = (at + len).min(chars.len());
            match rng.below(5) {
                0 => {
                    chars.drain(at..end);
                }
                1 => {
                    let copy: Vec<char> = chars[at..end].to_vec();
                    chars.splice(at..at, copy);
                }
                2 => {
                    let c = CHARS[rng.below(CHARS.len())];
                    if at < chars.len() {
                        chars[at] = c;
                    } else {
                        chars.push(c);
                    }
                }
                3 => {
                    // Replace the word at `at` with a token.
                    let is_word = |c: &char| c.is_alphanumeric() || *c == '.' || *c == '-';
                    let mut start = at.min(chars.len());
                    while start > 0 && is_word(&chars[start - 1]) {
                        start -= 1;
                    }
                    let mut stop = start;
                    while stop < chars.len() && is_word(&chars[stop]) {
                        stop += 1;
                    }
                    let token = TOKENS[rng.below(TOKENS.len())];
                    chars.splice(start..stop, token.chars());
                }
                _ => {
                    let token = TOKENS[rng.below(TOKENS.len())];
                    chars.splice(at..at, token.chars());
                }
            }
        }
        chars.into_iter().collect()
    }

    /// Whatever the text, parsing and verifying return instead of
    /// panicking, and anything that parses prints back to an equal module.
    fn check_no_panic(text: &str) -> (bool, bool) {
        match parse_module(text) {
            Ok(module) => {
                let verified = verify(&module).is_ok();
                for func in &module.functions {
                    let _ = DomTree::compute(func);
                }
                let printed = module.to_string();
                assert_eq!(parse_module(&printed).as_ref(), Ok(&module), "{text}");
                (true, verified)
            }
            Err(e) => {
                assert!(e.span.start <= e.span.end && e.span.end as usize <= text.len());
                let _ = e.render("fuzz.ir", text);
                (false, false)
            }
        }
    }

    #[test]
    fn mutated_text_never_panics() {
        let mut rng = Rng::new(0x9E37_79B9_7F4A_7C15);
        let fib_and_main = fib_and_main();
        let seeds = [fib_and_main.as_str(), MORE_SEEDS[0], MORE_SEEDS[1]];
        let (mut parsed, mut verified) = (0, 0);
        for case in 0..6000 {
            let seed = seeds[case % seeds.len()];
            let text = mutate(&mut rng, seed);
            let (p, v) = check_no_panic(&text);
            parsed += p as usize;
            verified += v as usize;
        }
        // The mutations must reach both the verifier and its failures.
        assert!(parsed > 300, "only {parsed} mutants parsed");
        assert!(
            verified > 100 && verified + 100 < parsed,
            "{verified} of {parsed}"
        );
    }

    #[test]
    fn random_text_never_panics() {
        let mut rng = Rng::new(12345);
        for _ in 0..2000 {
            let len = rng.below(60);
            let text: String = (0..len)
                .map(|_| match rng.below(4) {
                    0 => TOKENS[rng.below(TOKENS.len())].to_string(),
                    1 => " ".to_string(),
                    2 => char::from_u32(rng.below(0x250) as u32)
                        .unwrap_or('?')
                        .to_string(),
                    _ => CHARS[rng.below(CHARS.len())].to_string(),
                })
                .collect();
            check_no_panic(&text);
            check_no_panic(&format!("function f {{\nblock0(v0):\n{text}\n}}\n"));
        }
    }
}
