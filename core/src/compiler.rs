//! A compile context: every stage's buffers, kept from one compile to the
//! next.
//!
//! Needs: nothing to start (a new context allocates nothing). Gives: the
//! same programs and IR as the free functions ([`crate::compile`] and
//! the rest, which each run a new context), byte for byte. Keeps: each
//! stage's own buffers, in a type of the stage's module (the lexer's
//! tokens, the parser's tree and names, the checker's and the lowering's
//! tables, the optimizer's analyses and the inliner's tables, the
//! backend's assembler, trap table and per-function tables), emptied and
//! filled again by each compile: what they hold between compiles means
//! nothing, so a compile that fails halfway changes nothing for the next.
//!
//! Memory: after a program of more than `KEEP_FOR_SOURCE` bytes of source
//! (64 KiB), or compiled from IR of more than as many values, the context
//! frees every buffer, so that one large compile does not hold its memory
//! for the context's life; within a compile, a function of more than
//! `KEEP_FOR_VALUES` values (4,096) leaves no tables behind in the
//! optimizer and the backend.

use crate::error::{CompileError, Span};
use crate::reuse::KEEP_FOR_SOURCE;
use crate::{backend, frontend, ir, opt, specialize};
use crate::{Options, Program, Specialization, SpecializingError};
use alloc::format;
use alloc::vec::Vec;

/// A stage of a compile from source, as [`Compiler::compile_observed`]
/// tells an [`Observer`] of it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stage {
    /// Source text to tokens.
    Lex,
    /// Tokens to the syntax tree.
    Parse,
    /// Names, arities and kinds checked.
    Check,
    /// The tree to IR.
    Lower,
    /// One run of the optimizer's pass `opt::PASSES[k]`: over the module
    /// for `inline`, over one function for the others (each function
    /// goes through its run of passes in turn, so such a stage starts
    /// and ends once per function).
    Pass(usize),
    /// IR to machine code.
    Backend,
}

impl Stage {
    /// How many stages [`Stage::all`] gives.
    pub const COUNT: usize = 4 + opt::PASSES.len() + 1;

    /// Every stage, in the order a compile runs them (a pass that
    /// [`opt::PASSES`] names twice, such as `dce`, is two stages).
    pub fn all() -> impl Iterator<Item = Stage> {
        let passes = (0..opt::PASSES.len()).map(Stage::Pass);
        [Stage::Lex, Stage::Parse, Stage::Check, Stage::Lower]
            .into_iter()
            .chain(passes)
            .chain([Stage::Backend])
    }

    /// This stage's place in [`Stage::all`] (to keep a figure per stage in
    /// a table of [`Stage::COUNT`]).
    pub fn index(self) -> usize {
        match self {
            Stage::Lex => 0,
            Stage::Parse => 1,
            Stage::Check => 2,
            Stage::Lower => 3,
            Stage::Pass(k) => k.saturating_add(4),
            Stage::Backend => Stage::COUNT - 1,
        }
    }

    /// The stage's name: `lex`, `parse`, `check`, `lower`, a pass's name
    /// in [`opt::PASSES`] (`?` for a `Pass` beyond them, which no compile
    /// makes), `backend`.
    pub fn name(self) -> &'static str {
        match self {
            Stage::Lex => "lex",
            Stage::Parse => "parse",
            Stage::Check => "check",
            Stage::Lower => "lower",
            // (A pass the compiler does not have has no name.)
            Stage::Pass(k) => opt::PASSES.get(k).copied().unwrap_or("?"),
            Stage::Backend => "backend",
        }
    }
}

/// What watches a compile stage by stage ([`Compiler::compile_observed`]):
/// told when each stage starts and when it ends, to time it or to count
/// what it allocates. Between the end of one stage and the start of the
/// next the compiler does next to nothing (it checks the IR in debug
/// builds, and puts the program together after the backend).
pub trait Observer {
    /// `stage` starts.
    fn starts(&mut self, stage: Stage);
    /// `stage` has ended (also when it failed: no stage starts after).
    fn ends(&mut self, stage: Stage);
}

/// No observer: a compile as [`Compiler::compile`] runs it.
impl Observer for () {
    fn starts(&mut self, _: Stage) {}
    fn ends(&mut self, _: Stage) {}
}

/// Runs `f` as `stage`, telling `watch`.
fn observed<T>(watch: &mut impl Observer, stage: Stage, f: impl FnOnce() -> T) -> T {
    watch.starts(stage);
    let out = f();
    watch.ends(stage);
    out
}

/// A compile context: the working buffers of every stage of the compiler,
/// kept from one compile to the next, so that compiling many small
/// programs one after the other (packet filters, policies, the lines of a
/// prompt) allocates little beyond what each compile returns (its
/// [`Program`]: the code, the trap table, the IR).
///
/// Each method is the free function of the same name ([`crate::compile`],
/// [`crate::compile_to_ir`], ...) with this context's buffers, and gives
/// the same answer byte for byte, whatever was compiled before, errors
/// included. The free functions run a new context each time.
///
/// ```
/// let mut compiler = minijit::Compiler::new();
/// let options = minijit::Options::default();
/// for k in 1..=3 {
///     let source = format!("def scale(x):\n    return x * {k}\n");
///     let program = compiler.compile(&source, &options)?;
///     assert_eq!(program.bytes(), minijit::compile(&source, &options)?.bytes());
/// }
/// # Ok::<(), minijit::CompileError>(())
/// ```
///
/// Memory: a context holds about as much as the largest program it
/// compiled needed while it was compiled, less what it returned, up to a
/// bound: after a program of more than 64 KiB of source (or IR of more
/// than 65,536 values), it frees every buffer.
#[derive(Default)]
pub struct Compiler {
    lexer: frontend::lexer::Scratch,
    parser: frontend::parser::Scratch,
    checker: frontend::check::Scratch,
    lowerer: frontend::lower::Scratch,
    /// Where each source line starts, when debuggers are to see lines.
    line_starts: Vec<u32>,
    optimizer: opt::Scratch,
    backend: backend::x86_64::Scratch,
}

impl core::fmt::Debug for Compiler {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("Compiler").finish_non_exhaustive()
    }
}

impl Compiler {
    /// A context with no buffers yet (it allocates nothing).
    pub fn new() -> Compiler {
        Compiler::default()
    }

    /// [`crate::compile_to_ir`] with this context's buffers.
    ///
    /// # Errors
    /// As [`crate::compile_to_ir`].
    pub fn compile_to_ir(
        &mut self,
        source: &str,
        options: &Options,
    ) -> Result<ir::Module, CompileError> {
        let module = self.front_end(source, options, &mut ());
        self.keep_or_free(source.len());
        module
    }

    /// [`crate::compile`] with this context's buffers.
    ///
    /// # Errors
    /// As [`crate::compile`].
    pub fn compile(&mut self, source: &str, options: &Options) -> Result<Program, CompileError> {
        self.compile_observed(source, options, &mut ())
    }

    /// [`Compiler::compile`], telling `watch` when each [`Stage`] starts
    /// and ends: to see where a compile's time or memory goes (the
    /// `compile_stages` and `compile_allocs` examples of the host). The
    /// program is the one [`Compiler::compile`] gives.
    ///
    /// ```
    /// use minijit::{Compiler, Observer, Options, Stage};
    /// struct Seen(Vec<&'static str>);
    /// impl Observer for Seen {
    ///     fn starts(&mut self, stage: Stage) {
    ///         self.0.push(stage.name());
    ///     }
    ///     fn ends(&mut self, _: Stage) {}
    /// }
    /// let mut seen = Seen(Vec::new());
    /// let source = "def f(x):\n    return x + 1\n";
    /// Compiler::new().compile_observed(source, &Options::default(), &mut seen)?;
    /// assert_eq!(seen.0[..5], ["lex", "parse", "check", "lower", "inline"]);
    /// assert_eq!(seen.0.last(), Some(&"backend"));
    /// # Ok::<(), minijit::CompileError>(())
    /// ```
    ///
    /// # Errors
    /// As [`crate::compile`].
    pub fn compile_observed(
        &mut self,
        source: &str,
        options: &Options,
        watch: &mut impl Observer,
    ) -> Result<Program, CompileError> {
        let program = self.source_to_program(source, options, watch);
        self.keep_or_free(source.len());
        program
    }

    /// [`crate::compile_specialized`] with this context's buffers.
    ///
    /// # Errors
    /// As [`crate::compile_specialized`].
    pub fn compile_specialized(
        &mut self,
        source: &str,
        options: &Options,
        name: &str,
        fixed: &[Option<i64>],
    ) -> Result<Program, CompileError> {
        let program = self.front_end(source, options, &mut ()).and_then(|module| {
            // SAFETY: the front end made `module` just now.
            unsafe { self.specialized(&module, options, name, fixed) }
        });
        self.keep_or_free(source.len());
        program
    }

    /// [`crate::compile_specializing`] with this context's buffers.
    ///
    /// # Errors
    /// As [`crate::compile_specializing`].
    pub fn compile_specializing(
        &mut self,
        source: &str,
        options: &Options,
        specializations: &[Specialization<'_>],
    ) -> Result<Program, SpecializingError> {
        let program = self.specializing(source, options, specializations);
        self.keep_or_free(source.len());
        program
    }

    /// [`crate::compile_specialized_ir`] with this context's buffers.
    ///
    /// # Safety
    /// As [`crate::compile_specialized_ir`]: `module` must be what
    /// [`crate::compile_to_ir`] gave (optimized or not since).
    ///
    /// # Errors
    /// As [`crate::compile_specialized_ir`].
    pub unsafe fn compile_specialized_ir(
        &mut self,
        module: &ir::Module,
        options: &Options,
        name: &str,
        fixed: &[Option<i64>],
    ) -> Result<Program, CompileError> {
        // SAFETY: as the caller promised.
        let program = unsafe { self.specialized(module, options, name, fixed) };
        self.keep_or_free(values(module));
        program
    }

    /// [`crate::compile_ir`] with this context's buffers.
    ///
    /// # Errors
    /// As [`crate::compile_ir`].
    pub fn compile_ir(&mut self, module: ir::Module) -> Result<Program, CompileError> {
        let size = values(&module);
        let program =
            verify_checked(&module).and_then(|()| self.back_end(module, false, false, &mut ()));
        self.keep_or_free(size);
        program
    }

    /// [`crate::compile_ir_optimized_with`] with this context's buffers.
    ///
    /// # Errors
    /// As [`crate::compile_ir`].
    pub fn compile_ir_optimized_with(
        &mut self,
        module: ir::Module,
        options: &Options,
    ) -> Result<Program, CompileError> {
        let size = values(&module);
        let program = verify_checked(&module)
            .and_then(|()| self.optimized_to_program(module, options, &mut ()));
        self.keep_or_free(size);
        program
    }

    /// [`crate::compile_ir_unchecked`] with this context's buffers.
    ///
    /// # Safety
    /// As [`crate::compile_ir_unchecked`]: every `load` and `store` the
    /// code runs must address an item inside its buffer.
    ///
    /// # Errors
    /// As [`crate::compile_ir_unchecked`].
    pub unsafe fn compile_ir_unchecked(
        &mut self,
        module: ir::Module,
    ) -> Result<Program, CompileError> {
        let size = values(&module);
        let program = ir::verify::verify(&module)
            .map_err(|e| CompileError::new(Span::new(0, 0), format!("invalid IR: {e}")))
            .and_then(|()| self.back_end(module, false, false, &mut ()));
        self.keep_or_free(size);
        program
    }

    /// The pipeline from source text to a program.
    fn source_to_program(
        &mut self,
        source: &str,
        options: &Options,
        watch: &mut impl Observer,
    ) -> Result<Program, CompileError> {
        let module = self.front_end(source, options, watch)?;
        self.optimized_to_program(module, options, watch)
    }

    /// The front end: lex, parse, check, lower.
    fn front_end(
        &mut self,
        source: &str,
        options: &Options,
        watch: &mut impl Observer,
    ) -> Result<ir::Module, CompileError> {
        let tokens = observed(watch, Stage::Lex, || self.lexer.tokenize(source))?;
        let ast = observed(watch, Stage::Parse, || self.parser.parse(source, tokens))?;
        if source.len() > KEEP_FOR_SOURCE {
            // The tree holds what the tokens said; a large source's are
            // better freed now than after the compile.
            self.lexer = frontend::lexer::Scratch::default();
        }
        let checker = &mut self.checker;
        let checked = observed(watch, Stage::Check, || checker.check(ast, &options.hosts))?;
        self.line_starts.clear();
        if options.debug_info {
            frontend::lower::fill_line_starts(source, &mut self.line_starts);
        }
        let lowering = frontend::lower::LowerOptions {
            fuel: options.fuel,
            line_starts: &self.line_starts,
        };
        let lowerer = &mut self.lowerer;
        let module = observed(watch, Stage::Lower, || {
            lowerer.lower(ast, checked, &options.hosts, lowering)
        })?;
        debug_assert!(ir::verify::verify(&module).is_ok());
        Ok(module)
    }

    /// The optimizer and the backend, and the program they make.
    fn optimized_to_program(
        &mut self,
        mut module: ir::Module,
        options: &Options,
        watch: &mut impl Observer,
    ) -> Result<Program, CompileError> {
        self.optimizer
            .optimize_with(&mut module, |k, pass| observed(watch, Stage::Pass(k), pass));
        debug_assert!(ir::verify::verify(&module).is_ok());
        self.back_end(module, options.keep_ir, options.debug_info, watch)
    }

    /// The backend, and the program made of its code and `module`.
    fn back_end(
        &mut self,
        module: ir::Module,
        keep_ir: bool,
        debug_info: bool,
        watch: &mut impl Observer,
    ) -> Result<Program, CompileError> {
        let backend = &mut self.backend;
        let machine_code = observed(watch, Stage::Backend, || {
            backend.compile(&module, debug_info)
        })?;
        Ok(Program::new(module, machine_code, keep_ir))
    }

    /// [`Compiler::compile_specialized_ir`], keeping the buffers whatever
    /// the size.
    ///
    /// # Safety
    /// As for [`Compiler::compile_specialized_ir`].
    unsafe fn specialized(
        &mut self,
        module: &ir::Module,
        options: &Options,
        name: &str,
        fixed: &[Option<i64>],
    ) -> Result<Program, CompileError> {
        let func = module
            .function_id(name)
            .ok_or_else(|| CompileError::new(Span::new(0, 0), format!("no function `{name}`")))?;
        let specialized = specialize::specialize_with(module, func, fixed, &mut self.optimizer)
            .map_err(|e| CompileError::new(Span::new(0, 0), format!("{e}")))?;
        self.back_end(
            specialized.module,
            options.keep_ir,
            options.debug_info,
            &mut (),
        )
    }

    /// [`Compiler::compile_specializing`], keeping the buffers whatever the
    /// size.
    fn specializing(
        &mut self,
        source: &str,
        options: &Options,
        specializations: &[Specialization<'_>],
    ) -> Result<Program, SpecializingError> {
        let mut module = self
            .front_end(source, options, &mut ())
            .map_err(SpecializingError::Source)?;
        for (index, s) in specializations.iter().enumerate() {
            let refused = |error| SpecializingError::Specialize { index, error };
            let func = module.function_id(s.general).ok_or_else(|| {
                refused(specialize::SpecializeError::NoFunctionNamed(
                    s.general.into(),
                ))
            })?;
            // A builtin's name is the program's to take, as a `def` may
            // (`max`), but for those `for` loops name.
            let builtin = frontend::builtin::Builtin::from_name(s.name);
            let bad_name = if module.hosts.iter().any(|h| h.name == s.name) {
                Some("is the name of a host function")
            } else if builtin.is_some_and(|b| !b.can_be_shadowed()) {
                Some("is the name `for` loops use")
            } else {
                frontend::check::name_problem(s.name)
            };
            if let Some(why) = bad_name {
                let name = s.name.into();
                return Err(refused(specialize::SpecializeError::BadName { name, why }));
            }
            specialize::specialize_into(&mut module, func, s.fixed, s.name).map_err(refused)?;
        }
        self.optimized_to_program(module, options, &mut ())
            .map_err(SpecializingError::Backend)
    }

    /// Frees every buffer after a compile of `size` bytes of source (or
    /// values of IR) beyond what a context keeps.
    fn keep_or_free(&mut self, size: usize) {
        if size > KEEP_FOR_SOURCE {
            *self = Compiler::default();
        }
    }
}

/// How many values the functions of `module` have together: the size of
/// a compile from IR.
fn values(module: &ir::Module) -> usize {
    module.functions.iter().map(|f| f.values.len()).sum()
}

/// The checked verifier's verdict as a compile error.
fn verify_checked(module: &ir::Module) -> Result<(), CompileError> {
    ir::verify::verify_checked(module)
        .map_err(|e| CompileError::new(Span::new(0, 0), format!("invalid IR: {e}")))
}
