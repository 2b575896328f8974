//! Every complete locale has every message Spanish has, and no id Spanish lacks.

use std::collections::BTreeSet;

use super::Catalog;
use crate::domain::Lang;

/// Messages a locale may define beyond the Spanish set, or may leave out.
const OPTIONAL: &[&str] = &["locale-order", "locale-coverage", "greeting"];

/// `locales/`, or the folder in `BUZON_LOCALES_DIR` (a translator checking a draft).
fn catalog() -> Catalog {
    let dir = std::env::var_os("BUZON_LOCALES_DIR")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| crate::repo_root().join("locales"));
    Catalog::load(&dir).unwrap_or_else(|e| panic!("locales load: {e}"))
}

#[test]
fn every_locale_has_every_message() {
    let cat = catalog();
    let es = cat
        .message_ids(&Lang::spanish())
        .cloned()
        .unwrap_or_default();
    let required: BTreeSet<&String> = es
        .iter()
        .filter(|id| !OPTIONAL.contains(&id.as_str()))
        .collect();
    assert!(
        required.len() > 50,
        "the Spanish catalogue is the reference"
    );
    for lang in cat.languages() {
        let ids = cat.message_ids(lang).cloned().unwrap_or_default();
        if cat.is_partial(lang) {
            for id in ["language-name", "greeting", "locale-coverage"] {
                assert!(ids.contains(id), "partial locale {lang} lacks {id}");
            }
            continue;
        }
        let missing: Vec<_> = required
            .iter()
            .filter(|id| !ids.contains(id.as_str()))
            .collect();
        assert!(missing.is_empty(), "locale {lang} lacks {missing:?}");
        let extra: Vec<_> = ids
            .iter()
            .filter(|id| !es.contains(*id) && !OPTIONAL.contains(&id.as_str()))
            .collect();
        assert!(
            extra.is_empty(),
            "locale {lang} has ids Spanish lacks (typos?): {extra:?}"
        );
    }
}
