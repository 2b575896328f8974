//! A Telegram webhook body after the secret matched: any bytes, read as an update.
//!
//! Checks: nothing panics (the picture re-encoder gets the same bytes); `parse` answers every update that deserialises (it never fails);
//! a button's key and question are what its data joined.
#![no_main]

use buzon::channels::telegram::{self, Parsed, What};
use libfuzzer_sys::fuzz_target;
use teloxide_core::types::Update;

fuzz_target!(|data: &[u8]| {
    // Files from Telegram are decoded and re-encoded as pictures, from raw bytes.
    let _ = buzon::channels::pictures::working_copy(data, "image/jpeg");
    let Ok(update) = serde_json::from_slice::<Update>(data) else {
        return;
    };
    match telegram::parse(update) {
        Parsed::Use(incoming) => match incoming.what {
            What::Button { key, question, .. } => {
                // The key is what came before the first `#`, the question all after it.
                assert!(!key.contains('#'));
                if let Some(q) = question {
                    let joined = telegram::button_data(&key, &q);
                    assert!(joined == format!("{key}#{q}") || joined == key);
                }
            }
            What::Text(text) => {
                let _ = buzon::intake::classify(&buzon::intake::clean_text(&text));
            }
            _ => {}
        },
        Parsed::Ignore { .. } => {}
    }
});
