//! Control-flow order and dominators (stub: to be written).
