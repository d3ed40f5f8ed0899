//! stub
use super::{ImportError, Imported};
pub fn sniff(_b: &[u8]) -> Result<Imported, ImportError> {
    Err(ImportError::NotAReport)
}
