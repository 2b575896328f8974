//! Reading what a reporter typed: cleaning the text and recognising the words that work at any
//! step (leave, help, status, language), in every language we ship.

use unicode_normalization::UnicodeNormalization;

use crate::domain::{Lang, Receipt};

/// The longest single message taken into a story. Longer ones are refused with a request to
/// split them, never truncated (a truncated complaint would lose words silently).
pub const MAX_MESSAGE_CHARS: usize = 4000;

/// A word that works at any step.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    /// Leave and erase the draft: SALIR, EXIT, …
    Exit,
    /// Explain the current step: AYUDA, HELP, …
    Help,
    /// Report on a case: ESTADO <receipt>. `None` when the digits do not form a receipt.
    Status(Option<Receipt>),
    /// Show the language menu: IDIOMA, LANGUAGE, …
    Language,
    /// Withdraw a filed case: BORRAR <receipt>. `None` when the digits do not form a receipt.
    Withdraw(Option<Receipt>),
    /// Start afresh, dropping any draft (Telegram's `/start`).
    Restart,
    /// A volunteer enrols for a shelter: `ALBERGUE <code>`, `/shelter <code>`.
    Enrol(EnrolCode),
    /// An enrolled volunteer starts a complaint with a person: `NUEVA`, `/new`. For anyone
    /// else the word is ordinary text (kept here).
    NewAssisted(String),
}

/// A shelter enrolment code as typed. Its `Debug` hides it: it is a one-time secret.
#[derive(Clone, PartialEq, Eq)]
pub struct EnrolCode(pub String);

impl std::fmt::Debug for EnrolCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("EnrolCode(..)")
    }
}

/// What a message means before the current step interprets it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    Command {
        command: Command,
        /// The language the command word belongs to, a hint when there is no draft yet.
        hint: Option<Lang>,
    },
    /// Ordinary text, already cleaned.
    Text(String),
    /// Nothing readable: empty, or not valid UTF-8 at the provider edge.
    Unreadable,
    /// Longer than [`MAX_MESSAGE_CHARS`].
    TooLong,
    /// A file, already checked and sealed by the channel, with the words sent along with it
    /// (a photo's caption), which join the story.
    Attachment {
        note: super::AttachmentNote,
        caption: Option<String>,
    },
}

const EXIT: &[(&str, &str)] = &[
    ("salir", "es"),
    ("exit", "en"),
    ("stop", "en"),
    ("quit", "en"),
    ("sortir", "fr"),
    ("sair", "pt"),
    ("soti", "ht"),
    ("/cancel", ""),
];
const HELP: &[(&str, &str)] = &[
    ("ayuda", "es"),
    ("help", "en"),
    ("aide", "fr"),
    ("ajuda", "pt"),
    ("ed", "ht"),
    ("مساعدة", "ar"),
    ("/help", ""),
];
const STATUS: &[(&str, &str)] = &[
    ("estado", "es"),
    ("status", "en"),
    ("statut", "fr"),
    ("eta", "ht"),
    ("/status", ""),
];
const WITHDRAW: &[(&str, &str)] = &[
    ("borrar", "es"),
    ("withdraw", "en"),
    ("retirer", "fr"),
    ("retirar", "pt"),
    ("retire", "ht"),
    ("/withdraw", ""),
];
const ENROL: &[(&str, &str)] = &[
    ("albergue", "es"),
    ("shelter", "en"),
    ("refuge", "fr"),
    ("abrigo", "pt"),
    ("/shelter", ""),
];
const NEW_ASSISTED: &[(&str, &str)] = &[
    ("nueva", "es"),
    ("new", "en"),
    ("nouvelle", "fr"),
    ("nova", "pt"),
    ("nouvo", "ht"),
    ("/new", ""),
];
/// Symbols in an enrolment code (see `crypto::invite_code`), without its dash.
const ENROL_CODE_SYMBOLS: usize = 10;
const LANGUAGE: &[(&str, &str)] = &[
    ("idioma", "es"),
    ("language", "en"),
    ("lang", "en"),
    ("langue", "fr"),
    ("lang", "ht"),
    ("/language", ""),
];

/// Removes what no person typed: control characters (NUL included) other than line breaks and
/// tabs ([`crate::domain::strip_controls`], as at every channel's edge), and surrounding white
/// space. Unicode is composed (NFC) so that the same words compare
/// equal however the phone encoded them. Right-to-left text and emoji are kept as written.
pub fn clean_text(raw: &str) -> String {
    let composed: String = crate::domain::strip_controls(raw).nfc().collect();
    composed.trim().to_owned()
}

/// Classifies a cleaned message.
pub fn classify(text: &str) -> Input {
    if text.is_empty() {
        return Input::Unreadable;
    }
    if text.chars().count() > MAX_MESSAGE_CHARS {
        return Input::TooLong;
    }
    let folded = crate::i18n::fold(text);
    let mut words = folded.split_whitespace();
    let first = words.next().unwrap_or_default();
    let rest: Vec<&str> = words.collect();
    let lookup = |table: &[(&str, &str)]| {
        table
            .iter()
            .find(|(w, _)| *w == first)
            .map(|(_, l)| Lang::parse(l).ok())
    };
    if rest.is_empty() {
        if first == "/start" {
            return Input::Command {
                command: Command::Restart,
                hint: None,
            };
        }
        if let Some(hint) = lookup(EXIT) {
            return Input::Command {
                command: Command::Exit,
                hint,
            };
        }
        if let Some(hint) = lookup(HELP) {
            return Input::Command {
                command: Command::Help,
                hint,
            };
        }
        if let Some(hint) = lookup(LANGUAGE) {
            return Input::Command {
                command: Command::Language,
                hint,
            };
        }
        if let Some(hint) = lookup(NEW_ASSISTED) {
            return Input::Command {
                command: Command::NewAssisted(text.to_owned()),
                hint,
            };
        }
    }
    // "ALBERGUE K7M2P-9QXPT": the rest must look like a code, so "albergue de Tapachula…" is
    // still a story.
    let code: String = rest.concat();
    let code_follows = rest.len() <= 3
        // One symbol more or less is still taken as a (mistyped) code, to be refused as such.
        && (ENROL_CODE_SYMBOLS - 1..=ENROL_CODE_SYMBOLS + 1)
            .contains(&code.chars().filter(char::is_ascii_alphanumeric).count())
        && code.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        // Every code has a digit (see `crypto::invite_code`); words after ALBERGUE do not.
        && code.chars().any(|c| c.is_ascii_digit());
    if code_follows && let Some(hint) = lookup(ENROL) {
        return Input::Command {
            command: Command::Enrol(EnrolCode(code)),
            hint,
        };
    }
    // "ESTADO 1234 5678 9012 3456": the rest must be the receipt, and nothing else, so a story
    // that happens to start with "estado" or "borrar" is still a story.
    let digits = rest.join(" ");
    let receipt_follows = rest.is_empty()
        || digits
            .chars()
            .all(|c| c.is_ascii_digit() || " -.".contains(c));
    if receipt_follows {
        let receipt = || Receipt::parse(&digits).ok();
        if let Some(hint) = lookup(STATUS) {
            return Input::Command {
                command: Command::Status(receipt()),
                hint,
            };
        }
        if let Some(hint) = lookup(WITHDRAW) {
            return Input::Command {
                command: Command::Withdraw(receipt()),
                hint,
            };
        }
    }
    Input::Text(text.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn command(text: &str) -> Option<Command> {
        match classify(&clean_text(text)) {
            Input::Command { command, .. } => Some(command),
            _ => None,
        }
    }

    #[test]
    fn command_words_work_in_any_case_and_with_accents() {
        assert_eq!(command("SALIR"), Some(Command::Exit));
        assert_eq!(command(" exit "), Some(Command::Exit));
        assert_eq!(command("Ayuda"), Some(Command::Help));
        assert_eq!(command("IDIOMA"), Some(Command::Language));
        assert!(matches!(
            command("ESTADO 1234 5678 9012 3456"),
            Some(Command::Status(Some(_)))
        ));
        assert_eq!(command("estado 12"), Some(Command::Status(None)));
        assert!(matches!(
            command("ESTADO ١٢٣٤ ٥٦٧٨ ٩٠١٢ ٣٤٥٦"),
            Some(Command::Status(Some(_)))
        ));
        assert_eq!(command("ESTADO"), Some(Command::Status(None)));
        assert!(matches!(
            command("BORRAR 1234567890123456"),
            Some(Command::Withdraw(Some(_)))
        ));
        assert_eq!(command("borrar la cuenta"), None);
        assert_eq!(
            command("ALBERGUE k7m2p-9qxpt"),
            Some(Command::Enrol(EnrolCode("k7m2p-9qxpt".into())))
        );
        assert_eq!(
            command("/shelter K7M2P 9QXPT"),
            Some(Command::Enrol(EnrolCode("k7m2p9qxpt".into())))
        );
        assert_eq!(command("NUEVA"), Some(Command::NewAssisted("NUEVA".into())));
        assert_eq!(command("/new"), Some(Command::NewAssisted("/new".into())));
    }

    #[test]
    fn a_story_about_a_shelter_is_not_an_enrolment() {
        assert_eq!(command("albergue de tapachula nos corrieron"), None);
        assert_eq!(command("albergue 12"), None);
        assert_eq!(command("nueva denuncia por favor"), None);
        assert_eq!(command("albergue de tapachula"), None);
        assert_eq!(command("shelter in tapachula"), None);
        assert_eq!(command("abrigo guadalupe"), None);
        assert!(!format!("{:?}", EnrolCode("SECRET1234".into())).contains("SECRET"));
    }

    #[test]
    fn a_story_that_starts_with_a_command_word_is_still_a_story() {
        assert_eq!(command("estado de chiapas me robaron"), None);
        assert_eq!(command("ayuda por favor me golpearon"), None);
    }

    #[test]
    fn cleaning_removes_control_characters_but_keeps_scripts_and_emoji() {
        assert_eq!(clean_text("a\u{0}b\u{7}c"), "abc");
        assert_eq!(clean_text("  مرحبا 🙏 \n"), "مرحبا 🙏");
        assert_eq!(classify(""), Input::Unreadable);
        assert_eq!(classify(&"a".repeat(MAX_MESSAGE_CHARS + 1)), Input::TooLong);
    }
}
