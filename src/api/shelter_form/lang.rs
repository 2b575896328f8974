//! Which language a page is in: the `lang` asked for (a query or a form field), else the
//! browser's `Accept-Language`, else Spanish — always one of the complete locales.

use axum::http::{HeaderMap, header};

use crate::domain::Lang;
use crate::i18n::Catalog;

/// The complete locales, in menu order: the languages a page can be in.
pub(super) fn page_languages(catalog: &Catalog) -> Vec<Lang> {
    catalog
        .languages()
        .iter()
        .filter(|l| !catalog.is_partial(l))
        .cloned()
        .collect()
}

/// The page's language.
pub(super) fn choose(catalog: &Catalog, asked: Option<&str>, headers: &HeaderMap) -> Lang {
    let complete = |l: &Lang| catalog.supports(l) && !catalog.is_partial(l);
    if let Some(l) = asked.and_then(|a| Lang::parse(a).ok()).filter(complete) {
        return l;
    }
    accept_language(headers)
        .into_iter()
        .find(complete)
        .unwrap_or_else(Lang::spanish)
}

/// The languages of `Accept-Language`, most wanted first (`fr-CA;q=0.8` counts as `fr`).
fn accept_language(headers: &HeaderMap) -> Vec<Lang> {
    let Some(value) = headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
    else {
        return Vec::new();
    };
    let mut tags: Vec<(u16, Lang)> = value
        .split(',')
        .take(20)
        .filter_map(|item| {
            let mut parts = item.split(';');
            let tag = parts.next()?.trim();
            let primary = tag.split('-').next()?.to_ascii_lowercase();
            let q = parts
                .filter_map(|p| p.trim().strip_prefix("q="))
                .find_map(|q| q.trim().parse::<f32>().ok())
                .unwrap_or(1.0);
            let lang = Lang::parse(&primary).ok()?;
            // q is 0..=1 with at most three decimals.
            Some(((q.clamp(0.0, 1.0) * 1000.0) as u16, lang))
        })
        .filter(|(q, _)| *q > 0)
        .collect();
    tags.sort_by_key(|t| std::cmp::Reverse(t.0));
    tags.into_iter().map(|(_, l)| l).collect()
}

/// `rtl` for scripts written right to left.
pub(super) fn dir(lang: &Lang) -> &'static str {
    match lang.as_str() {
        "ar" | "fa" | "ur" | "he" | "ps" => "rtl",
        _ => "ltr",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accept_language_is_read_by_preference() {
        let mut h = HeaderMap::new();
        h.insert(
            header::ACCEPT_LANGUAGE,
            "de-DE, fr-CA;q=0.9, en;q=0.95, *;q=0.1"
                .parse()
                .expect("header"),
        );
        let got: Vec<String> = accept_language(&h)
            .iter()
            .map(|l| l.as_str().to_owned())
            .collect();
        assert_eq!(got, ["de", "en", "fr"]);
    }
}
