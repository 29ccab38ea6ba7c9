//! The REPL's `:fix GENERAL NAME=VALUE ... as NEW`: a function of the
//! session specialized on some of its parameters, callable as `NEW` with
//! the others.
//!
//! The session's program is source text, so each fix adds a stub that
//! source can call, `def NEW(free params): return GENERAL(args, values)`,
//! and once the program is through the front end the stub's body is
//! replaced by the specialization ([`minijit::compile_specializing`]):
//! `NEW(...)` then answers as `GENERAL` with the values, one frame deep.

use minijit::ir::Returns;
use minijit::specialize::SpecializeError;
use minijit::{
    CompileError, Compiler, Options, ParamKind, Program, Specialization, SpecializingError,
};

/// One `:fix` of the session.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FixDef {
    /// The name it is called by.
    pub name: String,
    /// The function it specializes.
    pub general: String,
    /// The fixed parameters, by name, in the order given.
    pub values: Vec<(String, i64)>,
}

impl FixDef {
    /// Parses the argument of `:fix`: `GENERAL NAME=VALUE ... as NEW`.
    pub fn parse(arg: &str) -> Result<FixDef, String> {
        const USAGE: &str = "usage: :fix FUNCTION NAME=VALUE ... as NEW_NAME";
        let words: Vec<&str> = arg.split_whitespace().collect();
        let [general, fixes @ .., as_word, name] = words.as_slice() else {
            return Err(USAGE.to_string());
        };
        if *as_word != "as" || fixes.is_empty() {
            return Err(USAGE.to_string());
        }
        let values = fixes
            .iter()
            .map(|f| host::fix::parse_as(f, ":fix"))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(FixDef {
            name: name.to_string(),
            general: general.to_string(),
            values,
        })
    }

    /// The command that makes it, for `:list`.
    pub fn command(&self) -> String {
        let values: Vec<String> = self
            .values
            .iter()
            .map(|(n, v)| format!("{n}={v}"))
            .collect();
        format!(
            ":fix {} {} as {}",
            self.general,
            values.join(" "),
            self.name
        )
    }
}

/// Why a program with fixes did not compile.
pub enum Failed {
    /// An error in the session's source (its span is in that text).
    Source(CompileError),
    /// A fix that does not apply (to the program as it now is).
    Fix(String),
}

/// A literal for `v` that the front end accepts (the minimum is no
/// literal).
fn literal(v: i64) -> String {
    if v == i64::MIN {
        format!("({} - 1)", i64::MIN + 1)
    } else {
        v.to_string()
    }
}

/// The stub of `fix` for `module`'s function (with parameters `names`),
/// and the value of each parameter.
fn stub(
    fix: &FixDef,
    module: &minijit::ir::Module,
    defs: &str,
) -> Result<(String, Vec<Option<i64>>), String> {
    let no_function = || format!("no function `{}` is defined", fix.general);
    let id = module.function_id(&fix.general).ok_or_else(no_function)?;
    let names = minijit::parameter_names(defs, &fix.general)
        .map_err(|e| e.message)?
        .ok_or_else(no_function)?;
    let signature = &module.function(id).signature;
    let fixed = host::fix::fixed_values(&fix.general, &names, &signature.params, &fix.values)?;
    let mut params = Vec::new();
    let mut args = Vec::new();
    for ((name, kind), value) in names.iter().zip(&signature.params).zip(&fixed) {
        match (value, kind) {
            (Some(v), _) => args.push(literal(*v)),
            (None, ParamKind::Int) => {
                params.push(name.clone());
                args.push(name.clone());
            }
            (None, ParamKind::Buffer(b)) => {
                let annotation = if b.name() == "list" {
                    "list[int]"
                } else {
                    b.name()
                };
                params.push(format!("{name}: {annotation}"));
                args.push(name.clone());
            }
        }
    }
    let call = format!("{}({})", fix.general, args.join(", "));
    let body = match signature.returns {
        Returns::Int => format!("return {call}"),
        Returns::None => call,
    };
    let text = format!("\ndef {}({}):\n    {body}\n", fix.name, params.join(", "));
    Ok((text, fixed))
}

/// Compiles `program` (the definitions `defs`, then anything else, such
/// as the hidden function) with the stubs of `fixes` added and replaced by
/// their specializations, through `compiler` (the session's, kept from
/// line to line).
pub fn compile(
    compiler: &mut Compiler,
    defs: &str,
    program: &str,
    fixes: &[FixDef],
    options: &Options,
) -> Result<Program, Failed> {
    if fixes.is_empty() {
        return compiler.compile(program, options).map_err(Failed::Source);
    }
    let general = compiler
        .compile_to_ir(defs, options)
        .map_err(Failed::Source)?;
    let mut text = program.to_string();
    let mut fixed = Vec::new();
    // Where each fix's stub starts in `text`.
    let mut starts = Vec::new();
    for fix in fixes {
        // A specialization is no definition to specialize again: its own
        // general function is, with more parameters fixed.
        let made = fixes.iter().find(|f| f.name == fix.general);
        if let Some(made) = made.filter(|_| general.function_id(&fix.general).is_none()) {
            return Err(Failed::Fix(format!(
                "{}: `{}` is a specialization (`{}`); fix `{}` instead",
                fix.command(),
                made.name,
                made.command(),
                made.general
            )));
        }
        let (stub, values) = stub(fix, &general, defs)
            .map_err(|e| Failed::Fix(format!("{}: {e}", fix.command())))?;
        starts.push(text.len());
        text += &stub;
        fixed.push(values);
    }
    let specializations: Vec<Specialization<'_>> = fixes
        .iter()
        .zip(&fixed)
        .map(|(fix, values)| Specialization {
            general: &fix.general,
            fixed: values,
            name: &fix.name,
        })
        .collect();
    let compiled = compiler.compile_specializing(&text, options, &specializations);
    compiled.map_err(|e| match e {
        SpecializingError::Source(e) => {
            let at = e.span.start as usize;
            if at < program.len() {
                return Failed::Source(e);
            }
            // The error is in a stub: blame the fix whose stub holds it.
            let holder = starts.iter().rposition(|&start| start <= at).unwrap_or(0);
            Failed::Fix(format!("{}: {}", fixes[holder].command(), e.message))
        }
        SpecializingError::Specialize {
            index,
            error: SpecializeError::NoFunctionNamed(_),
        } => Failed::Fix(format!("no function `{}`", fixes[index].general)),
        SpecializingError::Specialize { index, error } => {
            Failed::Fix(format!("{}: {error}", fixes[index].command()))
        }
        SpecializingError::Backend(e) => Failed::Fix(e.message),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_command_reads_back() {
        let fix = FixDef::parse("powmod m=1_000_003 e=-2 as pm").unwrap();
        assert_eq!(fix.general, "powmod");
        assert_eq!(
            fix.values,
            [("m".to_string(), 1_000_003), ("e".to_string(), -2)]
        );
        assert_eq!(fix.command(), ":fix powmod m=1000003 e=-2 as pm");
        assert_eq!(FixDef::parse(&fix.command()[5..]), Ok(fix));
        for bad in [
            "",
            "powmod",
            "powmod as pm",
            "powmod m=1 pm",
            "powmod m=x as pm",
        ] {
            assert!(FixDef::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn a_stub_error_blames_its_own_fix() {
        let defs = "def f(a, b):\n    return a - b\n\ndef g(a):\n    return a\n";
        let fixes = [
            FixDef::parse("f a=1 as h").unwrap(),
            // Defines `f` a second time: its stub cannot compile.
            FixDef::parse("g a=2 as f").unwrap(),
        ];
        match compile(
            &mut Compiler::new(),
            defs,
            defs,
            &fixes,
            &Options::default(),
        ) {
            Err(Failed::Fix(e)) => assert!(e.starts_with(":fix g a=2 as f: "), "{e}"),
            Err(Failed::Source(e)) => panic!("blamed the source: {}", e.message),
            Ok(_) => panic!("compiled"),
        }
        let Ok(program) = compile(
            &mut Compiler::new(),
            defs,
            defs,
            &fixes[..1],
            &Options::default(),
        ) else {
            panic!("one fix alone compiles")
        };
        assert!(program.function("h").is_some());
    }

    #[test]
    fn a_specialization_is_not_specialized_again() {
        let defs = "def f(a, b):\n    return a - b\n";
        let fixes = [
            FixDef::parse("f a=1 as g").unwrap(),
            FixDef::parse("g b=2 as k").unwrap(),
        ];
        match compile(
            &mut Compiler::new(),
            defs,
            defs,
            &fixes,
            &Options::default(),
        ) {
            Err(Failed::Fix(e)) => assert_eq!(
                e,
                ":fix g b=2 as k: `g` is a specialization (`:fix f a=1 as g`); fix `f` instead"
            ),
            Err(Failed::Source(e)) => panic!("blamed the source: {}", e.message),
            Ok(_) => panic!("compiled"),
        }
    }

    #[test]
    fn the_minimum_has_a_literal() {
        assert_eq!(literal(i64::MIN), "(-9223372036854775807 - 1)");
        assert_eq!(literal(-5), "-5");
    }
}
