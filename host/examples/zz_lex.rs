use host as _;
fn main() {
    let path = std::env::args().nth(1).unwrap();
    let n: usize = std::env::args()
        .nth(2)
        .map_or(20000, |s| s.parse().unwrap());
    let source = std::fs::read_to_string(path).unwrap();
    let t = std::time::Instant::now();
    let mut k = 0;
    for _ in 0..n {
        k += minijit::frontend::lexer::tokenize(&source).unwrap().len();
    }
    println!(
        "lex {:.2} µs ({k})",
        t.elapsed().as_secs_f64() * 1e6 / n as f64
    );
    let tokens = minijit::frontend::lexer::tokenize(&source).unwrap();
    let t = std::time::Instant::now();
    for _ in 0..n {
        std::hint::black_box(minijit::frontend::parser::parse(&source, &tokens).unwrap());
    }
    println!("parse {:.2} µs", t.elapsed().as_secs_f64() * 1e6 / n as f64);
}
