//! SMS cost: rendering replies as plain text, folding accents into GSM-7 where that is all that
//! stands in the way, and counting segments.
//!
//! GSM-7 carries 160 characters in one SMS and 153 per part of a longer one; a single character
//! outside it turns the whole message into UCS-2, 70 characters (67 per part, UTF-16 units).

use crate::domain::Lang;
use crate::i18n::Catalog;
use crate::intake::Reply;

/// The GSM 03.38 basic character set.
const GSM7_BASIC: &str = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?\
¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
/// The extension table: each costs two septets (escape + character).
const GSM7_EXT: &str = "^{}\\[~]|€\u{c}";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Gsm7,
    Ucs2,
}

/// How a message travels and what it costs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Segments {
    pub encoding: Encoding,
    /// Septets (GSM-7) or UTF-16 units (UCS-2).
    pub units: usize,
    pub count: usize,
}

pub fn segments(text: &str) -> Segments {
    let gsm: Option<usize> = text
        .chars()
        .map(|c| {
            if GSM7_BASIC.contains(c) {
                Some(1)
            } else if GSM7_EXT.contains(c) {
                Some(2)
            } else {
                None
            }
        })
        .sum();
    let (encoding, units, single, part) = match gsm {
        Some(septets) => (Encoding::Gsm7, septets, 160, 153),
        None => (Encoding::Ucs2, text.encode_utf16().count(), 70, 67),
    };
    let count = if units <= single {
        1
    } else {
        units.div_ceil(part)
    };
    Segments {
        encoding,
        units,
        count,
    }
}

/// Replaces characters outside GSM-7 that have a plain, readable form (á → a, ¨ quotes → ") so
/// that a message whose only obstacle was an accent travels as GSM-7. A message with anything
/// that cannot be folded (Arabic, emoji) is returned unchanged: it goes as UCS-2 and reads right.
pub fn fold_to_gsm7(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if GSM7_BASIC.contains(c) || GSM7_EXT.contains(c) {
            out.push(c);
            continue;
        }
        let folded = match c {
            'á' | 'â' | 'ã' => "a",
            'Á' | 'À' | 'Â' | 'Ã' => "A",
            'ê' | 'ë' => "e",
            'È' | 'Ê' | 'Ë' => "E",
            'í' | 'î' | 'ï' => "i",
            'Í' | 'Ì' | 'Î' | 'Ï' => "I",
            'ó' | 'ô' | 'õ' => "o",
            'Ó' | 'Ò' | 'Ô' | 'Õ' => "O",
            'ú' | 'û' => "u",
            'Ú' | 'Ù' | 'Û' => "U",
            'ç' => "c",
            'œ' => "oe",
            'Œ' => "OE",
            'ÿ' => "y",
            '‘' | '’' | 'ʼ' | '´' | '`' => "'",
            '“' | '”' | '«' | '»' => "\"",
            '–' | '—' => "-",
            '…' => "...",
            '\u{a0}' => " ",
            _ => return text.to_owned(),
        };
        out.push_str(folded);
    }
    out
}

/// Renders replies as one SMS text: each reply's text, its menu as `key label` lines, its
/// footer; replies separated by a blank line; folded to GSM-7 where possible. (What a phone
/// shows in all; [`render_messages`] is how it travels.)
pub fn render(catalog: &Catalog, lang: &Lang, replies: &[Reply]) -> String {
    render_messages(catalog, lang, replies).join("\n\n")
}

/// The SMS messages for `replies`: consecutive replies share one message, except a reply
/// marked [`Reply::alone`], which travels as its own.
pub fn render_messages(catalog: &Catalog, lang: &Lang, replies: &[Reply]) -> Vec<String> {
    let one = |r: &Reply| {
        let mut lines = vec![catalog.render(lang, &r.text)];
        for choice in &r.menu {
            lines.push(format!(
                "{} {}",
                choice.key,
                catalog.render(lang, &choice.label)
            ));
        }
        for footer in &r.footer {
            lines.push(catalog.render(lang, footer));
        }
        lines.join("\n")
    };
    let mut messages: Vec<Vec<String>> = Vec::new();
    let mut joinable = false;
    for r in replies {
        match messages.last_mut() {
            Some(current) if joinable && !r.alone => current.push(one(r)),
            _ => messages.push(vec![one(r)]),
        }
        joinable = !r.alone;
    }
    messages
        .into_iter()
        .map(|parts| fold_to_gsm7(&parts.join("\n\n")))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gsm7_and_ucs2_segments_are_counted() {
        assert_eq!(segments(&"a".repeat(160)).count, 1);
        assert_eq!(segments(&"a".repeat(161)).count, 2);
        assert_eq!(segments(&"a".repeat(306)).count, 2);
        assert_eq!(segments(&"a".repeat(307)).count, 3);
        // The euro sign costs two septets.
        assert_eq!(segments(&"€".repeat(80)).units, 160);
        assert_eq!(segments(&"€".repeat(81)).count, 2);
        let ucs = segments(&"á".repeat(70));
        assert_eq!((ucs.encoding, ucs.count), (Encoding::Ucs2, 1));
        assert_eq!(segments(&"á".repeat(71)).count, 2);
        // Emoji are two UTF-16 units.
        assert_eq!(segments(&"🙏".repeat(35)).units, 70);
        assert_eq!(segments("ñ¿¡é").encoding, Encoding::Gsm7);
    }

    #[test]
    fn accents_fold_into_gsm7_but_other_scripts_stay_whole() {
        assert_eq!(fold_to_gsm7("¿Qué pasó? Extorsión"), "¿Qué paso? Extorsion");
        assert_eq!(
            segments(&fold_to_gsm7("Denúncielo aquí")).encoding,
            Encoding::Gsm7
        );
        assert_eq!(fold_to_gsm7("مرحبا á"), "مرحبا á");
        assert_eq!(fold_to_gsm7("Kounye a 🙏"), "Kounye a 🙏");
    }
}

#[cfg(test)]
mod budget;
