//! Channel-neutral replies: a text and, for menus, the numbered choices.

use crate::i18n::Text;

/// One numbered option of a menu. SMS prints `key label` lines; Telegram draws a button.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice {
    pub key: String,
    pub label: Text,
}

/// What a reply is, where a channel treats some replies apart (Telegram keeps a receipt when
/// it erases a conversation, the web form prints one).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ReplyKind {
    /// A question, an answer, a notice: nothing to keep.
    #[default]
    Plain,
    /// It carries a receipt, to be kept by whom it names.
    Receipt(Holder),
}

/// Who keeps a receipt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Holder {
    /// The reporter, on her own phone.
    Reporter,
    /// A person a volunteer filed with, who takes it on paper; the shelter's phone keeps none.
    Someone,
}

/// One reply to the reporter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reply {
    pub kind: ReplyKind,
    pub text: Text,
    pub menu: Vec<Choice>,
    /// Lines shown after the menu (e.g. "or write the state's name").
    pub footer: Vec<Text>,
    /// Sent as a message of its own, not joined to the replies around it (a receipt to be
    /// written down or printed for someone).
    pub alone: bool,
}

impl Reply {
    pub fn text(text: Text) -> Self {
        Self {
            kind: ReplyKind::Plain,
            text,
            menu: Vec::new(),
            footer: Vec::new(),
            alone: false,
        }
    }

    /// A reply that carries a receipt for `holder`.
    pub fn receipt(text: Text, holder: Holder) -> Self {
        Self {
            kind: ReplyKind::Receipt(holder),
            ..Self::text(text)
        }
    }

    /// Whether this reply carries a receipt (for anyone).
    pub fn is_receipt(&self) -> bool {
        matches!(self.kind, ReplyKind::Receipt(_))
    }

    pub fn alone(mut self) -> Self {
        self.alone = true;
        self
    }

    pub fn msg(id: &str) -> Self {
        Self::text(Text::msg(id))
    }

    pub fn choice(mut self, key: impl Into<String>, label: Text) -> Self {
        self.menu.push(Choice {
            key: key.into(),
            label,
        });
        self
    }

    pub fn footer(mut self, text: Text) -> Self {
        self.footer.push(text);
        self
    }

    /// Every message id this reply names, including argument messages (for tests).
    pub fn message_ids(&self) -> Vec<String> {
        let mut ids = Vec::new();
        let texts = std::iter::once(&self.text)
            .chain(self.menu.iter().map(|c| &c.label))
            .chain(self.footer.iter());
        for t in texts {
            if let Text::Msg { id, args } | Text::MsgIn { id, args, .. } = t {
                ids.push(id.clone());
                for (_, a) in args {
                    if let crate::i18n::Arg::Msg(m) = a {
                        ids.push(m.clone());
                    }
                }
            }
        }
        ids
    }
}
