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

/// The compiled-in catalogue is the whole `locales/` folder; a folder named in the settings
/// replaces it.
#[test]
fn the_catalogue_is_compiled_in_and_a_folder_overrides_it() {
    let embedded = Catalog::embedded_or(None).expect("compiled in");
    let folder = catalog();
    assert_eq!(embedded.languages(), folder.languages());
    for lang in folder.languages() {
        assert_eq!(
            embedded.message_ids(lang),
            folder.message_ids(lang),
            "{lang}"
        );
    }
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::create_dir(dir.path().join("es")).expect("es");
    std::fs::write(
        dir.path().join("es/main.ftl"),
        "language-name = Español\nbye = Hasta pronto (prueba)\n",
    )
    .expect("ftl");
    let tried = Catalog::embedded_or(Some(dir.path())).expect("override");
    assert_eq!(tried.get(&Lang::spanish(), "bye"), "Hasta pronto (prueba)");
    assert_eq!(tried.languages(), [Lang::spanish()]);
    assert!(Catalog::embedded_or(Some(&dir.path().join("missing"))).is_err());
}

/// A receipt in a right-to-left locale keeps its digits in order: on a line of its own,
/// isolated left-to-right, as is the STATUS command to type back.
#[test]
fn an_arabic_receipt_keeps_its_digits_in_order() {
    use super::Text;
    let cat = catalog();
    let ar = Lang::parse("ar").expect("ar");
    for id in ["done", "assisted-receipt"] {
        let text = cat.render(
            &ar,
            &Text::msg(id)
                .with_str("receipt", "1234 5678 9012 3456")
                .with_str("receipt_digits", "1234567890123456")
                .with_str("where", "Buzón (SMS +52 55 1234 5678)"),
        );
        assert!(
            text.contains("\n\u{2066}1234 5678 9012 3456\u{2069}\n"),
            "{id}: {text:?}"
        );
        assert!(
            text.contains("\u{2066}STATUS 1234567890123456\u{2069}"),
            "{id}: {text:?}"
        );
        assert!(
            text.contains("\u{2066}Buzón (SMS +52 55 1234 5678)\u{2069}"),
            "{id}: {text:?}"
        );
    }
}
