//! The random source of every generated test: one type, two algorithms.
//!
//! A seed names the programs a test covers (a failure prints its seed, and
//! `--seed` runs it again), so each generator keeps the algorithm it was
//! written with: the random programs ([`crate::gen`], [`crate::ir_gen`],
//! [`crate::fuzz`]) and the hostile inputs draw from xorshift64*, the
//! random buffer programs ([`crate::buffers`]) from xorshift64. What is
//! drawn from the bits (`below`, `pick`, ...) is the same for both.

/// Multiplying a seed by this spreads neighbouring seeds far apart.
const SPREAD: u64 = 0x9E37_79B9_7F4A_7C15;

/// A generator's algorithm.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Algorithm {
    /// Marsaglia's xorshift64 (shifts 13, 7, 17); the output is the state.
    XorShift64,
    /// xorshift64* (shifts 12, 25, 27); the output is the state times a
    /// constant.
    XorShift64Star,
}

/// A small deterministic random source: the same seed gives the same
/// sequence.
#[derive(Clone, Debug)]
pub struct Rng {
    state: u64,
    algorithm: Algorithm,
}

impl Rng {
    /// The random programs' generator for `seed` (any value, 0 included):
    /// xorshift64* from the spread seed, two draws discarded so that
    /// neighbouring seeds start far apart.
    pub fn new(seed: u64) -> Rng {
        let mut rng = Rng::with_state(Algorithm::XorShift64Star, seed.wrapping_mul(SPREAD) | 1);
        rng.next_u64();
        rng.next_u64();
        rng
    }

    /// `algorithm` from `seed` (any value) spread, with no draw discarded.
    pub fn spread(algorithm: Algorithm, seed: u64) -> Rng {
        Rng::with_state(algorithm, seed.wrapping_mul(SPREAD) | 1)
    }

    /// `algorithm` starting at `state` exactly (not 0: a zero state stays
    /// zero).
    pub fn with_state(algorithm: Algorithm, state: u64) -> Rng {
        Rng { state, algorithm }
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        match self.algorithm {
            Algorithm::XorShift64 => {
                self.state ^= self.state << 13;
                self.state ^= self.state >> 7;
                self.state ^= self.state << 17;
                self.state
            }
            Algorithm::XorShift64Star => {
                self.state ^= self.state >> 12;
                self.state ^= self.state << 25;
                self.state ^= self.state >> 27;
                self.state.wrapping_mul(0x2545_F491_4F6C_DD1D)
            }
        }
    }

    /// A number in `0..n` (n > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    /// A number in `lo..=hi`.
    pub fn range(&mut self, lo: i64, hi: i64) -> i64 {
        lo + self.below((hi - lo + 1) as usize) as i64
    }

    /// True with probability `percent`/100.
    pub fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    /// One of `items`.
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    /// An index chosen with the given weights (not all zero).
    pub fn weighted(&mut self, weights: &[usize]) -> usize {
        let mut r = self.below(weights.iter().sum());
        for (i, &w) in weights.iter().enumerate() {
            if r < w {
                return i;
            }
            r -= w;
        }
        unreachable!("weights sum to more than the draw")
    }
}
