//! The IR text form (stub: to be written).
