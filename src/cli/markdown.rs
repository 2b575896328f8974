//! `complaint.md`: the readable form of a decrypted complaint, for an analyst. Headings and
//! code labels come from the Fluent files compiled into the binary, in the analyst's language;
//! the reporter's words come from the complaint itself, unchanged.
//!
//! Every string that came from the reporter or the server (the story, identity, names, labels,
//! file names, media types) is written inert: a short value as a code span, the story as a
//! fenced code block, each fenced by more backticks than the longest run inside it, after its
//! control characters are removed and its line breaks made `\n`. CommonMark shows the content
//! of both verbatim, so no image, link, HTML, heading, list or emphasis can come of it, and the
//! file reads the same in a terminal as in a viewer.

use crate::domain::{Complaint, Lang, strip_controls};
use crate::i18n::ids;
use crate::i18n::{Catalog, Text};

/// The embedded catalogue (every locale, compiled in, covered by a test).
fn catalog() -> Option<Catalog> {
    Catalog::embedded().ok()
}

/// The languages `complaint.md` can be written in.
pub fn languages() -> Vec<Lang> {
    catalog()
        .map(|k| {
            k.languages()
                .iter()
                .filter(|l| !k.is_partial(l))
                .cloned()
                .collect()
        })
        .unwrap_or_default()
}

/// Renders the complaint for an analyst reading `lang` (Spanish where a locale lacks a text).
/// Only the catalogue's texts and parsed values (days, codes, ids) are written as Markdown;
/// everything else goes through [`inline`] or [`fenced`].
pub fn render(c: &Complaint, lang: &Lang) -> String {
    let catalog = catalog();
    let known = |id: &str| {
        catalog
            .as_ref()
            .filter(|k| {
                k.message_ids(&Lang::spanish())
                    .is_some_and(|ids| ids.contains(id))
            })
            .map(|k| k.get(lang, id))
    };
    let t = |id: &str| known(id).unwrap_or_else(|| id.to_owned());
    // A code the catalogue does not know keeps the label the envelope carries, shown inert.
    let label = |id: String, fallback: &str| known(&id).unwrap_or_else(|| inline(fallback));
    let org = |o: &crate::domain::RoutedOrg| format!("{} ({})", inline(&o.name), o.id);
    // A language by its own name ("Kreyòl ayisyen (ht)"), or its code if Buzón does not ship it.
    let language = |l: &Lang| match catalog.as_ref().filter(|k| k.supports(l)) {
        Some(k) => format!("{} ({l})", k.get(l, ids::LANGUAGE_NAME)),
        None => l.to_string(),
    };
    let title = catalog
        .as_ref()
        .map(|k| {
            k.render(
                lang,
                &Text::msg(ids::MD_TITLE).with_str("case", c.case_id.as_str()),
            )
        })
        .unwrap_or_default();
    let state_id = if c.state.code == "unknown" {
        ids::STATE_UNKNOWN.to_owned()
    } else {
        format!("state-{}", c.state.code)
    };
    let mut md = format!("# {title}\n\n");
    let mut row = |k: &str, v: String| {
        if v.is_empty() {
            md.push_str(&format!("- **{}**\n", t(k)));
        } else {
            md.push_str(&format!("- **{}:** {v}\n", t(k)));
        }
    };
    row(ids::MD_FILED, c.filed_on.to_string());
    row(ids::MD_CHANNEL, c.channel.as_str().to_owned());
    // In an assisted case the conversation was the volunteer's: the person's language is the
    // one line about language (below).
    if c.assisted.is_none() {
        row(ids::MD_LANGUAGE, language(&c.language));
    }
    let v = label(
        format!("violation-{}", c.violation.code),
        &c.violation.label,
    );
    row(ids::MD_VIOLATION, format!("{v} ({})", c.violation.code));
    let p = label(
        format!("perpetrator-{}", c.perpetrator.code),
        &c.perpetrator.label,
    );
    row(ids::MD_PERPETRATOR, format!("{p} ({})", c.perpetrator.code));
    let st = label(state_id, &c.state.label);
    row(ids::MD_STATE, format!("{st} ({})", inline(&c.state.code)));
    row(
        ids::MD_WHEN,
        label(format!("when-{}", c.when.code), &c.when.label),
    );
    let routed: Vec<String> = c.routed_to.iter().map(org).collect();
    row(ids::MD_ROUTED, routed.join(", "));
    if c.civil_society_only {
        // A statement, not a field: no value after it.
        row(ids::MD_CIVIL_ONLY, String::new());
    }
    let yes_no = |b: bool| t(if b { ids::MD_YES } else { ids::MD_NO });
    if let Some(a) = &c.assisted {
        row(ids::MD_ASSISTED, org(&a.shelter));
        let spoke = a
            .person_language
            .as_ref()
            .map(language)
            .unwrap_or_else(|| t(ids::MD_OTHER_LANGUAGE));
        row(ids::MD_PERSON_LANGUAGE, spoke);
        row(ids::MD_INTERPRETED, yes_no(a.interpreted));
        row(ids::MD_SHELTER_COPY, yes_no(a.shelter_copy));
    }
    if !c.identity_given_to.is_empty() {
        let to: Vec<String> = c.identity_given_to.iter().map(org).collect();
        row(ids::MD_IDENTITY_GIVEN_TO, to.join(", "));
    }
    if let Some(who) = &c.identity {
        md.push_str(&format!("\n## {}\n\n", t(ids::MD_IDENTITY)));
        let mut field = |k: &str, v: &str| {
            let shown = inline(v);
            if !shown.is_empty() {
                md.push_str(&format!("- **{}:** {shown}\n", t(k)));
            }
        };
        field(ids::MD_IDENTITY_NAME, &who.name);
        field(ids::MD_IDENTITY_NATIONALITY, &who.nationality);
        field(ids::MD_IDENTITY_AGE, &who.age);
        field(ids::MD_IDENTITY_CONTACT, &who.contact);
    }
    md.push_str(&format!("\n## {}\n", t(ids::MD_NARRATIVE)));
    for part in &c.narrative {
        md.push('\n');
        md.push_str(&fenced(part));
    }
    if !c.attachments.is_empty() {
        md.push_str(&format!("\n## {}\n\n", t(ids::MD_ATTACHMENTS)));
        for f in &c.attachments {
            let role = match f.role {
                crate::domain::FileRole::File => ids::MD_FILE,
                crate::domain::FileRole::WorkingCopy => ids::MD_WORKING_COPY,
                crate::domain::FileRole::OriginalEvidence => ids::MD_ORIGINAL_EVIDENCE,
            };
            md.push_str(&format!(
                "- {} ({}, {} bytes, SHA-256 {}): {}\n",
                inline(&f.name),
                inline(&f.media_type),
                f.size,
                inline(&f.sha256),
                t(role)
            ));
            if !f.cleaned {
                md.push_str(&format!("  - **{}**\n", t(ids::MD_NOT_CLEANED)));
            }
        }
    }
    md.push_str(&format!(
        "\n{}: {}\n",
        t(ids::MD_REPLY_KEY),
        inline(&c.reply_recipient)
    ));
    md
}

/// The longest run of backticks in `s`.
fn longest_backtick_run(s: &str) -> usize {
    s.split(|c| c != '`').map(str::len).max().unwrap_or(0)
}

/// One line of untrusted text as a CommonMark code span, shown exactly as written (line breaks
/// and tabs as spaces). The fence is one backtick longer than any run inside, so nothing in
/// the text can close it; a space pads the text where CommonMark would otherwise eat one.
pub fn inline(raw: &str) -> String {
    let flat = strip_controls(raw).replace(['\n', '\t'], " ");
    if flat.is_empty() {
        return String::new();
    }
    let ticks = "`".repeat(longest_backtick_run(&flat) + 1);
    let pad = flat.starts_with('`')
        || flat.ends_with('`')
        || (flat.starts_with(' ') && flat.ends_with(' ') && !flat.trim().is_empty());
    let sp = if pad { " " } else { "" };
    format!("{ticks}{sp}{flat}{sp}{ticks}")
}

/// Untrusted text of any length as a fenced code block, line breaks kept. The fence is longer
/// than any backtick run inside (and at least three), so no line of the text can close it.
pub fn fenced(raw: &str) -> String {
    let text = strip_controls(raw);
    let text = text.trim_end_matches('\n');
    let ticks = "`".repeat((longest_backtick_run(text) + 1).max(3));
    format!("{ticks}text\n{text}\n{ticks}\n")
}

/// The note written beside a case its reporter withdrew.
pub fn withdrawn_note(lang: &Lang, day: &str) -> String {
    catalog()
        .map(|k| k.render(lang, &Text::msg(ids::MD_WITHDRAWN).with_str("day", day)))
        .unwrap_or_else(|| format!("withdrawn {day}"))
        + "\n"
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::*;

    #[test]
    fn the_embedded_catalogue_loads_and_the_inbox_texts_are_complete() {
        let cat = catalog().expect("embedded locales parse");
        let es = cat
            .message_ids(&Lang::spanish())
            .cloned()
            .unwrap_or_default();
        let md: Vec<&String> = es.iter().filter(|id| id.starts_with("md-")).collect();
        assert!(md.len() >= 10);
        for lang in languages() {
            let ids = cat.message_ids(&lang).cloned().unwrap_or_default();
            for id in &md {
                assert!(ids.contains(*id), "{lang} lacks {id}");
            }
        }
    }

    #[test]
    fn complaint_md_is_written_in_the_analysts_language_with_the_words_unchanged() {
        let c = Complaint {
            schema: COMPLAINT_SCHEMA.into(),
            case_id: CaseId::random(),
            filed_on: Day::today(),
            language: Lang::spanish(),
            channel: Channel::Sms,
            violation: Coded {
                code: 2,
                label: "Extorsión o cobro de dinero".into(),
            },
            perpetrator: Coded {
                code: 1,
                label: "Agentes de Migración (INM)".into(),
            },
            state: Coded {
                code: "CHP".into(),
                label: "Chiapas".into(),
            },
            when: Coded {
                code: 1,
                label: "Hoy o ayer".into(),
            },
            narrative: vec!["# no es un título <b>".into()],
            routed_to: vec![],
            civil_society_only: false,
            reply_recipient: "age1x".into(),
            attachments: Vec::new(),
            assisted: None,
            identity: None,
            identity_given_to: Vec::new(),
        };
        let en = render(&c, &Lang::parse("en").expect("en"));
        assert!(en.contains("Extortion"), "{en}");
        assert!(en.contains("Migration agents (INM)"), "{en}");
        assert!(en.contains("Story"), "{en}");
        assert!(en.contains("```text\n# no es un título <b>\n```"), "{en}");
        let es = render(&c, &Lang::spanish());
        assert!(es.contains("Extorsión o cobro de dinero"), "{es}");
        assert!(
            es.contains("- **Idioma de la persona:** Español (es)\n"),
            "{es}"
        );
        let mut civil = c.clone();
        civil.civil_society_only = true;
        civil.language = Lang::parse("ht").expect("ht");
        let civil = render(&civil, &Lang::spanish());
        assert!(
            civil.contains("- **La persona eligió solo organizaciones civiles**\n"),
            "{civil}"
        );
        assert!(civil.contains("Idioma de la persona:** Kreyòl"), "{civil}");
        assert!(es.contains("Relato"), "{es}");
        assert!(
            !es.contains("Identidad"),
            "no identity section without one: {es}"
        );
    }

    #[test]
    fn an_assisted_case_shows_the_shelter_and_only_the_identity_it_carries() {
        let shelter = RoutedOrg {
            id: OrgId::parse("albergue").expect("id"),
            name: "Albergue".into(),
        };
        let cndh = RoutedOrg {
            id: OrgId::parse("cndh").expect("id"),
            name: "CNDH".into(),
        };
        let mut c = Complaint {
            schema: COMPLAINT_SCHEMA.into(),
            case_id: CaseId::random(),
            filed_on: Day::today(),
            language: Lang::spanish(),
            channel: Channel::Telegram,
            violation: Coded {
                code: 2,
                label: String::new(),
            },
            perpetrator: Coded {
                code: 1,
                label: String::new(),
            },
            state: Coded {
                code: "CHP".into(),
                label: String::new(),
            },
            when: Coded {
                code: 1,
                label: String::new(),
            },
            narrative: vec!["relato".into()],
            routed_to: vec![cndh.clone(), shelter.clone()],
            civil_society_only: false,
            reply_recipient: "age1x".into(),
            attachments: Vec::new(),
            assisted: Some(Assistance {
                shelter,
                person_present_and_agreed: true,
                person_language: None,
                interpreted: true,
                shelter_copy: true,
            }),
            identity: None,
            identity_given_to: vec![cndh],
        };
        let without = render(&c, &Lang::spanish());
        assert!(without.contains("`Albergue` (albergue)"), "{without}");
        assert!(without.contains("otro idioma"), "{without}");
        // One line about language: the person's, not the volunteer's conversation.
        assert_eq!(without.matches("Idioma").count(), 1, "{without}");
        c.assisted.as_mut().expect("assisted").person_language = Lang::parse("fr").ok();
        let french = render(&c, &Lang::spanish());
        assert!(
            french.contains("Idioma en que habló la persona:** Français (fr)"),
            "{french}"
        );
        c.assisted.as_mut().expect("assisted").person_language = None;
        assert!(without.contains("solo a:** `CNDH` (cndh)"), "{without}");
        assert!(!without.contains("## Identidad"), "{without}");
        c.identity = Some(Identity {
            name: "Ana <b>".into(),
            nationality: "Guatemala".into(),
            age: String::new(),
            contact: String::new(),
        });
        let with = render(&c, &Lang::spanish());
        assert!(with.contains("## Identidad"), "{with}");
        assert!(with.contains("`Ana <b>`"), "{with}");
        assert!(!with.contains("Edad"), "empty fields are left out: {with}");
    }

    /// Every CommonMark (and GitHub) construct, line-break tricks and terminal escapes.
    const HOSTILE: &[&str] = &[
        "![x](http://host/t.png)",
        "![x][r]\n\n[r]: http://host/t.png",
        "[link](http://host/)",
        "[x]: http://host/",
        "<http://host/>",
        "<img src=http://host/t.png>",
        "<script>alert(1)</script>",
        "<!-- c --> <b>b</b>",
        "</code></pre><img src=x>",
        "# heading",
        "story\r# heading",
        "story\r\n# heading",
        "story\u{2028}# heading\u{2029}## two",
        "story\u{85}# heading",
        "story\n\n# after a blank line",
        "story\n===",
        "story\n---",
        "- item\n* item\n+ item",
        "1. item\n2) item",
        "> quote",
        "***",
        "**bold** __bold__ *em* _em_ ~~struck~~",
        "`code`",
        "``",
        "````",
        " `a` ",
        "```\nfence\n```",
        "~~~\nfence\n~~~",
        "    indented",
        "\tindented",
        "| a | b |\n|---|---|\n| c | d |",
        "&amp; &#x41; &copy; &lt;img&gt;",
        "line  \nhard break",
        "line\\\nhard break",
        "\u{1b}[31mred\u{1b}[0m \u{1b}]8;;http://host/\u{7}link\u{1b}]8;;\u{7}",
        "\u{9b}2J\u{0}\u{7f}",
        "www.host.com ana@host.com https://host/t.png",
        "- [ ] task\n- [x] done",
        "footnote[^1]\n\n[^1]: http://host/",
        "\\# escaped \\",
    ];

    fn hostile_complaint(s: &str) -> Complaint {
        let org = |name: &str| RoutedOrg {
            id: OrgId::parse("cndh").expect("id"),
            name: name.into(),
        };
        Complaint {
            schema: COMPLAINT_SCHEMA.into(),
            case_id: CaseId::random(),
            filed_on: Day::today(),
            language: Lang::spanish(),
            channel: Channel::Web,
            // Codes no catalogue knows, so the envelope's labels are shown.
            violation: Coded {
                code: 250,
                label: s.into(),
            },
            perpetrator: Coded {
                code: 250,
                label: s.into(),
            },
            state: Coded {
                code: s.into(),
                label: s.into(),
            },
            when: Coded {
                code: 250,
                label: s.into(),
            },
            narrative: vec![s.into(), s.into()],
            routed_to: vec![org(s), org(s)],
            civil_society_only: true,
            reply_recipient: s.into(),
            attachments: vec![ComplaintFile {
                name: s.into(),
                kind: "photo".into(),
                role: FileRole::File,
                media_type: s.into(),
                size: 1,
                sha256: s.into(),
                data: String::new(),
                file_id: Some(s.into()),
                cleaned: false,
            }],
            assisted: Some(Assistance {
                shelter: org(s),
                person_present_and_agreed: true,
                person_language: None,
                interpreted: false,
                shelter_copy: true,
            }),
            identity: Some(Identity {
                name: s.into(),
                nationality: s.into(),
                age: s.into(),
                contact: s.into(),
            }),
            identity_given_to: vec![org(s)],
        }
    }

    /// The shape of a Markdown text as a CommonMark parser sees it: every event but the text
    /// itself (text, inline code), which is where the reporter's words may differ.
    fn shape(md: &str) -> Vec<String> {
        use pulldown_cmark::{Event, Options, Parser};
        Parser::new_ext(md, Options::all())
            .filter(|e| !matches!(e, Event::Text(_) | Event::Code(_)))
            .map(|e| format!("{e:?}"))
            .collect()
    }

    /// What a viewer shows as literal text from code: (inline code spans, code block texts).
    fn code_texts(md: &str) -> (Vec<String>, Vec<String>) {
        use pulldown_cmark::{Event, Parser, Tag, TagEnd};
        let (mut spans, mut blocks) = (Vec::new(), Vec::new());
        let mut in_block: Option<String> = None;
        for e in Parser::new(md) {
            match e {
                Event::Code(c) => spans.push(c.to_string()),
                Event::Start(Tag::CodeBlock(_)) => in_block = Some(String::new()),
                Event::Text(t) => {
                    if let Some(b) = in_block.as_mut() {
                        b.push_str(&t);
                    }
                }
                Event::End(TagEnd::CodeBlock) => blocks.extend(in_block.take()),
                _ => {}
            }
        }
        (spans, blocks)
    }

    fn assert_inert(s: &str) {
        let md = render(&hostile_complaint(s), &Lang::spanish());
        // Text that is nothing once its controls are gone renders as nothing: compared with an
        // empty complaint, not with a word.
        let empty = strip_controls(s).replace(['\n', '\t'], " ").is_empty();
        let benign = render(
            &hostile_complaint(if empty { "" } else { "x" }),
            &Lang::spanish(),
        );
        assert_eq!(
            shape(&md),
            shape(&benign),
            "{s:?} changed the structure:\n{md}"
        );
        for forbidden in [
            "Image",
            "Link",
            "Html",
            "Heading { level: H3",
            "Table",
            "Footnote",
        ] {
            assert!(
                !shape(&md).iter().any(|e| e.contains(forbidden)),
                "{s:?} made a {forbidden}:\n{md}"
            );
        }
        // The words arrive whole, as text: controls gone, line breaks made plain.
        let clean = strip_controls(s);
        let (spans, blocks) = code_texts(&md);
        let flat = clean.replace(['\n', '\t'], " ");
        if !flat.is_empty() {
            assert!(spans.contains(&flat), "{s:?} not shown as written:\n{md}");
        }
        let story = format!("{}\n", clean.trim_end_matches('\n'));
        assert_eq!(blocks, [story.clone(), story], "{s:?}:\n{md}");
        assert!(!md.contains('\u{1b}') && !md.contains('\r'), "{s:?}");
    }

    #[test]
    fn nothing_from_the_reporter_or_the_server_becomes_markup_in_complaint_md() {
        for s in HOSTILE {
            assert_inert(s);
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(300))]
        #[test]
        fn no_text_at_all_becomes_markup_in_complaint_md(
            chars in proptest::collection::vec(
                proptest::prop_oneof![
                    3 => proptest::sample::select(
                        "`~*_#>!-+=|[](){}<>&;:/\\. \n\r\t\u{1b}\u{0}\u{85}\u{2028}1aé"
                            .chars()
                            .collect::<Vec<_>>(),
                    ),
                    1 => proptest::prelude::any::<char>(),
                ],
                1..80,
            )
        ) {
            let s: String = chars.into_iter().collect();
            assert_inert(&s);
        }
    }
}
