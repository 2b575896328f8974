//! Twilio's SMS webhook: signature check, form parsing and TwiML answers.
//!
//! The signature is base64(HMAC-SHA1(auth token, URL + every POST parameter name and value,
//! sorted by name)). It is checked over the configured public URL (never one rebuilt from the
//! `Host` header, which the caller controls), in constant time, before the form means anything.

use base64::Engine;
use hmac::{Hmac, Mac};
use sha1::Sha1;

use super::Inbound;
use crate::crypto::{SenderId, ct_eq};
use crate::domain::Channel;

/// The `X-Twilio-Signature` header, decoded: 20 bytes of HMAC-SHA1.
pub struct TwilioSignature([u8; 20]);

impl TwilioSignature {
    pub fn parse(header: &str) -> Option<Self> {
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(header.trim())
            .ok()?;
        Some(Self(bytes.try_into().ok()?))
    }
}

/// A form body as raw (percent-decoded) bytes, in the order sent. Values stay bytes until the
/// signature is checked: invalid UTF-8 must not change what is signed.
pub struct RawForm(Vec<(Vec<u8>, Vec<u8>)>);

impl RawForm {
    pub fn parse(body: &[u8]) -> Self {
        let pairs = body
            .split(|b| *b == b'&')
            .filter(|p| !p.is_empty())
            .map(|pair| {
                let (k, v) = match pair.iter().position(|b| *b == b'=') {
                    Some(i) => (&pair[..i], &pair[i + 1..]),
                    None => (pair, &[][..]),
                };
                (decode(k), decode(v))
            })
            .collect();
        Self(pairs)
    }

    fn get(&self, name: &str) -> Option<&[u8]> {
        self.0
            .iter()
            .find(|(k, _)| k == name.as_bytes())
            .map(|(_, v)| v.as_slice())
    }
}

/// `+` is a space in forms; `%XX` is a byte. Malformed escapes are kept literally.
fn decode(raw: &[u8]) -> Vec<u8> {
    let spaced: Vec<u8> = raw
        .iter()
        .map(|b| if *b == b'+' { b' ' } else { *b })
        .collect();
    percent_encoding::percent_decode(&spaced).collect()
}

/// The signature Twilio computes for `url` and `form`.
pub fn expected_signature(auth_token: &[u8], url: &str, form: &RawForm) -> [u8; 20] {
    let mut pairs: Vec<&(Vec<u8>, Vec<u8>)> = form.0.iter().collect();
    pairs.sort();
    // HMAC takes keys of any length.
    let mut mac =
        <Hmac<Sha1> as Mac>::new_from_slice(auth_token).unwrap_or_else(|_| unreachable!());
    mac.update(url.as_bytes());
    for (k, v) in pairs {
        mac.update(k);
        mac.update(v);
    }
    mac.finalize().into_bytes().into()
}

/// Base64 of [`expected_signature`], as the `X-Twilio-Signature` header carries it. Used by
/// `buzon chat` and the load generator to sign like Twilio.
pub fn sign(auth_token: &[u8], url: &str, params: &[(&str, &str)]) -> String {
    let form = RawForm(
        params
            .iter()
            .map(|(k, v)| (k.as_bytes().to_vec(), v.as_bytes().to_vec()))
            .collect(),
    );
    base64::engine::general_purpose::STANDARD.encode(expected_signature(auth_token, url, &form))
}

pub fn verify(auth_token: &[u8], url: &str, form: &RawForm, signature: &TwilioSignature) -> bool {
    ct_eq(&expected_signature(auth_token, url, form), &signature.0)
}

/// Why an authentic request cannot be used.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum FormError {
    #[error("the form has no MessageSid")]
    NoMessageSid,
    #[error("the form has no From")]
    NoFrom,
    #[error("the form has no Body")]
    NoBody,
}

/// Reads the fields Buzón uses. Everything else Twilio sends (`FromCity`, `FromZip`, …) is
/// dropped here and never reaches storage or logs.
pub fn inbound(form: &RawForm) -> Result<Inbound, FormError> {
    let text_of = |name| form.get(name).map(|v| String::from_utf8(v.to_vec()));
    let sid = match text_of("MessageSid").or_else(|| text_of("SmsSid")) {
        Some(Ok(s)) if !s.trim().is_empty() && s.len() <= 64 => s,
        _ => return Err(FormError::NoMessageSid),
    };
    let from = match text_of("From") {
        Some(Ok(s)) if !s.trim().is_empty() && s.len() <= 64 => s,
        _ => return Err(FormError::NoFrom),
    };
    let text = match text_of("Body") {
        // No control character reaches the flow (or, later, an analyst's terminal).
        Some(Ok(body)) => Some(crate::domain::strip_controls(&body)),
        Some(Err(_)) => None,
        None => return Err(FormError::NoBody),
    };
    Ok(Inbound {
        sender: SenderId::new(Channel::Sms, &from),
        provider_id: Some(sid),
        text,
        lang_hint: None,
        attachment: None,
        rate_checked: false,
    })
}

/// A TwiML answer with one message, or an empty `<Response/>` when there is nothing to say.
pub fn twiml(messages: &[String]) -> String {
    if messages.is_empty() {
        return r#"<?xml version="1.0" encoding="UTF-8"?><Response/>"#.to_owned();
    }
    let body: String = messages
        .iter()
        .map(|m| format!("<Message>{}</Message>", crate::channels::escape_markup(m)))
        .collect();
    format!(r#"<?xml version="1.0" encoding="UTF-8"?><Response>{body}</Response>"#)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn twilios_published_example_signature_matches() {
        let params = [
            ("CallSid", "CA1234567890ABCDE"),
            ("Caller", "+12349013030"),
            ("Digits", "1234"),
            ("From", "+12349013030"),
            ("To", "+18005551212"),
        ];
        let sig = sign(
            b"12345",
            "https://mycompany.com/myapp.php?foo=1&bar=2",
            &params,
        );
        assert_eq!(sig, "0/KCTR6DLpKmkAf8muzZqo1nDgQ=");
    }

    #[test]
    fn verification_uses_the_form_as_sent_and_fails_on_any_change() {
        let url = "https://buzon.test/webhooks/sms/twilio";
        let body = b"To=%2B5215550000000&From=%2B5215551234567&Body=Hola+mundo&MessageSid=SM1";
        let form = RawForm::parse(body);
        let good = TwilioSignature::parse(&sign(
            b"tok",
            url,
            &[
                ("To", "+5215550000000"),
                ("From", "+5215551234567"),
                ("Body", "Hola mundo"),
                ("MessageSid", "SM1"),
            ],
        ))
        .expect("base64");
        assert!(verify(b"tok", url, &form, &good));
        assert!(!verify(b"other", url, &form, &good));
        assert!(!verify(
            b"tok",
            "https://evil.test/webhooks/sms/twilio",
            &form,
            &good
        ));
        let tampered = RawForm::parse(&body[..body.len() - 1]);
        assert!(!verify(b"tok", url, &tampered, &good));
        assert!(TwilioSignature::parse("not base64!").is_none());
        assert!(TwilioSignature::parse("AAAA").is_none());
    }

    #[test]
    fn invalid_utf8_in_the_body_is_unreadable_not_an_error() {
        let form = RawForm::parse(b"MessageSid=SM1&From=%2B1&Body=%FF%FE");
        let msg = inbound(&form).expect("authentic form");
        assert!(msg.text.is_none());
        assert_eq!(
            inbound(&RawForm::parse(b"MessageSid=SM1&From=%2B1")).err(),
            Some(FormError::NoBody)
        );
        assert_eq!(
            inbound(&RawForm::parse(b"From=%2B1&Body=x")).err(),
            Some(FormError::NoMessageSid)
        );
    }

    #[test]
    fn twiml_is_escaped() {
        assert_eq!(
            twiml(&["a<b & \"c\"\u{0}".into()]),
            r#"<?xml version="1.0" encoding="UTF-8"?><Response><Message>a&lt;b &amp; &quot;c&quot;</Message></Response>"#
        );
        assert!(twiml(&[]).ends_with("<Response/>"));
        assert!(
            twiml(&["a".into(), "b".into()]).contains("<Message>a</Message><Message>b</Message>")
        );
    }
}

#[cfg(test)]
mod properties {
    //! The webhook parser meets hostile bytes before anything else: it must never panic, and a
    //! signature must never verify for a body it was not made for. (Coverage-guided fuzzing
    //! with cargo-fuzz needs a nightly toolchain this project's machines do not have; these
    //! properties run in the normal suite instead.)
    use proptest::prelude::*;

    use super::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(500))]

        #[test]
        fn any_body_parses_without_panicking(body in prop::collection::vec(any::<u8>(), 0..2048)) {
            let form = RawForm::parse(&body);
            let _ = inbound(&form);
            let sig = TwilioSignature([0u8; 20]);
            let _ = verify(b"token", "https://buzon.test/x", &form, &sig);
        }

        #[test]
        fn a_signature_covers_exactly_its_parameters(
            body in "[a-zA-Z0-9 %+=&]{0,200}",
            other in "[a-zA-Z0-9 %+=&]{0,200}",
        ) {
            let url = "https://buzon.test/webhooks/sms/twilio";
            let form = RawForm::parse(body.as_bytes());
            let sig = TwilioSignature(expected_signature(b"token", url, &form));
            prop_assert!(verify(b"token", url, &form, &sig));
            let other_form = RawForm::parse(other.as_bytes());
            // Twilio's scheme concatenates sorted names and values without separators, so two
            // forms with the same concatenation share a signature (a property of the scheme).
            let signed_bytes = |f: &RawForm| {
                let mut pairs: Vec<_> = f.0.clone();
                pairs.sort();
                pairs.into_iter().flat_map(|(k, v)| k.into_iter().chain(v)).collect::<Vec<u8>>()
            };
            let same = signed_bytes(&form) == signed_bytes(&other_form);
            prop_assert_eq!(verify(b"token", url, &other_form, &sig), same);
        }
    }
}
