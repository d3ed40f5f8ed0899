//! The fuzz targets' bodies live in `targets.rs`, which `tests/bad_input.rs` also includes to
//! replay the kept corpus on stable.
pub mod targets;
