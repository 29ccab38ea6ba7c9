//! The command-line flags the differential runners share.

use std::path::PathBuf;

/// Which programs a run checks, how many at once, and where failures go.
#[derive(clap::Args, Debug)]
pub struct RunArgs {
    /// The first program's seed: program `i` is generated from `SEED + i`.
    #[arg(long, default_value_t = 0)]
    pub seed: u64,
    /// How many programs to check.
    #[arg(long, default_value_t = 1000)]
    pub count: u64,
    /// Worker threads (at least one).
    #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u64).range(1..))]
    pub jobs: u64,
    /// Where failing programs are saved (the runner's own directory under
    /// `target/` if not given).
    #[arg(long)]
    pub save: Option<PathBuf>,
}

impl RunArgs {
    /// The directory failures go to: `--save`, or `default`.
    pub fn save_dir(&self, default: &str) -> PathBuf {
        self.save.clone().unwrap_or_else(|| PathBuf::from(default))
    }

    /// The number of worker threads.
    pub fn jobs(&self) -> usize {
        self.jobs as usize
    }
}
