//! nianbao (年报): the 政府信息公开工作年度报告 in the national format (国办公开办函〔2021〕30号).
//!
//! The core is pure and knows nothing of the browser: [`form`] describes the template,
//! [`report`] holds what the user gave, [`json`] reads and writes the data contract, and
//! [`rules`] checks it, [`aggregate`] sums many organs' reports,
//! [`summary`] checks, sums and compares a whole folder of them, [`export`] writes the finished
//! report, [`draft`] edits it as the page does (history, paste, moves). The CLI (`src/cli.rs`)
//! and the web app ([`app`], wasm only) are shells.

pub mod aggregate;
pub mod draft;
pub mod export;
pub mod form;
pub mod furniture;
pub mod grid;
pub mod import;
pub mod json;
pub mod limits;
pub mod narrative_gen;
#[cfg(any(not(target_arch = "wasm32"), feature = "ocr-reader"))]
pub mod ocr;
pub mod report;
pub mod rules;
pub mod selfcheck;
pub mod similarity;
pub mod summary;
pub mod words;

#[cfg(target_arch = "wasm32")]
pub mod app;
