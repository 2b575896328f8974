//! User-facing text: Fluent catalogues loaded from `locales/<lang>/*.ftl`, language detection,
//! and the folding every match of typed text goes through.
//!
//! No other module writes words a reporter reads; they name message ids and this module renders
//! them. Spanish is the fallback for any message a locale lacks.

mod catalog;
mod detect;
mod fold;
pub mod ids;
#[cfg(test)]
mod tests;

pub use catalog::{Arg, Catalog, I18nError, Text};
pub use detect::detect;
pub use fold::{ascii_digit, ascii_digits, fold, fold_words};
