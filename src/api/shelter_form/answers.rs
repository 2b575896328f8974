//! The form's answers and the person's choices: parsed from posted fields (every value checked
//! against the code lists, whatever a page sent), checked for completeness with a message id
//! per problem, and turned into the same [`Submission`] the assisted conversation confirms.

use super::fields::Fields;
use crate::domain::{Identity, Lang, OrgId, Perpetrator, StateAnswer, Violation, When};
use crate::i18n::ids;
use crate::intake::assisted::{
    self as rules, GivenIdentity, MAX_AGE_CHARS, MAX_IDENTITY_CHARS, identity_line,
};
use crate::intake::{AssistedChoices, MAX_MESSAGE_CHARS, Submission};
use crate::routing::{Facts, Routing};

/// The first step's answers. No `Debug`: it holds the person's story.
#[derive(Default)]
pub(super) struct Answers {
    /// Random per form: a double submit of it files one case.
    pub form_id: String,
    pub present: bool,
    /// `None`: not answered; `Some(None)`: a language Buzón does not ship.
    pub person_lang: Option<Option<Lang>>,
    pub interpreted: Option<bool>,
    pub story: String,
    pub violation: Option<Violation>,
    pub perpetrator: Option<Perpetrator>,
    pub state: Option<StateAnswer>,
    pub when: Option<When>,
}

/// The person's choices at review. No `Debug`: it may hold their identity.
#[derive(Default)]
pub(super) struct Choices {
    pub civil_only: Option<bool>,
    pub shelter_copy: Option<bool>,
    pub identity: Option<bool>,
    pub name: String,
    pub nationality: String,
    pub age: String,
    pub contact: String,
    pub identity_in_copy: Option<bool>,
}

fn yes_no(v: Option<&str>) -> Option<bool> {
    match v {
        Some("yes") => Some(true),
        Some("no") => Some(false),
        _ => None,
    }
}

fn code<T: TryFrom<u8>>(v: Option<&str>) -> Option<T> {
    v?.parse::<u8>().ok().and_then(|n| T::try_from(n).ok())
}

/// One line of text, spaces folded, at most `max` characters (longer is cut, not refused: the
/// page says the limit).
fn line(v: Option<&str>, max: usize) -> String {
    identity_line(v.unwrap_or_default())
        .chars()
        .take(max)
        .collect()
}

fn is_form_id(s: &str) -> bool {
    s.len() == 32 && s.bytes().all(|b| b.is_ascii_hexdigit())
}

impl Answers {
    pub fn new(form_id: String) -> Self {
        Self {
            form_id,
            ..Self::default()
        }
    }

    /// The answers in posted fields; a missing or malformed form id gets a fresh one.
    pub fn from_fields(f: &Fields, fresh_id: impl FnOnce() -> String) -> Self {
        let form_id = f
            .get("form_id")
            .filter(|s| is_form_id(s))
            .map(str::to_owned)
            .unwrap_or_else(fresh_id);
        let person_lang = match f.get("person_lang") {
            Some("other") => Some(None),
            Some(l) => Lang::parse(l).ok().map(Some),
            None => None,
        };
        Self {
            form_id,
            present: f.get("present") == Some("yes"),
            person_lang,
            interpreted: yes_no(f.get("interpreted")),
            // Kept as typed, line breaks and all; only the ends are trimmed.
            story: f
                .get("story")
                .unwrap_or_default()
                .trim()
                .replace("\r\n", "\n"),
            violation: code(f.get("violation")),
            perpetrator: code(f.get("perpetrator")),
            state: f.get("state").and_then(|s| StateAnswer::parse(s).ok()),
            when: code(f.get("when")),
        }
    }

    /// The fields of the first step as `(name, value)`, for the next page's hidden inputs.
    pub fn hidden(&self) -> Vec<(&'static str, String)> {
        let yn = |b: bool| if b { "yes" } else { "no" }.to_owned();
        let mut out = vec![("form_id", self.form_id.clone())];
        if self.present {
            out.push(("present", "yes".into()));
        }
        if let Some(l) = &self.person_lang {
            let v = l.as_ref().map_or("other", Lang::as_str);
            out.push(("person_lang", v.to_owned()));
        }
        if let Some(b) = self.interpreted {
            out.push(("interpreted", yn(b)));
        }
        out.push(("story", self.story.clone()));
        if let Some(v) = self.violation {
            out.push(("violation", v.code().to_string()));
        }
        if let Some(p) = self.perpetrator {
            out.push(("perpetrator", p.code().to_string()));
        }
        if let Some(s) = self.state {
            out.push(("state", s.code().to_owned()));
        }
        if let Some(w) = self.when {
            out.push(("when", w.code().to_string()));
        }
        out
    }

    /// The message ids of what is missing or wrong (empty: complete).
    pub fn problems(&self, languages: &[Lang]) -> Vec<&'static str> {
        let mut p = Vec::new();
        if !self.present {
            p.push(ids::WEB_ERR_PRESENT);
        }
        match &self.person_lang {
            None => p.push(ids::WEB_ERR_PERSON_LANGUAGE),
            Some(Some(l)) if !languages.contains(l) => p.push(ids::WEB_ERR_PERSON_LANGUAGE),
            Some(_) => {}
        }
        if self.interpreted.is_none() {
            p.push(ids::WEB_ERR_INTERPRETED);
        }
        let chars = self.story.chars().count();
        if chars == 0 || chars > MAX_MESSAGE_CHARS {
            p.push(ids::WEB_ERR_STORY);
        }
        if self.violation.is_none() {
            p.push(ids::WEB_ERR_VIOLATION);
        }
        if self.perpetrator.is_none() {
            p.push(ids::WEB_ERR_PERPETRATOR);
        }
        if self.state.is_none() {
            p.push(ids::WEB_ERR_STATE);
        }
        if self.when.is_none() {
            p.push(ids::WEB_ERR_WHEN);
        }
        p
    }

    /// The facts routing reads.
    pub fn facts(&self) -> Facts {
        Facts {
            violation: self.violation,
            perpetrator: self.perpetrator,
            state: self.state,
        }
    }
}

/// Where a case goes: the routed bodies (or civil society alone), the shelter only with a
/// copy, as in the assisted conversation.
pub(super) fn recipients(
    routing: &Routing,
    facts: &Facts,
    civil_only: bool,
    shelter: &OrgId,
    shelter_copy: bool,
) -> Vec<OrgId> {
    let mut to = routing.route(facts);
    if civil_only {
        to = routing.civil_society(&to);
    }
    rules::with_shelter_copy(to, shelter, shelter_copy)
}

impl Choices {
    pub fn from_fields(f: &Fields) -> Self {
        Self {
            civil_only: match f.get("send_to") {
                Some("routed") => Some(false),
                Some("civil") => Some(true),
                _ => None,
            },
            shelter_copy: yes_no(f.get("shelter_copy")),
            identity: yes_no(f.get("identity")),
            name: line(f.get("name"), MAX_IDENTITY_CHARS),
            nationality: line(f.get("nationality"), MAX_IDENTITY_CHARS),
            age: line(f.get("age"), MAX_AGE_CHARS),
            contact: line(f.get("contact"), MAX_IDENTITY_CHARS),
            identity_in_copy: yes_no(f.get("identity_in_copy")),
        }
    }

    /// The message ids of what is missing or inconsistent, given where the case would go.
    pub fn problems(&self, routing: &Routing, to: &[OrgId]) -> Vec<&'static str> {
        let mut p = Vec::new();
        let (Some(_), Some(copy), Some(identity)) =
            (self.civil_only, self.shelter_copy, self.identity)
        else {
            return vec![ids::WEB_ERR_CHOICES];
        };
        if to.is_empty() {
            p.push(ids::WEB_ERR_NO_RECIPIENTS);
        }
        if identity {
            if routing.identity_bodies(to).is_empty() {
                p.push(ids::WEB_ERR_IDENTITY_BODIES);
            }
            let age_ok = self.age.is_empty() || self.age.parse::<u8>().is_ok_and(rules::is_age);
            if self.name.is_empty() || self.nationality.is_empty() || !age_ok {
                p.push(ids::WEB_ERR_IDENTITY);
            }
            if copy && self.identity_in_copy.is_none() {
                p.push(ids::WEB_ERR_IDENTITY_IN_COPY);
            }
        }
        p
    }

    /// The person's choices as the sealing code takes them (call once [`Choices::problems`]
    /// is empty).
    pub fn assisted(
        &self,
        routing: &Routing,
        answers: &Answers,
        shelter: &OrgId,
        to: &[OrgId],
    ) -> AssistedChoices {
        let identity = (self.identity == Some(true)).then(|| GivenIdentity {
            identity: Identity {
                name: self.name.clone(),
                nationality: self.nationality.clone(),
                age: self.age.clone(),
                contact: self.contact.clone(),
            },
            in_shelter_copy: self.identity_in_copy == Some(true),
        });
        let answers = rules::Answers {
            shelter: shelter.clone(),
            person_lang: answers.person_lang.clone().flatten(),
            interpreted: answers.interpreted == Some(true),
            shelter_copy: self.shelter_copy == Some(true),
            identity,
        };
        AssistedChoices::decide(routing, to, answers)
    }
}

/// The complete submission (call once both `problems` are empty).
pub(super) fn submission(
    lang: Lang,
    answers: &Answers,
    to: Vec<OrgId>,
    civil_only: bool,
    assisted: AssistedChoices,
) -> Option<Submission> {
    Some(Submission {
        lang,
        story: vec![answers.story.clone()],
        violation: answers.violation?,
        perpetrator: answers.perpetrator?,
        state: answers.state?,
        when: answers.when?,
        recipients: to,
        civil_society_only: civil_only,
        // The web form's files are opened in memory and passed to sealing directly.
        attachments: Vec::new(),
        assisted: Some(assisted),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn es() -> Vec<Lang> {
        vec![Lang::spanish()]
    }

    #[test]
    fn values_a_page_did_not_offer_are_not_answers() {
        let f = Fields::from_pairs(&[
            ("form_id", "not-an-id"),
            ("present", "on"),
            ("person_lang", "klingon"),
            ("interpreted", "maybe"),
            ("story", "   "),
            ("violation", "99"),
            ("perpetrator", "-1"),
            ("state", "XYZ"),
            ("when", "0"),
        ]);
        let a = Answers::from_fields(&f, || "f".repeat(32));
        assert_eq!(a.form_id, "f".repeat(32), "a malformed form id is replaced");
        assert_eq!(
            a.problems(&es()),
            [
                "web-err-present",
                "web-err-person-language",
                "web-err-interpreted",
                "web-err-story",
                "web-err-violation",
                "web-err-perpetrator",
                "web-err-state",
                "web-err-when",
            ]
        );
    }

    #[test]
    fn complete_answers_survive_the_hidden_fields() {
        let id = "0123456789abcdef0123456789abcdef";
        let f = Fields::from_pairs(&[
            ("form_id", id),
            ("present", "yes"),
            ("person_lang", "other"),
            ("interpreted", "yes"),
            ("story", " Me robaron.\r\nEn el tren. "),
            ("violation", "1"),
            ("perpetrator", "0"),
            ("state", "unknown"),
            ("when", "4"),
        ]);
        let a = Answers::from_fields(&f, || unreachable!("the id is kept"));
        assert!(a.problems(&es()).is_empty());
        assert_eq!(a.story, "Me robaron.\nEn el tren.");
        assert_eq!(a.person_lang, Some(None), "another language");
        let pairs: Vec<(String, String)> = a
            .hidden()
            .into_iter()
            .map(|(k, v)| (k.to_owned(), v))
            .collect();
        let refs: Vec<(&str, &str)> = pairs
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        let again = Answers::from_fields(&Fields::from_pairs(&refs), String::new);
        assert_eq!(again.hidden(), a.hidden());
    }

    #[test]
    fn the_form_takes_an_age_exactly_when_the_rules_do() {
        let key = age::x25519::Identity::generate().to_public().to_string();
        let toml = format!(
            "[[org]]\nid = \"albergue\"\nname = \"A\"\nkind = \"civil_society\"\n\
             intermediary = true\nrecipients = [\"{key}\"]\n[fallback]\nto = [\"albergue\"]\n"
        );
        let routing = Routing::parse(&toml, "test").expect("routing");
        let to = [OrgId::parse("albergue").expect("org")];
        let refused = |age: &str| {
            let f = Fields::from_pairs(&[
                ("send_to", "routed"),
                ("shelter_copy", "no"),
                ("identity", "yes"),
                ("name", "María"),
                ("nationality", "Honduras"),
                ("age", age),
            ]);
            Choices::from_fields(&f)
                .problems(&routing, &to)
                .contains(&ids::WEB_ERR_IDENTITY)
        };
        assert!(!refused(""), "not saying is always possible");
        for n in 0..=u8::MAX {
            assert_eq!(refused(&n.to_string()), !rules::is_age(n), "age {n}");
        }
        assert!(refused("abc"));
    }

    #[test]
    fn a_story_longer_than_a_message_is_refused() {
        let long = "a".repeat(MAX_MESSAGE_CHARS + 1);
        let a = Answers {
            story: long,
            ..Answers::new("x".into())
        };
        assert!(a.problems(&es()).contains(&"web-err-story"));
    }
}
