//! stub
use super::{ImportError, Imported};
pub fn parse(t: &str) -> Result<Imported, ImportError> {
    super::text::parse(t)
}
