//! Twilio's webhook as an attacker sends it: any signature header, URL and form body.
//!
//! Input layout: `header \n url \n body` (missing parts are empty). Checks: nothing panics;
//! a form verifies against the signature computed for it and not against another URL; the
//! fields read from any form stay within their bounds.
#![no_main]

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use buzon::channels::twilio::{self, RawForm, TwilioSignature};
use libfuzzer_sys::fuzz_target;

const TOKEN: &[u8] = b"fuzz-auth-token";

fuzz_target!(|data: &[u8]| {
    let mut parts = data.splitn(3, |b| *b == b'\n');
    let header = String::from_utf8_lossy(parts.next().unwrap_or_default());
    let url = String::from_utf8_lossy(parts.next().unwrap_or_default());
    let body = parts.next().unwrap_or_default();

    let form = RawForm::parse(body);
    if let Some(sig) = TwilioSignature::parse(&header) {
        // Whatever it says, checking it must not panic.
        let _ = twilio::verify(TOKEN, &url, &form, &sig);
    }
    // The signature Twilio would send for exactly this request verifies…
    let good = STANDARD.encode(twilio::expected_signature(TOKEN, &url, &form));
    let sig = TwilioSignature::parse(&good).expect("our own signature parses");
    assert!(twilio::verify(TOKEN, &url, &form, &sig));
    // …and does not verify for another URL or another key.
    let other = format!("{url}/x");
    assert!(!twilio::verify(TOKEN, &other, &form, &sig));
    assert!(!twilio::verify(b"another-token", &url, &form, &sig));

    if let Ok(inbound) = twilio::inbound(&form) {
        assert!(inbound.provider_id.as_ref().is_some_and(|s| s.len() <= 64));
        if let Some(text) = inbound.text.as_deref() {
            let _ = buzon::intake::classify(&buzon::intake::clean_text(text));
            let _ = buzon::channels::sms::segments(text);
            let _ = buzon::channels::sms::fold_to_gsm7(text);
        }
    }
});
