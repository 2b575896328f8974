//! The steps of the conversation, one pure function each, and the dispatcher [`step`].
//!
//! Rules every step keeps: option 1 is the ordinary way forward; an unexpected answer re-asks
//! the same step and never resets the draft; `SALIR`/`EXIT` leave from anywhere; a bare `0`
//! leaves too, except in the menus where 0 is an answer ("don't know").

use crate::domain::{Lang, MxState, OrgId, Perpetrator, Receipt, StateAnswer, Violation, When};
use crate::i18n::ids;
use crate::i18n::{Text, detect};
use crate::routing::{Facts, Routing};

use super::attachment::{AttachmentKind, AttachmentNote, MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS};
use super::draft::{Assist, Draft, Step, Submission};
use super::input::{Command, EnrolCode, Input};
use super::reply::Reply;

/// A first message this long is already taken as the start of the story.
const STORY_WORDS_IN_FIRST_MESSAGE: usize = 8;
/// Story messages kept per draft; past this the reporter is asked to finish.
pub const MAX_STORY_MESSAGES: usize = 40;

/// What a step needs to know about the world, all of it plain data.
pub struct Context<'a> {
    /// Supported languages, in menu order.
    pub languages: &'a [Lang],
    /// Languages offered with a greeting only, the flow continuing in Spanish.
    pub greeting_only: &'a [Lang],
    pub routing: &'a Routing,
    /// The channel's guess at the reporter's language (Telegram's `language_code`), used only
    /// when the words give no answer; the reporter can always change it.
    pub hint: Option<&'a Lang>,
    /// The shelter the sender is enrolled for as a volunteer. The caller looks it up whenever
    /// the message is `NUEVA`/`/new` or the draft is an assisted one; `None` otherwise.
    pub volunteer: Option<&'a OrgId>,
}

/// Work the caller must do after the step, before it answers.
#[derive(Clone, PartialEq)]
pub enum Effect {
    None,
    /// File the case: route, seal, store, then answer with a receipt.
    Submit(Box<Submission>),
    /// Report on the case behind a receipt (`None`: the digits were not a receipt).
    Status(Option<Receipt>),
    /// Withdraw the case behind a receipt.
    Withdraw(Option<Receipt>),
    /// Enrol the sender as a volunteer with a shelter's one-time code.
    Enrol(EnrolCode),
}

/// The result of one message.
pub struct Outcome {
    /// The draft to keep, or `None` to erase it (left, submitted, or never started).
    pub draft: Option<Draft>,
    pub replies: Vec<Reply>,
    pub effect: Effect,
    /// The language to answer in.
    pub lang: Lang,
}

/// The message id heading the question a draft waits on (e.g. `violation-prompt`), so that a
/// channel with buttons can tell a press on an old menu from an answer to the current one.
pub fn current_question(d: &Draft, ctx: &Context<'_>) -> Option<String> {
    prompt(d, ctx)
        .first()
        .and_then(|r| r.message_ids().first().cloned())
}

/// Handles one message against the current draft (`None` when the sender has none).
pub fn step(current: Option<Draft>, input: Input, ctx: &Context<'_>) -> Outcome {
    // `NUEVA` from anyone but a volunteer is an ordinary word, and so it is where a volunteer
    // types free text (a name, a story).
    let typing = current.as_ref().is_some_and(|d| {
        d.assist.is_some()
            && matches!(
                d.step,
                Step::Story
                    | Step::IdentityName
                    | Step::IdentityNationality
                    | Step::IdentityContact
            )
    });
    let input = match input {
        // `NUEVA` to start a conversation, from a phone no shelter enrolled: how to enrol it,
        // and how to report for oneself. Nothing is kept.
        Input::Command {
            command: Command::NewAssisted(_),
            hint,
        } if ctx.volunteer.is_none() && current.is_none() => {
            let lang = hint
                .filter(|h| ctx.languages.contains(h))
                .or_else(|| hinted(ctx))
                .unwrap_or_else(Lang::spanish);
            return Outcome {
                draft: None,
                replies: vec![Reply::msg(ids::ASSIST_NOT_ENROLLED)],
                effect: Effect::None,
                lang,
            };
        }
        Input::Command {
            command: Command::NewAssisted(word),
            ..
        } if ctx.volunteer.is_none() || typing => Input::Text(word),
        other => other,
    };
    // An assisted draft goes on only while its volunteer is still enrolled for its shelter:
    // otherwise it is erased, said so, and the message is taken as from anyone.
    if let Some(d) = &current
        && let Some(a) = &d.assist
        && ctx.volunteer != Some(&a.shelter)
    {
        let lang = d.lang.clone();
        let mut out = step(
            Some(Draft {
                lang,
                ..Draft::default()
            }),
            input,
            ctx,
        );
        out.replies.insert(0, Reply::msg(ids::ASSIST_REVOKED));
        return out;
    }
    let had_draft = current.is_some();
    let mut d = current.unwrap_or_default();
    if !matches!(input, Input::Text(_)) {
        d.erase_asked = false;
    }
    match input {
        Input::Command { command, hint } => {
            if d.lang.is_none() {
                d.lang = hint.filter(|h| ctx.languages.contains(h));
            }
            match command {
                Command::Exit => leave(d),
                command @ (Command::Status(_) | Command::Withdraw(_) | Command::Enrol(_)) => {
                    let lang = reply_lang(&d);
                    let effect = match command {
                        Command::Withdraw(receipt) => Effect::Withdraw(receipt),
                        Command::Status(receipt) => Effect::Status(receipt),
                        Command::Enrol(code) => Effect::Enrol(code),
                        _ => Effect::None,
                    };
                    // A query about a filed case never creates or changes a draft.
                    let draft = had_draft.then_some(d);
                    Outcome {
                        draft,
                        replies: Vec::new(),
                        effect,
                        lang,
                    }
                }
                Command::Help => {
                    // The help text alone: the step's menu was just shown, and help plus a
                    // long menu would cost more SMS than either.
                    let help = Reply::msg(&format!("help-{}", d.step.name()));
                    keep_if(had_draft, d, vec![help])
                }
                Command::Restart => {
                    let mut fresh = Draft {
                        lang: hinted(ctx),
                        ..Draft::default()
                    };
                    fresh.step = opening(&fresh);
                    let replies = prompt(&fresh, ctx);
                    keep(fresh, replies)
                }
                Command::NewAssisted(_) => {
                    // Checked above: only a volunteer gets here. Whatever was in progress is
                    // dropped, so two people's answers can never mix.
                    let Some(shelter) = ctx.volunteer else {
                        return leave(d);
                    };
                    let fresh = Draft {
                        lang: Some(d.lang.or_else(|| hinted(ctx)).unwrap_or_else(Lang::spanish)),
                        assist: Some(Assist::new(shelter.clone())),
                        ..Draft::default()
                    };
                    advance(fresh, Step::AssistConsent, ctx)
                }
                Command::Language => {
                    if !matches!(d.step, Step::Start | Step::Language) {
                        d.resume = Some(d.step);
                    }
                    d.step = Step::Language;
                    let replies = prompt(&d, ctx);
                    keep(d, replies)
                }
            }
        }
        Input::Unreadable => reask(d, ids::UNREADABLE, ctx),
        Input::TooLong => reask(d, ids::TOO_LONG, ctx),
        Input::Attachment { note, caption } => attach(d, note, caption, ctx),
        // The second `0` in a row, asked for by [`zero`]: erase now.
        Input::Text(text) if std::mem::take(&mut d.erase_asked) && number(&text) == Some(0) => {
            leave(d)
        }
        Input::Text(text) => match d.step {
            Step::Start => start(d, text, ctx),
            Step::Language => language(d, &text, ctx),
            Step::Consent => consent(d, &text, ctx),
            Step::Story => story(d, text, ctx),
            Step::Violation => violation(d, &text, ctx),
            Step::Perpetrator => perpetrator(d, &text, ctx),
            Step::State => state(d, &text, ctx),
            Step::When => when(d, &text, ctx),
            Step::Recipients => recipients(d, &text, ctx),
            Step::Confirm => confirm(d, &text, ctx),
            // The rest are the assisted steps (`Step::is_assisted`).
            _ => assisted::answer(d, text, ctx),
        },
    }
}

fn start(mut d: Draft, text: String, ctx: &Context<'_>) -> Outcome {
    d.lang = detect(&text, ctx.languages).or_else(|| hinted(ctx));
    if text.split_whitespace().count() >= STORY_WORDS_IN_FIRST_MESSAGE {
        d.story.push(text);
    }
    d.step = opening(&d);
    let replies = prompt(&d, ctx);
    keep(d, replies)
}

fn language(mut d: Draft, text: &str, ctx: &Context<'_>) -> Outcome {
    let chosen = number(text)
        .and_then(|n| n.checked_sub(1))
        .and_then(|i| ctx.languages.get(usize::from(i)));
    let Some(lang) = chosen else {
        return reask(d, ids::INVALID, ctx);
    };
    d.lang = Some(lang.clone());
    d.step = d.resume.take().unwrap_or(Step::Consent);
    let mut replies = Vec::new();
    if ctx.greeting_only.contains(lang) {
        // Only the greeting-only locales have this message (Spanish needs none), so it has no
        // constant in `ids`, which follows `locales/es`.
        replies.push(Reply::msg("greeting"));
    }
    replies.extend(prompt(&d, ctx));
    keep(d, replies)
}

fn consent(mut d: Draft, text: &str, ctx: &Context<'_>) -> Outcome {
    match number(text) {
        Some(1) => advance(d, Step::Story, ctx),
        Some(2) => {
            d.resume = Some(Step::Consent);
            advance(d, Step::Language, ctx)
        }
        Some(0) => zero(d),
        _ => reask(d, ids::INVALID, ctx),
    }
}

fn story(mut d: Draft, text: String, ctx: &Context<'_>) -> Outcome {
    match number(&text) {
        Some(1) if d.story.is_empty() && d.attachments.is_empty() => {
            reask(d, ids::STORY_EMPTY, ctx)
        }
        Some(1) => advance(d, Step::Violation, ctx),
        Some(0) => zero(d),
        _ if d.story.len() >= MAX_STORY_MESSAGES => reask(d, ids::STORY_FULL, ctx),
        _ => {
            d.story.push(text);
            keep(d, vec![Reply::msg(ids::STORY_MORE)])
        }
    }
}

fn violation(mut d: Draft, text: &str, ctx: &Context<'_>) -> Outcome {
    match number(text) {
        Some(0) => zero(d),
        Some(n) => match Violation::try_from(n) {
            Ok(v) => {
                d.violation = Some(v);
                advance(d, Step::Perpetrator, ctx)
            }
            Err(_) => reask(d, ids::INVALID, ctx),
        },
        None => reask(d, ids::INVALID, ctx),
    }
}

fn perpetrator(mut d: Draft, text: &str, ctx: &Context<'_>) -> Outcome {
    match number(text).map(Perpetrator::try_from) {
        Some(Ok(p)) => {
            d.perpetrator = Some(p);
            advance(d, Step::State, ctx)
        }
        _ => reask(d, ids::INVALID, ctx),
    }
}

fn state(mut d: Draft, text: &str, ctx: &Context<'_>) -> Outcome {
    let answer = match number(text) {
        Some(0) => Some(StateAnswer::Unknown),
        Some(n) => MxState::route_menu()
            .nth(usize::from(n) - 1)
            .map(StateAnswer::Known),
        None => MxState::from_words(text).map(StateAnswer::Known),
    };
    match answer {
        Some(a) => {
            d.state = Some(a);
            advance(d, Step::When, ctx)
        }
        None => reask(d, ids::INVALID, ctx),
    }
}

fn when(mut d: Draft, text: &str, ctx: &Context<'_>) -> Outcome {
    match number(text) {
        Some(0) => zero(d),
        Some(n) => match When::try_from(n) {
            Ok(w) => {
                d.when = Some(w);
                d.recipients = routed(&d, ctx);
                d.civil_society_only = false;
                advance(d, Step::Recipients, ctx)
            }
            Err(_) => reask(d, ids::INVALID, ctx),
        },
        None => reask(d, ids::INVALID, ctx),
    }
}

fn recipients(mut d: Draft, text: &str, ctx: &Context<'_>) -> Outcome {
    let all = routed(&d, ctx);
    let civil = ctx.routing.civil_society(&all);
    let next = if d.assist.is_some() {
        Step::ShelterCopy
    } else {
        Step::Confirm
    };
    match number(text) {
        Some(1) => {
            d.recipients = all;
            d.civil_society_only = false;
            advance(d, next, ctx)
        }
        Some(2) if !civil.is_empty() => {
            d.recipients = civil;
            d.civil_society_only = true;
            advance(d, next, ctx)
        }
        Some(0) => zero(d),
        _ => reask(d, ids::INVALID, ctx),
    }
}

fn confirm(d: Draft, text: &str, ctx: &Context<'_>) -> Outcome {
    match number(text) {
        Some(1) => match submission(&d, ctx) {
            Some(s) => {
                let lang = s.lang.clone();
                Outcome {
                    draft: None,
                    replies: Vec::new(),
                    effect: Effect::Submit(Box::new(s)),
                    lang,
                }
            }
            // A draft missing an answer cannot be confirmed: go back to what is missing.
            None => {
                let missing = first_missing(&d);
                advance(d, missing, ctx)
            }
        },
        Some(2) => {
            // Starting over keeps who is filing and in which language, nothing else.
            let fresh = Draft {
                lang: d.lang,
                assist: d.assist.map(assisted::restart),
                ..Draft::default()
            };
            advance(fresh, Step::Story, ctx)
        }
        Some(0) => zero(d),
        _ => reask(d, ids::INVALID, ctx),
    }
}

/// A file joins the draft at any step; the reporter is told what was received and asked the
/// current question again. A first message that is a file starts the conversation.
fn attach(
    mut d: Draft,
    note: AttachmentNote,
    caption: Option<String>,
    ctx: &Context<'_>,
) -> Outcome {
    // The person's choices are typed, never photographed: a picture of an identity document
    // here would travel to every body, not only the ones chosen for the identity.
    if d.assist.is_some() && d.step.is_persons_choice() {
        return reask(d, ids::ASSIST_NO_FILES, ctx);
    }
    let total: u64 = d.attachments.iter().map(|a| a.bytes).sum();
    if d.attachments.len() >= MAX_ATTACHMENTS || total + note.bytes > MAX_ATTACHMENT_BYTES {
        return reask(d, ids::ATTACHMENT_FULL, ctx);
    }
    let kind = note.kind;
    d.attachments.push(note);
    if let Some(words) = caption.filter(|c| !c.is_empty())
        && d.story.len() < MAX_STORY_MESSAGES
    {
        d.story.push(words);
    }
    if d.step == Step::Start {
        d.lang = d.lang.or_else(|| hinted(ctx));
        d.step = opening(&d);
    }
    let mut replies = vec![Reply::text(
        Text::msg(ids::ATTACHMENT_RECEIVED).with_msg("kind", kind.label_id()),
    )];
    if d.step != Step::Story {
        replies.extend(prompt(&d, ctx));
    }
    keep(d, replies)
}

fn submission(d: &Draft, ctx: &Context<'_>) -> Option<Submission> {
    if (d.story.is_empty() && d.attachments.is_empty()) || d.recipients.is_empty() {
        return None;
    }
    let assisted = match &d.assist {
        Some(a) => Some(assisted::choices(a, &d.recipients, ctx)?),
        None => None,
    };
    Some(Submission {
        lang: d.lang.clone()?,
        story: d.story.clone(),
        violation: d.violation?,
        perpetrator: d.perpetrator?,
        state: d.state?,
        when: d.when?,
        recipients: d.recipients.clone(),
        civil_society_only: d.civil_society_only,
        attachments: d.attachments.clone(),
        assisted,
    })
}

fn first_missing(d: &Draft) -> Step {
    if let Some(step) = d.assist.as_ref().and_then(assisted::first_missing_header) {
        step
    } else if d.lang.is_none() {
        Step::Language
    } else if d.story.is_empty() && d.attachments.is_empty() {
        Step::Story
    } else if d.violation.is_none() {
        Step::Violation
    } else if d.perpetrator.is_none() {
        Step::Perpetrator
    } else if d.state.is_none() {
        Step::State
    } else if d.when.is_none() {
        Step::When
    } else if let Some(a) = &d.assist {
        assisted::first_missing(a).unwrap_or(Step::Recipients)
    } else {
        Step::Recipients
    }
}

fn routed(d: &Draft, ctx: &Context<'_>) -> Vec<crate::domain::OrgId> {
    ctx.routing.route(&Facts {
        violation: d.violation,
        perpetrator: d.perpetrator,
        state: d.state,
    })
}

// ---- small helpers -------------------------------------------------------------------------

/// A menu answer: digits, optionally with the punctuation people add ("1.", "2)", " 3 ").
/// A menu answer: a number as people type it — in any digits ([`crate::i18n::ascii_digit`]),
/// and with what may follow it on a cheap phone ("2.", "3)", "1 robo", "2, sí"). A number run
/// into letters ("2a"), longer than a menu's, or beside another number ("1.5") is not one.
fn number(text: &str) -> Option<u8> {
    let t = crate::i18n::ascii_digits(text.trim());
    let digits: String = t.chars().take_while(char::is_ascii_digit).collect();
    let rest = &t[digits.len()..];
    let run_on = rest.chars().next().is_some_and(char::is_alphanumeric);
    // "1.5", "2 o 3": more than one number is not one answer.
    let another = rest.chars().any(|c| c.is_ascii_digit());
    if digits.is_empty() || digits.len() > 3 || run_on || another {
        return None;
    }
    digits.parse().ok()
}

/// The first question of a conversation: consent when its language is known, else the
/// language menu.
fn opening(d: &Draft) -> Step {
    if d.lang.is_some() {
        Step::Consent
    } else {
        Step::Language
    }
}

/// The channel's hint, if it names a language we ship.
fn hinted(ctx: &Context<'_>) -> Option<Lang> {
    ctx.hint.filter(|h| ctx.languages.contains(h)).cloned()
}

fn reply_lang(d: &Draft) -> Lang {
    d.lang.clone().unwrap_or_else(Lang::spanish)
}

fn keep(d: Draft, replies: Vec<Reply>) -> Outcome {
    let lang = reply_lang(&d);
    Outcome {
        draft: Some(d),
        replies,
        effect: Effect::None,
        lang,
    }
}

/// Like [`keep`], but a sender with no draft who only asked for help gets no draft made.
fn keep_if(had_draft: bool, d: Draft, replies: Vec<Reply>) -> Outcome {
    let lang = reply_lang(&d);
    Outcome {
        draft: had_draft.then_some(d),
        replies,
        effect: Effect::None,
        lang,
    }
}

fn advance(mut d: Draft, to: Step, ctx: &Context<'_>) -> Outcome {
    d.step = to;
    let replies = prompt(&d, ctx);
    keep(d, replies)
}

/// Says what was wrong and asks the same step again; the draft is kept as it was. A sender
/// with no draft is shown the language menu.
fn reask(mut d: Draft, why: &str, ctx: &Context<'_>) -> Outcome {
    if d.step == Step::Start {
        if d.lang.is_none() {
            d.lang = hinted(ctx);
        }
        d.step = opening(&d);
    }
    let mut replies = vec![Reply::msg(why)];
    replies.extend(prompt(&d, ctx));
    keep(d, replies)
}

/// A bare `0` in a menu where it is not an answer. With nothing to lose (no story, no file)
/// it leaves at once; otherwise it asks for a second `0`, and the question (just shown) stands.
/// `SALIR`/`EXIT` still erase at once: a person in danger must not be asked twice.
fn zero(mut d: Draft) -> Outcome {
    if d.story.is_empty() && d.attachments.is_empty() {
        return leave(d);
    }
    d.erase_asked = true;
    keep(d, vec![Reply::msg(ids::ERASE_CONFIRM)])
}

fn leave(d: Draft) -> Outcome {
    let lang = reply_lang(&d);
    Outcome {
        draft: None,
        replies: vec![Reply::msg(ids::BYE)],
        effect: Effect::None,
        lang,
    }
}

fn num(n: impl std::fmt::Display) -> String {
    n.to_string()
}

/// The question of the current step, with its menu.
pub fn prompt(d: &Draft, ctx: &Context<'_>) -> Vec<Reply> {
    let reply = match d.step {
        Step::Start | Step::Language => {
            let mut r = Reply::msg(ids::LANGUAGE_PROMPT);
            for (i, lang) in ctx.languages.iter().enumerate() {
                r = r.choice(num(i + 1), Text::in_lang(lang.clone(), ids::LANGUAGE_NAME));
            }
            r
        }
        Step::Consent => Reply::msg(ids::CONSENT)
            .choice("1", Text::msg(ids::CONSENT_CONTINUE))
            .choice("2", Text::msg(ids::CONSENT_LANGUAGE))
            .choice("0", Text::msg(ids::CONSENT_LEAVE)),
        Step::Story if d.story.is_empty() => Reply::msg(ids::STORY_PROMPT),
        Step::Story => Reply::msg(ids::STORY_HAVE),
        Step::Violation => Violation::all().fold(Reply::msg(ids::VIOLATION_PROMPT), |r, v| {
            r.choice(num(v.code()), Text::msg(v.label_id()))
        }),
        Step::Perpetrator => Perpetrator::menu()
            .fold(Reply::msg(ids::PERPETRATOR_PROMPT), |r, p| {
                r.choice(num(p.code()), Text::msg(p.label_id()))
            }),
        Step::State => MxState::route_menu()
            .enumerate()
            .fold(Reply::msg(ids::STATE_PROMPT), |r, (i, s)| {
                r.choice(num(i + 1), Text::msg(s.label_id()))
            })
            .choice("0", Text::msg(ids::STATE_UNKNOWN))
            .footer(Text::msg(ids::STATE_FOOTER)),
        Step::When => When::all().fold(Reply::msg(ids::WHEN_PROMPT), |r, w| {
            r.choice(num(w.code()), Text::msg(w.label_id()))
        }),
        Step::Recipients => {
            let all = routed(d, ctx);
            let names = ctx.routing.names(&all);
            let mut r = Reply::text(Text::msg(ids::RECIPIENTS_PROMPT).with_str("orgs", names))
                .choice("1", Text::msg(ids::RECIPIENTS_SEND));
            if !ctx.routing.civil_society(&all).is_empty() {
                r = r.choice("2", Text::msg(ids::RECIPIENTS_CIVIL));
            }
            r
        }
        Step::Confirm => {
            let words: usize = d.story.iter().map(|m| m.split_whitespace().count()).sum();
            let mut summary = Text::msg(ids::CONFIRM_SUMMARY)
                .with_str("words", num(words))
                .with_str("orgs", ctx.routing.names(&d.recipients));
            if let Some(v) = d.violation {
                summary = summary.with_msg("violation", v.label_id());
            }
            if let Some(p) = d.perpetrator {
                summary = summary.with_msg("perpetrator", p.label_id());
            }
            if let Some(s) = d.state {
                summary = summary.with_msg("state", s.label_id());
            }
            if let Some(w) = d.when {
                summary = summary.with_msg("when", w.label_id());
            }
            let mut reply = Reply::text(summary);
            for kind in [
                AttachmentKind::Voice,
                AttachmentKind::Audio,
                AttachmentKind::Photo,
                AttachmentKind::Video,
                AttachmentKind::Document,
            ] {
                let n = d.attachments.iter().filter(|a| a.kind == kind).count();
                if n > 0 {
                    reply = reply.footer(
                        Text::msg(ids::CONFIRM_ATTACHMENTS)
                            .with_str("count", num(n))
                            .with_msg("kind", kind.label_id()),
                    );
                }
            }
            if let Some(a) = &d.assist {
                reply = assisted::confirm_footer(reply, a, &d.recipients, ctx);
            }
            reply
                .choice("1", Text::msg(ids::CONFIRM_SEND))
                .choice("2", Text::msg(ids::CONFIRM_RESTART))
                .choice("0", Text::msg(ids::CONFIRM_CANCEL))
        }
        // The rest are the assisted steps (`Step::is_assisted`).
        _ => assisted::prompt(d, ctx),
    };
    vec![reply]
}

mod assisted;
#[cfg(test)]
mod assisted_tests;
#[cfg(test)]
mod hints_and_files;
#[cfg(test)]
pub(super) mod tests;
