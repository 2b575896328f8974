//! Guessing a reporter's language from her first message, only when the guess is reliable.
//!
//! Three checks, in order:
//! 1. a Kreyòl word list (whatlang does not know Haitian Creole and reads it as French);
//! 2. whatlang over the supported languages only (over all seventy, Spanish loses confidence to
//!    Portuguese, Galician and Catalan and is rarely "reliable"), its first guess kept unless its
//!    confidence is near zero;
//! 3. short function-word lists that settle close pairs (Spanish/Portuguese, English/French).
//!
//! A message of one or two words, or one whatlang cannot place at all, yields `None` and the
//! reporter gets the language menu; a wrong guess costs one keystroke (consent's option 2, or
//! `IDIOMA`/`LANGUAGE` at any step). The labelled corpus in `tests/corpus/detect.tsv` holds the
//! accuracy above 90% per language.

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

/// Words that mark Haitian Creole and are not ordinary words of French, Spanish, Portuguese
/// or English (written without accents, as typed on phones). whatlang does not know Kreyòl and
/// reads it as French.
const KREYOL_STRONG: &[&str] = &[
    "mwen",
    "m",
    "kounye",
    "kounya",
    "yon",
    "ak",
    "pou",
    "fe",
    "gen",
    "genyen",
    "konn",
    "konnen",
    "anpil",
    "lajan",
    "vole",
    "frape",
    "lapolis",
    "tanpri",
    "mesi",
    "pitit",
    "timoun",
    "bagay",
    "kijan",
    "poukisa",
    "kisa",
    "kob",
    "pran",
    "anko",
    "selman",
    "paske",
    "nou",
    "map",
    "mpa",
    "migrasyon",
    "manje",
    "kote",
    "bezwen",
    "moun",
    "ofisye",
    "kidnape",
    "ede",
    "pase",
    "fwontye",
    "lakay",
    "youn",
    "yoan",
    "epi",
    "tou",
    "sou",
    "nan",
    "ki",
    "li",
    "yo",
    "pa",
    "te",
    "sa",
    "se",
    "vin",
    "ale",
    "rive",
    "di",
    "bay",
    "mete",
    "lanmo",
    "touye",
    "bat",
    "chire",
    "kache",
    "dokiman",
    "paspo",
    "telefon",
    "lari",
    "tren",
    "soldat",
    "gad",
    "polis",
    "solda",
    "deyo",
];
/// Of those, the ones Spanish or French writers also type ("yo", "te", "sa"…): they count only
/// beside an unambiguous marker.
const KREYOL_SHARED: &[&str] = &[
    "yo", "te", "pa", "sa", "se", "ki", "li", "nan", "di", "bay", "tou", "sou", "vin", "ale",
    "polis", "tren", "bat", "pase", "m",
];

/// Whether a message is most likely Kreyòl: at least two unambiguous markers, or one beside
/// two shared ones.
fn looks_kreyol(text: &str) -> bool {
    let folded = super::fold(text);
    let tokens: Vec<&str> = folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|t| !t.is_empty())
        .collect();
    let (mut strong, mut shared) = (0usize, 0usize);
    for t in &tokens {
        if KREYOL_SHARED.contains(t) {
            shared += 1;
        } else if KREYOL_STRONG.contains(t) {
            strong += 1;
        }
    }
    strong >= 2 || (strong >= 1 && shared >= 2)
}

/// The supported language the text is reliably written in, if any.
pub fn detect(text: &str, supported: &[Lang]) -> Option<Lang> {
    // One or two words ("hola", "help me") are too short to tell reliably.
    if text.split_whitespace().count() < 3 {
        return None;
    }
    if let Some(ht) = supported.iter().find(|l| l.as_str() == "ht")
        && looks_kreyol(text)
    {
        return Some(ht.clone());
    }
    let allow: Vec<whatlang::Lang> = supported.iter().filter_map(whatlang_of).collect();
    if allow.is_empty() {
        return None;
    }
    let info = whatlang::Detector::with_allowlist(allow).detect(text)?;
    // Over a handful of languages whatlang's first guess is nearly always right even when it
    // does not call itself "reliable"; a guess with almost no confidence is left to the menu.
    if !info.is_reliable() && info.confidence() < MIN_CONFIDENCE {
        return None;
    }
    let guess = supported
        .iter()
        .find(|l| whatlang_of(l) == Some(info.lang()))?;
    // Close languages (Spanish and Portuguese above all) are settled by their function words.
    let tokens = tokens(text);
    let score = |l: &Lang| {
        markers(l).map_or(0, |m| {
            tokens.iter().filter(|t| m.contains(&t.as_str())).count()
        })
    };
    let best = supported
        .iter()
        .filter(|l| markers(l).is_some())
        .max_by_key(|l| score(l))
        .filter(|l| score(l) >= score(guess) + 2);
    Some(best.unwrap_or(guess).clone())
}

/// Below this confidence an unreliable whatlang guess is not used.
const MIN_CONFIDENCE: f64 = 0.1;

fn tokens(text: &str) -> Vec<String> {
    super::fold(text)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|t| !t.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Short, frequent words that tell close languages apart (written without accents, as phones
/// often send them). Words two of these languages share are left out.
fn markers(lang: &Lang) -> Option<&'static [&'static str]> {
    Some(match lang.as_str() {
        "es" => &[
            "el", "los", "las", "y", "que", "q", "mi", "mis", "nos", "del", "al", "una", "pero",
            "muy", "hay", "estoy", "estan", "necesito", "ayuda", "hermano", "hermana", "hola",
            "buenas", "dinero", "quiero", "tengo", "soy", "ellos", "esposa", "esposo", "donde",
            "cuando", "pidieron", "llevaron", "cobrando", "dejarnos", "nosotros", "porque", "hijo",
        ],
        "pt" => &[
            "nao", "meu", "minha", "meus", "voce", "vc", "ajuda", "pra", "ta", "estou", "ele",
            "ela", "eles", "com", "um", "uma", "nos", "gente", "dinheiro", "roubaram", "obrigado",
            "oi", "ola", "sao", "tambem", "isso", "aqui", "agora", "marido", "mulher", "trem",
            "estamos", "numa", "fiquei", "pegou", "sumiu", "faz", "tres", "pq",
        ],
        "en" => &[
            "the", "and", "i", "im", "my", "we", "us", "they", "to", "of", "at", "was", "were",
            "took", "want", "help", "our", "their", "with", "because", "writing", "please",
        ],
        "fr" => &[
            "le", "les", "des", "je", "j", "nous", "pas", "et", "est", "mon", "ma", "mes", "ils",
            "elle", "avec", "dans", "sur", "aide", "argent", "bonjour", "au", "aux", "ont",
        ],
        _ => return None,
    })
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
    fn kreyol_is_told_from_french_and_spanish() {
        let mut l = langs();
        l.push(Lang::parse("ht").expect("ht"));
        l.push(Lang::parse("fr").expect("fr"));
        let d = |t| detect(t, &l).map(|l| l.to_string());
        assert_eq!(
            d("Lapolis la pran tout lajan mwen nan tren an").as_deref(),
            Some("ht")
        );
        assert_eq!(d("mwen bezwen ed, yo frape m").as_deref(), Some("ht"));
        assert_eq!(
            d("Yo te estaba en el tren cuando la policía me pidió dinero").as_deref(),
            Some("es")
        );
        assert_eq!(
            d("La police nous a pris tout notre argent à la frontière hier soir").as_deref(),
            Some("fr")
        );
    }

    #[test]
    fn short_or_unsupported_text_is_not_guessed() {
        assert_eq!(detect("hola", &langs()), None);
        assert_eq!(detect("1", &langs()), None);
    }

    /// The labelled corpus in `tests/corpus/detect.tsv` (written for this test: realistic
    /// complaint openings, 3-25 words): each supported language must be recognised in at
    /// least 90% of its messages. A miss counts whether it is a wrong guess or no guess.
    #[test]
    fn detection_accuracy_is_at_least_90_percent_per_language() {
        let root = crate::repo_root();
        let catalog = crate::i18n::Catalog::load(&root.join("locales")).expect("locales");
        let full: Vec<Lang> = catalog
            .languages()
            .iter()
            .filter(|l| !catalog.is_partial(l))
            .cloned()
            .collect();
        let corpus = std::fs::read_to_string(root.join("tests/corpus/detect.tsv")).expect("corpus");
        let mut tally: std::collections::BTreeMap<String, (usize, usize, Vec<String>)> =
            std::collections::BTreeMap::new();
        for line in corpus
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        {
            let (lang, text) = line.split_once('\t').expect("lang<TAB>text");
            let got = detect(text, &full).map(|l| l.to_string());
            let entry = tally.entry(lang.to_owned()).or_default();
            entry.1 += 1;
            if got.as_deref() == Some(lang) {
                entry.0 += 1;
            } else {
                entry.2.push(format!("{got:?} <- {text}"));
            }
        }
        for lang in &full {
            let (ok, n, misses) = tally.get(lang.as_str()).cloned().unwrap_or_default();
            assert!(
                n >= 30,
                "{lang}: the corpus needs at least 30 messages, has {n}"
            );
            let accuracy = ok as f64 / n as f64;
            println!("{lang}: {ok}/{n} = {:.0}%", accuracy * 100.0);
            assert!(
                accuracy >= 0.9,
                "{lang}: {ok}/{n} detected; misses:\n{}",
                misses.join("\n")
            );
        }
    }
}
