//! Folding typed text to a comparable form: lower case, accents gone. Every place that
//! matches what a person typed (command words, menu labels, state names, language hints, the
//! migration-authority check) folds with these, so "Chiapas", "CHIAPAS" and "chiápas" agree.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Lower case without accents, digits in ASCII: "Estádo ١٢" → "estado 12".
pub fn fold(text: &str) -> String {
    text.nfd()
        .filter(|c| !is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .map(|c| ascii_digit(c).unwrap_or(c))
        .collect()
}

/// A decimal digit as people on the route type it — ASCII, Arabic-Indic (٠–٩), Eastern
/// Arabic-Indic as in Persian and Urdu (۰–۹), or fullwidth (０–９) — as its ASCII digit.
pub fn ascii_digit(c: char) -> Option<char> {
    let zero = match c {
        '0'..='9' => return Some(c),
        '\u{0660}'..='\u{0669}' => '\u{0660}',
        '\u{06F0}'..='\u{06F9}' => '\u{06F0}',
        '\u{FF10}'..='\u{FF19}' => '\u{FF10}',
        _ => return None,
    };
    char::from_digit(u32::from(c) - u32::from(zero), 10)
}

/// `text` with every digit [in ASCII](ascii_digit), the rest as written.
pub fn ascii_digits(text: &str) -> String {
    text.chars().map(|c| ascii_digit(c).unwrap_or(c)).collect()
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
        assert_eq!(fold("ESTADO ١٢٣٤ ۵۶۷۸ ９０"), "estado 1234 5678 90");
        assert_eq!(ascii_digits("١٠ a ۹"), "10 a 9");
        assert_eq!(ascii_digit('x'), None);
    }
}
