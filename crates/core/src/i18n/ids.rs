//! The message ids code names, one constant each (`ids::ASSISTED_RECEIPT` is
//! `"assisted-receipt"`), generated at build time from `locales/es`, the reference locale.
//! An id with no Spanish message has no constant, so code that names it does not build:
//!
//! ```
//! assert_eq!(buzon_core::i18n::ids::ASSISTED_RECEIPT, "assisted-receipt");
//! ```
//!
//! ```compile_fail
//! let _ = buzon_core::i18n::ids::NO_SUCH_MESSAGE;
//! ```
//!
//! Ids made at run time (a code's label, `help-<step>`) are checked by the locale tests.

include!(concat!(env!("OUT_DIR"), "/message_ids.rs"));

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use crate::domain::Lang;
    use crate::i18n::Catalog;

    /// The build script's reading of `locales/es` agrees with Fluent's: the same ids, no more,
    /// no fewer.
    #[test]
    fn the_constants_are_exactly_the_spanish_messages() {
        let root = crate::repo_root().join("locales");
        let cat = Catalog::load(&root).expect("locales load");
        let spanish = cat.message_ids(&Lang::spanish()).expect("Spanish");
        let constants: BTreeSet<String> = super::ALL.iter().map(|s| (*s).to_owned()).collect();
        assert_eq!(&constants, spanish);
        assert_eq!(super::ASSISTED_RECEIPT, "assisted-receipt");
    }
}
