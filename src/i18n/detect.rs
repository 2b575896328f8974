//! Guessing a reporter's language from her first message, only when the guess is reliable.
//!
//! whatlang runs over the supported languages only (over all seventy, Spanish loses confidence
//! to Portuguese, Galician and Catalan and is rarely "reliable"). A guess that is unreliable,
//! or a message of one or two words, yields `None` and the reporter gets the language menu.

use crate::domain::Lang;

/// Locale code → whatlang language, for the languages whatlang knows.
fn whatlang_of(lang: &Lang) -> Option<whatlang::Lang> {
    use whatlang::Lang as W;
    Some(match lang.as_str() {
        "es" => W::Spa,
        "en" => W::Eng,
        "fr" => W::Fra,
        "pt" => W::Por,
        "ar" => W::Ara,
        "de" => W::Deu,
        "it" => W::Ita,
        "ru" => W::Rus,
        "hi" => W::Hin,
        "bn" => W::Ben,
        "zh" => W::Cmn,
        "pa" => W::Pan,
        "uk" => W::Ukr,
        "tr" => W::Tur,
        _ => return None,
    })
}

/// The supported language the text is reliably written in, if any.
pub fn detect(text: &str, supported: &[Lang]) -> Option<Lang> {
    // One or two words ("hola", "help me") are too short to tell reliably.
    if text.split_whitespace().count() < 3 {
        return None;
    }
    let allow: Vec<whatlang::Lang> = supported.iter().filter_map(whatlang_of).collect();
    if allow.is_empty() {
        return None;
    }
    let info = whatlang::Detector::with_allowlist(allow).detect(text)?;
    if !info.is_reliable() {
        return None;
    }
    supported
        .iter()
        .find(|l| whatlang_of(l) == Some(info.lang()))
        .cloned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn langs() -> Vec<Lang> {
        ["es", "en"]
            .iter()
            .filter_map(|l| Lang::parse(l).ok())
            .collect()
    }

    #[test]
    fn clear_sentences_are_detected() {
        let es = detect(
            "Los agentes de migración me quitaron el dinero en el retén de Huixtla",
            &langs(),
        );
        assert_eq!(es.as_ref().map(Lang::as_str), Some("es"));
        let en = detect(
            "The immigration officers took my money and my passport at the checkpoint",
            &langs(),
        );
        assert_eq!(en.as_ref().map(Lang::as_str), Some("en"));
        for es in [
            "El agente Pérez del INM me pidió 5000 pesos en la garita de Huixtla para dejarme pasar",
            "Los policías municipales me detuvieron y me quitaron mi mochila sin razón alguna",
        ] {
            assert_eq!(
                detect(es, &langs()).map(|l| l.to_string()).as_deref(),
                Some("es"),
                "{es}"
            );
        }
    }

    #[test]
    fn short_or_unsupported_text_is_not_guessed() {
        assert_eq!(detect("hola", &langs()), None);
        assert_eq!(detect("1", &langs()), None);
        assert_eq!(
            detect(
                "Die Polizei hat mir an der Kontrolle das Geld weggenommen",
                &langs()
            ),
            None
        );
    }
}
