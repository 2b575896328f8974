//! `complaint.md`: the readable form of a decrypted complaint, for an analyst. Headings and
//! code labels come from the Fluent files compiled into the binary, in the analyst's language;
//! the reporter's words come from the complaint itself, unchanged.

use crate::domain::{Complaint, Lang};
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
    let label = |id: String, fallback: &str| known(&id).unwrap_or_else(|| fallback.to_owned());
    let title = catalog
        .as_ref()
        .map(|k| {
            k.render(
                lang,
                &Text::msg("md-title").with_str("case", c.case_id.as_str()),
            )
        })
        .unwrap_or_default();
    let state_id = if c.state.code == "unknown" {
        "state-unknown".to_owned()
    } else {
        format!("state-{}", c.state.code)
    };
    let mut md = format!("# {title}\n\n");
    let mut row = |k: &str, v: String| md.push_str(&format!("- **{}:** {v}\n", t(k)));
    row("md-filed", c.filed_on.to_string());
    row("md-channel", c.channel.as_str().to_owned());
    row("md-language", c.language.to_string());
    let v = label(
        format!("violation-{}", c.violation.code),
        &c.violation.label,
    );
    row("md-violation", format!("{v} ({})", c.violation.code));
    let p = label(
        format!("perpetrator-{}", c.perpetrator.code),
        &c.perpetrator.label,
    );
    row("md-perpetrator", format!("{p} ({})", c.perpetrator.code));
    let st = label(state_id, &c.state.label);
    row("md-state", format!("{st} ({})", c.state.code));
    row(
        "md-when",
        label(format!("when-{}", c.when.code), &c.when.label),
    );
    let routed: Vec<String> = c
        .routed_to
        .iter()
        .map(|o| format!("{} ({})", o.name, o.id))
        .collect();
    row("md-routed", routed.join(", "));
    if c.civil_society_only {
        row("md-civil-only", String::new());
    }
    let yes_no = |b: bool| t(if b { "md-yes" } else { "md-no" });
    if let Some(a) = &c.assisted {
        row(
            "md-assisted",
            format!("{} ({})", a.shelter.name, a.shelter.id),
        );
        let spoke = a
            .person_language
            .as_ref()
            .map(|l| l.to_string())
            .unwrap_or_else(|| t("md-other-language"));
        row("md-person-language", spoke);
        row("md-interpreted", yes_no(a.interpreted));
        row("md-shelter-copy", yes_no(a.shelter_copy));
    }
    if !c.identity_given_to.is_empty() {
        let to: Vec<String> = c
            .identity_given_to
            .iter()
            .map(|o| format!("{} ({})", o.name, o.id))
            .collect();
        row("md-identity-given-to", to.join(", "));
    }
    if let Some(who) = &c.identity {
        md.push_str(&format!("\n## {}\n\n", t("md-identity")));
        let mut field = |k: &str, v: &str| {
            if !v.is_empty() {
                md.push_str(&format!("- **{}:** {}\n", t(k), v.replace('<', "&lt;")));
            }
        };
        field("md-identity-name", &who.name);
        field("md-identity-nationality", &who.nationality);
        field("md-identity-age", &who.age);
        field("md-identity-contact", &who.contact);
    }
    md.push_str(&format!("\n## {}\n\n", t("md-narrative")));
    for part in &c.narrative {
        // Quoted, and `<` escaped, so the reporter's words cannot turn into markup.
        for line in part.lines() {
            md.push_str(&format!("> {}\n", line.replace('<', "&lt;")));
        }
        md.push_str(">\n");
    }
    if !c.attachments.is_empty() {
        md.push_str(&format!("\n## {}\n\n", t("md-attachments")));
        for f in &c.attachments {
            let role = match f.role {
                crate::domain::FileRole::File => "md-file",
                crate::domain::FileRole::WorkingCopy => "md-working-copy",
                crate::domain::FileRole::OriginalEvidence => "md-original-evidence",
            };
            md.push_str(&format!(
                "- `{}` ({}, {} bytes, SHA-256 `{}`): {}\n",
                f.name,
                f.media_type,
                f.size,
                f.sha256,
                t(role)
            ));
            if !f.cleaned {
                md.push_str(&format!("  - **{}**\n", t("md-not-cleaned")));
            }
        }
    }
    md.push_str(&format!(
        "\n{}: `{}`\n",
        t("md-reply-key"),
        c.reply_recipient
    ));
    md
}

/// The note written beside a case its reporter withdrew.
pub fn withdrawn_note(lang: &Lang, day: &str) -> String {
    catalog()
        .map(|k| k.render(lang, &Text::msg("md-withdrawn").with_str("day", day)))
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
        assert!(en.contains("> # no es un título &lt;b>"), "{en}");
        let es = render(&c, &Lang::spanish());
        assert!(es.contains("Extorsión o cobro de dinero"), "{es}");
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
        assert!(without.contains("Albergue (albergue)"), "{without}");
        assert!(without.contains("otro idioma"), "{without}");
        assert!(without.contains("solo a:** CNDH (cndh)"), "{without}");
        assert!(!without.contains("## Identidad"), "{without}");
        c.identity = Some(Identity {
            name: "Ana <b>".into(),
            nationality: "Guatemala".into(),
            age: String::new(),
            contact: String::new(),
        });
        let with = render(&c, &Lang::spanish());
        assert!(with.contains("## Identidad"), "{with}");
        assert!(with.contains("Ana &lt;b>"), "{with}");
        assert!(!with.contains("Edad"), "empty fields are left out: {with}");
    }
}
