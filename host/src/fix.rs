//! `--fix NAME=VALUE` (and the REPL's `:fix`): which parameters of a
//! function to fix, by name, turned into the one-entry-per-parameter
//! vector that `minijit::specialize` takes.

use minijit::ParamKind;

/// One `NAME=VALUE`: a parameter name and a 64-bit integer (decimal, as a
/// command-line argument for an `int` parameter is written).
///
/// # Errors
/// One line saying what is wrong: no `=`, an empty name, or a value that
/// is not a 64-bit decimal integer.
pub fn parse(text: &str) -> Result<(String, i64), String> {
    parse_as(text, "--fix")
}

/// [`parse`] for a fix written after `how` (`--fix` on the command line,
/// `:fix` in the REPL), which the messages name.
///
/// # Errors
/// As [`parse`].
pub fn parse_as(text: &str, how: &str) -> Result<(String, i64), String> {
    let Some((name, value)) = text.split_once('=') else {
        return Err(format!("{how} takes NAME=VALUE, got `{text}`"));
    };
    let name = name.trim();
    if name.is_empty() {
        return Err(format!("{how} `{text}` names no parameter"));
    }
    match crate::args::parse(value, crate::args::Kind::Int) {
        Ok(crate::args::Parsed::Int(v)) => Ok((name.to_string(), v)),
        Ok(_) => unreachable!("an int parameter parses to an integer"),
        Err(e) => Err(format!("{how} {name}: {e}")),
    }
}

/// The fixed value of each parameter of `func` in `module`, compiled from
/// `source` (which gives the parameter names), from `fixes` in any order;
/// `Ok(None)` if `module` has no function `func`.
///
/// # Errors
/// As [`fixed_values`].
pub fn fixed_for(
    source: &str,
    module: &minijit::ir::Module,
    func: &str,
    fixes: &[(String, i64)],
) -> Result<Option<Vec<Option<i64>>>, String> {
    let Some(id) = module.function_id(func) else {
        return Ok(None);
    };
    // The source compiled to `module`, so it parses and has `func`.
    let names = minijit::parameter_names(source, func)
        .map_err(|e| e.message)?
        .unwrap_or_default();
    let kinds = &module.function(id).signature.params;
    fixed_values(func, &names, kinds, fixes).map(Some)
}

/// The fixed value of each parameter of `func` (named `names`, of kinds
/// `kinds`), from `fixes` in any order.
///
/// # Errors
/// A parameter `func` does not have (the message lists those it has), one
/// fixed twice, or a buffer parameter.
pub fn fixed_values(
    func: &str,
    names: &[String],
    kinds: &[ParamKind],
    fixes: &[(String, i64)],
) -> Result<Vec<Option<i64>>, String> {
    let mut fixed = vec![None; names.len()];
    for (name, value) in fixes {
        let Some(i) = names.iter().position(|n| n == name) else {
            return Err(format!(
                "`{func}` has no parameter `{name}` (its parameters: {})",
                if names.is_empty() {
                    "none".to_string()
                } else {
                    names.join(", ")
                }
            ));
        };
        if fixed[i].is_some() {
            return Err(format!("parameter `{name}` of `{func}` is fixed twice"));
        }
        if let Some(&ParamKind::Buffer(kind)) = kinds.get(i) {
            return Err(format!(
                "parameter `{name}` of `{func}` is a {} buffer: only integer parameters can be fixed",
                kind.name()
            ));
        }
        fixed[i] = Some(*value);
    }
    Ok(fixed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn name_value_pairs() {
        assert_eq!(parse("m=1_000_003"), Ok(("m".into(), 1_000_003)));
        assert_eq!(parse(" m = -5"), Ok(("m".into(), -5)));
        assert!(parse("m").unwrap_err().contains("NAME=VALUE"));
        assert!(parse("=3").unwrap_err().contains("names no parameter"));
        assert!(parse("m=x").unwrap_err().contains("decimal integer"));
        assert!(parse("m=9223372036854775808")
            .unwrap_err()
            .contains("outside the 64-bit range"));
    }

    #[test]
    fn names_choose_the_parameters() {
        let names = ["b".to_string(), "e".into(), "m".into()];
        let kinds = [ParamKind::Int; 3];
        assert_eq!(
            fixed_values("powmod", &names, &kinds, &[("m".into(), 7)]),
            Ok(vec![None, None, Some(7)])
        );
        let err = fixed_values("powmod", &names, &kinds, &[("x".into(), 7)]).unwrap_err();
        assert_eq!(
            err,
            "`powmod` has no parameter `x` (its parameters: b, e, m)"
        );
        let twice = [("m".into(), 7), ("m".into(), 8)];
        assert!(fixed_values("powmod", &names, &kinds, &twice)
            .unwrap_err()
            .contains("fixed twice"));
        let bytes = [ParamKind::Buffer(minijit::BufKind::Bytes)];
        assert!(fixed_values("f", &names[..1], &bytes, &[("b".into(), 1)])
            .unwrap_err()
            .contains("only integer parameters can be fixed"));
    }
}
