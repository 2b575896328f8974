//! Text as it crosses an edge into Buzón (a provider's webhook, the shelters' form, a server's
//! answer read by `buzon`): control characters removed, line breaks of one kind. A terminal
//! obeys ESC sequences and a Markdown reader takes a bare `\r` for a line break; no one types
//! either on purpose, so they are dropped once, here, for every channel.

/// `raw` without control characters other than `\n` and `\t`. Every line break a phone, a
/// browser or a server may send (`\r\n`, a lone `\r`, NEL, U+2028, U+2029) becomes `\n`,
/// so what one reader shows as two lines every reader shows as two lines.
pub fn strip_controls(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push('\n');
            }
            '\u{85}' | '\u{2028}' | '\u{2029}' => out.push('\n'),
            '\n' | '\t' => out.push(c),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn escape_sequences_and_nul_are_dropped_and_every_line_break_becomes_a_newline() {
        assert_eq!(strip_controls("a\u{1b}[31mb\u{0}c\u{7}"), "a[31mbc");
        assert_eq!(strip_controls("a\r\nb\rc\u{2028}d\u{85}e"), "a\nb\nc\nd\ne");
        assert_eq!(strip_controls("\u{9b}2Jx\u{7f}"), "2Jx");
        assert_eq!(strip_controls("مرحبا 🙏\tñ\n"), "مرحبا 🙏\tñ\n");
    }

    proptest! {
        #[test]
        fn nothing_a_terminal_obeys_survives(s in any::<String>()) {
            let out = strip_controls(&s);
            prop_assert!(out.chars().all(|c| !c.is_control() || c == '\n' || c == '\t'));
            prop_assert!(!out.contains(['\u{2028}', '\u{2029}']), "a line separator survived");
            prop_assert_eq!(strip_controls(&out), out.clone());
        }
    }
}
