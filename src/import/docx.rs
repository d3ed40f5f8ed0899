//! stub
use super::{ImportError, Imported};
pub fn parse(_b: &[u8]) -> Result<Imported, ImportError> {
    Err(ImportError::NotAReport)
}
