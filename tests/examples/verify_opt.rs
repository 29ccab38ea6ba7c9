//! Compiles each file given, optimizes it and verifies after every pass
//! (a debugging aid: `cargo run -p minijit-tests --example verify_opt FILE...`).
fn main() {
    for path in std::env::args().skip(1) {
        let source = std::fs::read_to_string(&path).unwrap();
        let mut module = minijit::compile_to_ir(&source, &Default::default()).unwrap();
        let mut analyses = minijit::opt::ModuleAnalyses::default();
        for pass in minijit::opt::PASSES {
            minijit::opt::run_pass_with(&mut module, pass, &mut analyses);
            if let Err(e) = minijit::ir::verify::verify(&module) {
                println!("{path}: after {pass}: {e}");
                if std::env::var_os("DUMP").is_some() {
                    println!("{module}");
                }
                break;
            }
        }
    }
}
