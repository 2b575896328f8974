//! Folding typed text to a comparable form: lower case, accents gone. Every place that
//! matches what a person typed (command words, menu labels, state names, language hints, the
//! migration-authority check) folds with these, so "Chiapas", "CHIAPAS" and "chiápas" agree.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Lower case without accents: "Estádo" → "estado".
pub fn fold(text: &str) -> String {
    text.nfd()
        .filter(|c| !is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .collect()
}

/// [`fold`], then only letters, digits and `-`, as words separated by single spaces:
/// " San  Luis-Potosí! " → "san luis-potosi".
pub fn fold_words(text: &str) -> String {
    let folded: String = fold(text)
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' {
                c
            } else {
                ' '
            }
        })
        .collect();
    folded.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_drops_case_and_accents_and_keeps_other_scripts() {
        assert_eq!(fold("ESTÁDO"), "estado");
        assert_eq!(fold("Ñandú"), "nandu");
        assert_eq!(fold("İNM"), "inm");
        assert_eq!(fold("حالة"), "حالة");
        assert_eq!(fold_words("  San  Luis-Potosí! "), "san luis-potosi");
        assert_eq!(fold_words("¿?"), "");
    }
}
