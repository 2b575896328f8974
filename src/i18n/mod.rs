//! User-facing text: Fluent catalogues loaded from `locales/<lang>/*.ftl`, and language detection.
//!
//! No other module writes words a reporter reads; they name message ids and this module renders
//! them. Spanish is the fallback for any message a locale lacks.

mod catalog;
mod detect;
pub mod ids;

pub use catalog::{Arg, Catalog, I18nError, Text};
pub use detect::detect;
