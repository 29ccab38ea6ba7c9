//! The embedding example (`host/examples/embed.rs`) runs and its checks
//! hold: the README points users at it, so it must keep working.

#[path = "../examples/embed.rs"]
mod embed;

#[test]
fn the_embedding_example_runs() {
    embed::main();
}
