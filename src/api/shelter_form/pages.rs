//! The HTML of each page, in the page's language (`locales/<lang>/web.ftl`). Every string a
//! person or the routing file provides passes through [`esc`]. No scripts, no inline styles:
//! the CSP allows neither.

use std::fmt::Write as _;

use super::answers::{Answers, Choices};
use super::lang::{dir, page_languages};
use crate::domain::{Lang, MxState, Perpetrator, StateAnswer, Violation, When};
use crate::i18n::Text;
use crate::i18n::ids;
use crate::intake::assisted::{MAX_AGE_CHARS, MAX_IDENTITY_CHARS};
use crate::service::App;

/// The stylesheet: readable on a small screen, and a clean printout of the receipt.
pub(super) const STYLE: &str = "\
body{font:1.05rem/1.5 system-ui,sans-serif;margin:0;padding:0 1rem;color:#111;background:#fff}\
main{max-width:42rem;margin:0 auto 3rem}h1{font-size:1.5rem;line-height:1.25}\
header{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:baseline;justify-content:space-between;\
border-bottom:1px solid #999;padding:.5rem 0;margin-bottom:1rem}\
header form{display:inline}\
fieldset{border:1px solid #bbb;margin:0 0 1rem;padding:.5rem .8rem}\
legend{font-weight:bold}\
label{display:block;margin:.4rem 0}\
input[type=text],input[type=password],select,textarea{box-sizing:border-box;width:100%;\
font:inherit;padding:.35rem}\
textarea{min-height:12rem}\
button{font:inherit;padding:.5rem 1rem;margin:.3rem .5rem .3rem 0}\
.problems{border:2px solid #b00;padding:.5rem 1rem;color:#700}\
.hint{color:#444;font-size:.95rem}\
.receipt{font-size:1.3rem;border:2px dashed #333;padding:1rem;margin:1rem 0}\
dl div{margin:.3rem 0}dt{font-weight:bold}dd{margin:0 0 0 1rem;white-space:pre-wrap}\
@media print{header,form,.noprint{display:none}}";

/// Escapes text for HTML content and quoted attribute values.
pub(super) fn esc(s: &str) -> String {
    crate::channels::escape_markup(s)
}

/// A page being written in one language.
pub(super) struct Page<'a> {
    pub app: &'a App,
    pub lang: Lang,
}

/// What a logged-in page's header shows: the shelter, and a logout button.
pub(super) struct LoggedIn<'a> {
    pub shelter: &'a str,
    pub csrf: &'a str,
}

impl Page<'_> {
    /// A message, escaped.
    fn t(&self, id: &str) -> String {
        esc(&self.app.catalog.get(&self.lang, id))
    }

    /// A message with arguments, escaped (arguments included).
    fn ta(&self, id: &str, args: &[(&str, &str)]) -> String {
        let mut text = Text::msg(id);
        for (k, v) in args {
            text = text.with_str(k, *v);
        }
        esc(&self.app.catalog.render(&self.lang, &text))
    }

    fn layout(&self, title_id: &str, who: Option<&LoggedIn<'_>>, body: &str) -> String {
        let lang = esc(self.lang.as_str());
        let mut head = format!("<strong>{}</strong>", self.t(ids::WEB_BRAND));
        if let Some(w) = who {
            let _ = write!(
                head,
                "<span>{}</span><form method=\"post\" action=\"/shelter/logout\">\
                 <input type=\"hidden\" name=\"csrf\" value=\"{}\">\
                 <input type=\"hidden\" name=\"lang\" value=\"{lang}\">\
                 <button type=\"submit\">{}</button></form>",
                esc(w.shelter),
                esc(w.csrf),
                self.t(ids::WEB_LOGOUT),
            );
        }
        format!(
            "<!DOCTYPE html>\n<html lang=\"{lang}\" dir=\"{dir}\"><head><meta charset=\"utf-8\">\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
             <meta name=\"referrer\" content=\"no-referrer\">\
             <title>{title}</title><link rel=\"stylesheet\" href=\"/shelter/style.css\"></head>\
             <body><header>{head}</header><main>{body}</main></body></html>\n",
            dir = dir(&self.lang),
            title = self.t(title_id),
        )
    }

    fn problems(&self, ids: &[&str], extra: &[(&str, &str)]) -> String {
        if ids.is_empty() {
            return String::new();
        }
        let mut s = format!(
            "<div class=\"problems\" role=\"alert\" id=\"problems\"><p>{}</p><ul>",
            self.t(ids::WEB_ERRORS)
        );
        for id in ids {
            let _ = write!(s, "<li>{}</li>", self.ta(id, extra));
        }
        s.push_str("</ul></div>");
        s
    }

    /// A GET form that reloads the page in another language.
    fn language_switch(&self) -> String {
        let mut s = format!(
            "<form method=\"get\" action=\"/shelter\" class=\"noprint\"><label>{} \
             <select name=\"lang\">",
            self.t(ids::WEB_LANGUAGE)
        );
        for l in page_languages(&self.app.catalog) {
            let _ = write!(
                s,
                "<option value=\"{v}\"{sel}>{name}</option>",
                v = esc(l.as_str()),
                sel = if l == self.lang { " selected" } else { "" },
                name = esc(&self.app.catalog.get(&l, ids::LANGUAGE_NAME)),
            );
        }
        let _ = write!(
            s,
            "</select></label><button type=\"submit\">{}</button></form>",
            self.t(ids::WEB_LANGUAGE_CHANGE)
        );
        s
    }

    /// The login page; `problem` is a message id.
    pub fn login(&self, problem: Option<&str>) -> String {
        let body = format!(
            "<h1>{h}</h1>{problems}<p>{intro}</p>\
             <form method=\"post\" action=\"/shelter/login\">\
             <input type=\"hidden\" name=\"lang\" value=\"{lang}\">\
             <label>{label}<input type=\"password\" name=\"token\" id=\"token\" required \
             autocomplete=\"off\" maxlength=\"256\"></label>\
             <button type=\"submit\" id=\"login\">{submit}</button></form>{switch}",
            h = self.t(ids::WEB_LOGIN_HEADING),
            problems = self.problems(problem.as_slice(), &[]),
            intro = self.t(ids::WEB_LOGIN_INTRO),
            lang = esc(self.lang.as_str()),
            label = self.t(ids::WEB_LOGIN_TOKEN),
            submit = self.t(ids::WEB_LOGIN_SUBMIT),
            switch = self.language_switch(),
        );
        self.layout(ids::WEB_LOGIN_HEADING, None, &body)
    }

    fn hidden(&self, csrf: &str, answers: &Answers) -> String {
        let mut s = format!(
            "<input type=\"hidden\" name=\"csrf\" value=\"{}\">\
             <input type=\"hidden\" name=\"lang\" value=\"{}\">",
            esc(csrf),
            esc(self.lang.as_str())
        );
        for (k, v) in answers.hidden() {
            let _ = write!(
                s,
                "<input type=\"hidden\" name=\"{k}\" value=\"{}\">",
                esc(&v)
            );
        }
        s
    }

    fn select(
        &self,
        name: &str,
        label_id: &str,
        options: &[(String, String)],
        chosen: Option<&str>,
    ) -> String {
        let mut s = format!(
            "<label>{}<select name=\"{name}\" id=\"{name}\" required>\
             <option value=\"\">{}</option>",
            self.t(label_id),
            self.t(ids::WEB_CHOOSE)
        );
        for (value, label) in options {
            let sel = if chosen == Some(value.as_str()) {
                " selected"
            } else {
                ""
            };
            let _ = write!(
                s,
                "<option value=\"{}\"{sel}>{}</option>",
                esc(value),
                esc(label)
            );
        }
        s.push_str("</select></label>");
        s
    }

    fn radios(&self, name: &str, options: &[(&str, String)], chosen: Option<&str>) -> String {
        self.radios_opt(name, options, chosen, true)
    }

    fn radios_opt(
        &self,
        name: &str,
        options: &[(&str, String)],
        chosen: Option<&str>,
        required: bool,
    ) -> String {
        let required = if required { " required" } else { "" };
        let mut s = String::new();
        for (value, label) in options {
            let checked = if chosen == Some(*value) {
                " checked"
            } else {
                ""
            };
            let _ = write!(
                s,
                "<label><input type=\"radio\" name=\"{name}\" id=\"{name}-{value}\" \
                 value=\"{value}\"{required}{checked}> {label}</label>"
            );
        }
        s
    }

    fn yes_no(&self, name: &str, chosen: Option<bool>) -> String {
        self.yes_no_opt(name, chosen, true)
    }

    fn yes_no_opt(&self, name: &str, chosen: Option<bool>, required: bool) -> String {
        let chosen = chosen.map(|b| if b { "yes" } else { "no" });
        self.radios_opt(
            name,
            &[
                ("yes", self.t(ids::ANSWER_YES)),
                ("no", self.t(ids::ANSWER_NO)),
            ],
            chosen,
            required,
        )
    }

    fn label(&self, id: String) -> String {
        self.app.catalog.get(&self.lang, &id)
    }

    /// The first step: the person's presence and language, the story and the facts.
    pub fn form(
        &self,
        who: &LoggedIn<'_>,
        a: &Answers,
        problems: &[&str],
        languages: &[Lang],
    ) -> String {
        let mut person: Vec<(String, String)> = languages
            .iter()
            .map(|l| {
                (
                    l.as_str().to_owned(),
                    self.app.catalog.get(l, ids::LANGUAGE_NAME),
                )
            })
            .collect();
        person.push((
            "other".into(),
            self.app
                .catalog
                .get(&self.lang, ids::WEB_PERSON_LANGUAGE_OTHER),
        ));
        let chosen_person = a
            .person_lang
            .as_ref()
            .map(|l| l.as_ref().map_or("other", Lang::as_str));
        let violations: Vec<_> = Violation::all()
            .map(|v| (v.code().to_string(), self.label(v.label_id())))
            .collect();
        let perpetrators: Vec<_> = Perpetrator::menu()
            .map(|p| (p.code().to_string(), self.label(p.label_id())))
            .collect();
        let mut states: Vec<_> = MxState::route_menu()
            .chain(MxState::all().filter(|s| MxState::route_menu().all(|r| r != *s)))
            .map(|s| (s.code().to_owned(), self.label(s.label_id())))
            .collect();
        states.push((
            StateAnswer::Unknown.code().to_owned(),
            self.label(StateAnswer::Unknown.label_id()),
        ));
        let whens: Vec<_> = When::all()
            .map(|w| (w.code().to_string(), self.label(w.label_id())))
            .collect();
        let code = |c: Option<u8>| c.map(|c| c.to_string());
        let max = crate::intake::MAX_MESSAGE_CHARS.to_string();
        let body = format!(
            "<h1>{h}</h1><p>{intro}</p>{problems}\
             <form method=\"post\" action=\"/shelter/review\">{hidden_base}\
             <fieldset><legend>{person_h}</legend>\
             <label><input type=\"checkbox\" name=\"present\" id=\"present\" value=\"yes\" \
             required{present}> {present_l}</label>{person_sel}\
             <p>{interp_l}</p>{interp}</fieldset>\
             <fieldset><legend>{story_h}</legend>\
             <label for=\"story\">{story_l}</label><p class=\"hint\">{story_hint}</p>\
             <textarea name=\"story\" id=\"story\" required maxlength=\"{max}\">{story}</textarea>\
             </fieldset><fieldset><legend>{facts_h}</legend>{viol}{perp}{state}{when}</fieldset>\
             <button type=\"submit\" id=\"next\">{next}</button></form>{switch}",
            h = self.t(ids::WEB_FORM_HEADING),
            intro = self.ta(ids::WEB_FORM_INTRO, &[("shelter", who.shelter)]),
            problems = self.problems(problems, &[("max", &max)]),
            hidden_base = format_args!(
                "<input type=\"hidden\" name=\"csrf\" value=\"{}\">\
                 <input type=\"hidden\" name=\"lang\" value=\"{}\">\
                 <input type=\"hidden\" name=\"form_id\" value=\"{}\">",
                esc(who.csrf),
                esc(self.lang.as_str()),
                esc(&a.form_id)
            ),
            person_h = self.t(ids::WEB_PERSON_HEADING),
            present = if a.present { " checked" } else { "" },
            present_l = self.t(ids::WEB_PRESENT),
            person_sel = self.select(
                "person_lang",
                ids::WEB_PERSON_LANGUAGE,
                &person,
                chosen_person
            ),
            interp_l = self.t(ids::WEB_INTERPRETED),
            interp = self.yes_no("interpreted", a.interpreted),
            story_h = self.t(ids::WEB_STORY_HEADING),
            story_l = self.t(ids::WEB_STORY),
            story_hint = self.ta(ids::WEB_STORY_HINT, &[("max", &max)]),
            story = esc(&a.story),
            facts_h = self.t(ids::WEB_FACTS_HEADING),
            viol = self.select(
                "violation",
                ids::WEB_VIOLATION,
                &violations,
                code(a.violation.map(|v| v.code())).as_deref()
            ),
            perp = self.select(
                "perpetrator",
                ids::WEB_PERPETRATOR,
                &perpetrators,
                code(a.perpetrator.map(|p| p.code())).as_deref()
            ),
            state = self.select("state", ids::WEB_STATE, &states, a.state.map(|s| s.code())),
            when = self.select(
                "when",
                ids::WEB_WHEN,
                &whens,
                code(a.when.map(|w| w.code())).as_deref()
            ),
            next = self.t(ids::WEB_NEXT),
            switch = if a.story.is_empty() {
                self.language_switch()
            } else {
                String::new()
            },
        );
        self.layout(ids::WEB_FORM_HEADING, Some(who), &body)
    }

    /// The second step: what will be sent and to whom, the person's choices, and files.
    #[allow(clippy::too_many_arguments)]
    pub fn review(
        &self,
        who: &LoggedIn<'_>,
        a: &Answers,
        c: &Choices,
        problems: &[&str],
        routed: &str,
        civil: &str,
        identity_bodies: Option<&str>,
    ) -> String {
        let fact = |label_id: &str, value: String| {
            format!(
                "<div><dt>{}</dt><dd>{}</dd></div>",
                self.t(label_id),
                esc(&value)
            )
        };
        let mut facts = String::new();
        if let Some(Some(l)) = &a.person_lang {
            facts += &fact(
                ids::WEB_PERSON_LANGUAGE,
                self.app.catalog.get(l, ids::LANGUAGE_NAME),
            );
        }
        facts += &fact(ids::WEB_STORY, a.story.clone());
        if let Some(v) = a.violation {
            facts += &fact(ids::WEB_VIOLATION, self.label(v.label_id()));
        }
        if let Some(p) = a.perpetrator {
            facts += &fact(ids::WEB_PERPETRATOR, self.label(p.label_id()));
        }
        if let Some(s) = a.state {
            facts += &fact(ids::WEB_STATE, self.label(s.label_id()));
        }
        if let Some(w) = a.when {
            facts += &fact(ids::WEB_WHEN, self.label(w.label_id()));
        }
        let send_to = self.radios(
            "send_to",
            &[
                ("routed", self.ta(ids::WEB_SEND_ROUTED, &[("orgs", routed)])),
                ("civil", self.ta(ids::WEB_SEND_CIVIL, &[("orgs", civil)])),
            ],
            c.civil_only.map(|b| if b { "civil" } else { "routed" }),
        );
        let max_files = super::MAX_ATTACHMENTS.to_string();
        let max_mb = (super::MAX_ATTACHMENT_BYTES / (1024 * 1024)).to_string();
        let files_args = [("count", max_files.as_str()), ("mb", max_mb.as_str())];
        let body = format!(
            "<h1>{h}</h1><p>{intro}</p>{problems}\
             <dl>{facts}</dl>\
             <form method=\"post\" action=\"/shelter/file\" enctype=\"multipart/form-data\">\
             {hidden}\
             <fieldset><legend>{to_h}</legend>{send_to}</fieldset>\
             <fieldset><legend>{copy_h}</legend>{copy}</fieldset>\
             {identity}\
             <fieldset><legend>{files_h}</legend>\
             <label>{files_l}<input type=\"file\" name=\"files\" id=\"files\" multiple \
             accept=\"image/jpeg,image/png,image/webp,application/pdf,audio/*,video/*\"></label>\
             <p class=\"hint\">{files_hint}</p></fieldset>\
             <button type=\"submit\" id=\"file\">{file}</button>\
             <button type=\"submit\" formaction=\"/shelter/edit\" formnovalidate \
             id=\"edit\">{edit}</button></form>",
            h = self.t(ids::WEB_REVIEW_HEADING),
            intro = self.t(ids::WEB_REVIEW_INTRO),
            problems = self.problems(problems, &files_args),
            hidden = self.hidden(who.csrf, a),
            to_h = self.t(ids::WEB_SEND_HEADING),
            copy_h = self.ta(ids::WEB_COPY_HEADING, &[("shelter", who.shelter)]),
            copy = self.yes_no("shelter_copy", c.shelter_copy),
            identity = self.identity_fields(who, c, identity_bodies),
            files_h = self.t(ids::WEB_FILES_HEADING),
            files_l = self.t(ids::WEB_FILES),
            files_hint = self.ta(ids::WEB_FILES_HINT, &files_args),
            file = self.t(ids::WEB_FILE),
            edit = self.t(ids::WEB_EDIT),
        );
        self.layout(ids::WEB_REVIEW_HEADING, Some(who), &body)
    }

    /// The identity question, when some body among the recipients can take an identity.
    fn identity_fields(&self, who: &LoggedIn<'_>, c: &Choices, bodies: Option<&str>) -> String {
        let Some(bodies) = bodies else {
            return "<input type=\"hidden\" name=\"identity\" value=\"no\">".to_owned();
        };
        let text = |name: &str, label_id: &str, value: &str, max: usize| {
            format!(
                "<label>{}<input type=\"text\" name=\"{name}\" id=\"{name}\" value=\"{}\" \
                 maxlength=\"{max}\" autocomplete=\"off\"></label>",
                self.t(label_id),
                esc(value)
            )
        };
        // A name, a nationality, a contact: free text within the identity's limit.
        let words = |name: &str, label_id: &str, value: &str| {
            text(name, label_id, value, MAX_IDENTITY_CHARS)
        };
        format!(
            "<fieldset><legend>{id_h}</legend><p>{id_q}</p>{identity}\
             <p class=\"hint\">{id_hint}</p>{name}{nat}{age}{contact}\
             <p>{in_copy_q}</p>{in_copy}</fieldset>",
            id_h = self.t(ids::WEB_IDENTITY_HEADING),
            id_q = self.ta(ids::WEB_IDENTITY, &[("orgs", bodies)]),
            identity = self.yes_no("identity", c.identity),
            id_hint = self.t(ids::WEB_IDENTITY_HINT),
            name = words("name", ids::WEB_IDENTITY_NAME, &c.name),
            nat = words("nationality", ids::WEB_IDENTITY_NATIONALITY, &c.nationality),
            age = text("age", ids::WEB_IDENTITY_AGE, &c.age, MAX_AGE_CHARS),
            contact = words("contact", ids::WEB_IDENTITY_CONTACT, &c.contact),
            in_copy_q = self.ta(ids::WEB_IDENTITY_IN_COPY, &[("shelter", who.shelter)]),
            in_copy = self.yes_no_opt("identity_in_copy", c.identity_in_copy, false),
        )
    }

    /// The receipt, to print or copy for the person, in the person's language.
    pub fn receipt(&self, who: &LoggedIn<'_>, person: &Lang, receipt_text: &str) -> String {
        let body = format!(
            "<h1>{h}</h1><p class=\"noprint\">{volunteer}</p>\
             <div class=\"receipt\" lang=\"{pl}\" dir=\"{pd}\" id=\"receipt\">{receipt}</div>\
             <p class=\"hint noprint\">{print}</p>\
             <form method=\"get\" action=\"/shelter\"><input type=\"hidden\" name=\"lang\" \
             value=\"{lang}\"><button type=\"submit\" id=\"another\">{another}</button></form>",
            h = self.t(ids::WEB_RECEIPT_HEADING),
            volunteer = self.t(ids::WEB_RECEIPT_VOLUNTEER),
            pl = esc(person.as_str()),
            pd = dir(person),
            receipt = esc(receipt_text),
            print = self.t(ids::WEB_RECEIPT_PRINT),
            lang = esc(self.lang.as_str()),
            another = self.t(ids::WEB_ANOTHER),
        );
        self.layout(ids::WEB_RECEIPT_HEADING, Some(who), &body)
    }

    /// A short page: a heading, one message, and a way back to the form.
    pub fn notice(&self, who: Option<&LoggedIn<'_>>, heading_id: &str, message_id: &str) -> String {
        let body = format!(
            "<h1>{h}</h1><p id=\"notice\">{m}</p>\
             <form method=\"get\" action=\"/shelter\"><input type=\"hidden\" name=\"lang\" \
             value=\"{lang}\"><button type=\"submit\">{back}</button></form>",
            h = self.t(heading_id),
            m = self.t(message_id),
            lang = esc(self.lang.as_str()),
            back = self.t(ids::WEB_BACK),
        );
        self.layout(heading_id, who, &body)
    }
}

#[cfg(test)]
mod tests {
    use super::esc;

    #[test]
    fn user_text_cannot_open_a_tag_or_leave_an_attribute() {
        assert_eq!(
            esc("<script>\"x\" & 'y'</script>"),
            "&lt;script&gt;&quot;x&quot; &amp; &apos;y&apos;&lt;/script&gt;"
        );
    }
}
