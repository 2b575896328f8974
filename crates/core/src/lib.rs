//! Buzón's pure core: what a complaint is, how the conversation goes, where a case is routed
//! and the words it is told in. Nothing here does network or database I/O or knows a provider:
//! this crate cannot depend on an HTTP, database or bot framework (see `Cargo.toml`), so the
//! compiler keeps the layering, and the fuzz targets build against it alone.
//!
//! - [`domain`]: newtypes parsed at the edge (codes, receipt, org ids, the sealed complaint).
//! - [`intake`]: the conversation, a pure state machine, and the assisted-filing rules every
//!   edge takes from it.
//! - [`routing`]: `config/routing.toml`, refusing any migration authority; its check.
//! - [`i18n`]: Fluent catalogues from `locales/`, language detection, text folding, and a
//!   constant per Spanish message id (code naming an unknown id does not compile).

pub mod domain;
pub mod i18n;
pub mod intake;
pub mod routing;

#[cfg(test)]
mod layering;

/// The repository's top folder (for tests that read `locales/` and `config/`).
#[cfg(test)]
pub(crate) fn repo_root() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}
