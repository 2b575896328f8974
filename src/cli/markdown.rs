//! `complaint.md`: the readable form of a decrypted complaint, for an analyst. Headings come
//! from the Fluent files compiled into the binary; labels and words from the complaint itself.

use crate::domain::{Complaint, Lang};
use crate::i18n::{Catalog, Text};

const SOURCES: &[(&str, &str, &str)] = &[
    (
        "es",
        "locales/es/inbox.ftl",
        include_str!("../../locales/es/inbox.ftl"),
    ),
    (
        "en",
        "locales/en/inbox.ftl",
        include_str!("../../locales/en/inbox.ftl"),
    ),
];

/// The embedded inbox catalogue. The sources are compiled in and covered by a test.
fn catalog() -> Option<Catalog> {
    Catalog::from_sources(SOURCES).ok()
}

pub fn render(c: &Complaint) -> String {
    let es = Lang::spanish();
    let catalog = catalog();
    let t = |id: &str| {
        catalog
            .as_ref()
            .map(|k| k.get(&es, id))
            .unwrap_or_else(|| id.to_owned())
    };
    let title = catalog
        .as_ref()
        .map(|k| {
            k.render(
                &es,
                &Text::msg("md-title").with_str("case", c.case_id.as_str()),
            )
        })
        .unwrap_or_default();
    let mut md = format!("# {title}\n\n");
    let mut row = |k: &str, v: String| md.push_str(&format!("- **{}:** {v}\n", t(k)));
    row("md-filed", c.filed_on.to_string());
    row("md-channel", c.channel.as_str().to_owned());
    row("md-language", c.language.to_string());
    row(
        "md-violation",
        format!("{} ({})", c.violation.label, c.violation.code),
    );
    row(
        "md-perpetrator",
        format!("{} ({})", c.perpetrator.label, c.perpetrator.code),
    );
    row("md-state", format!("{} ({})", c.state.label, c.state.code));
    row("md-when", c.when.label.clone());
    let routed: Vec<String> = c
        .routed_to
        .iter()
        .map(|o| format!("{} ({})", o.name, o.id))
        .collect();
    row("md-routed", routed.join(", "));
    if c.civil_society_only {
        row("md-civil-only", String::new());
    }
    md.push_str(&format!("\n## {}\n\n", t("md-narrative")));
    for part in &c.narrative {
        // Quoted so that the reporter's words cannot turn into headings or links.
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
        }
    }
    md.push_str(&format!(
        "\n{}: `{}`\n",
        t("md-reply-key"),
        c.reply_recipient
    ));
    md
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_embedded_inbox_catalogue_loads_and_is_complete() {
        let cat = super::catalog().expect("embedded inbox locales parse");
        let es = cat
            .message_ids(&crate::domain::Lang::spanish())
            .cloned()
            .unwrap_or_default();
        let en = crate::domain::Lang::parse("en").expect("en");
        assert_eq!(cat.message_ids(&en), Some(&es));
        assert!(es.contains("md-title"));
    }
}
