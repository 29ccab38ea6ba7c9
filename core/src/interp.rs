//! The reference interpreter (stub: to be written).
