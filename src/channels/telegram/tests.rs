use serde_json::json;

use super::*;

fn update(v: serde_json::Value) -> Update {
    // As the webhook does: from bytes (teloxide's flattened types read integers differently
    // from a `Value`).
    serde_json::from_slice(&serde_json::to_vec(&v).expect("json")).expect("an update")
}

fn msg(chat_type: &str, extra: serde_json::Value) -> serde_json::Value {
    let mut m = json!({
        "message_id": 3, "date": 1_700_000_000,
        "chat": if chat_type == "private" {
            json!({ "id": 42, "type": "private", "first_name": "A" })
        } else {
            json!({ "id": -42, "type": chat_type, "title": "G" })
        },
        "from": { "id": 42, "is_bot": false, "first_name": "A", "language_code": "en-US" },
    });
    for (k, v) in extra.as_object().expect("object") {
        m[k] = v.clone();
    }
    m
}

fn text_of(p: &Parsed) -> Option<&str> {
    match p {
        Parsed::Use(Incoming {
            what: What::Text(t),
            ..
        }) => Some(t),
        _ => None,
    }
}

#[test]
fn commands_are_normalised_and_delete_is_the_channels_own() {
    let parse_text = |t: &str| {
        parse(update(
            json!({ "update_id": 1, "message": msg("private", json!({ "text": t })) }),
        ))
    };
    assert_eq!(
        text_of(&parse_text("/start@BuzonBot payload")),
        Some("/start")
    );
    assert_eq!(text_of(&parse_text("/HELP")), Some("/help"));
    assert_eq!(
        text_of(&parse_text("/status 1234 5678 9012 3456")),
        Some("/status 1234 5678 9012 3456")
    );
    assert_eq!(text_of(&parse_text("hola")), Some("hola"));
    assert!(matches!(
        parse_text("/delete"),
        Parsed::Use(Incoming {
            what: What::Delete,
            ..
        })
    ));
    match parse_text("x") {
        Parsed::Use(i) => {
            assert_eq!(i.lang_hint.as_deref(), Some("en-US"));
            assert_eq!(i.message_id, Some(3));
            assert_eq!(i.update_id, 1);
        }
        Parsed::Ignore { .. } => panic!("a private text is used"),
    }
}

#[test]
fn groups_edits_stickers_and_unknown_kinds_are_ignored() {
    let group = parse(update(
        json!({ "update_id": 2, "message": msg("group", json!({ "text": "x" })) }),
    ));
    assert!(matches!(
        group,
        Parsed::Ignore {
            why: Unusable::NotPrivate,
            chat: None,
            ..
        }
    ));
    let edit = parse(update(
        json!({ "update_id": 3, "edited_message": msg("private", json!({ "text": "x", "edit_date": 1 })) }),
    ));
    assert!(matches!(
        edit,
        Parsed::Ignore {
            why: Unusable::Edited,
            chat: Some(_),
            ..
        }
    ));
    let location = parse(update(
        json!({ "update_id": 4, "message": msg("private", json!({ "location": { "latitude": 1.0, "longitude": 2.0 } })) }),
    ));
    assert!(matches!(
        location,
        Parsed::Ignore {
            why: Unusable::Unsupported,
            ..
        }
    ));
    let unknown = parse(update(json!({ "update_id": 5, "future_kind": {} })));
    assert!(matches!(
        unknown,
        Parsed::Ignore {
            why: Unusable::Other,
            update_id: 5,
            ..
        }
    ));
}

#[test]
fn the_largest_photo_is_taken() {
    let p = parse(update(
        json!({ "update_id": 6, "message": msg("private", json!({ "photo": [
        { "file_id": "small", "file_unique_id": "a", "width": 90, "height": 90, "file_size": 1 },
        { "file_id": "big", "file_unique_id": "b", "width": 900, "height": 900, "file_size": 9 },
    ], "caption": "c" })) }),
    ));
    match p {
        Parsed::Use(Incoming {
            what: What::File { file, caption },
            ..
        }) => {
            assert_eq!(file.file_id, "big");
            assert_eq!(file.kind, MediaType::Photo);
            assert_eq!(caption.as_deref(), Some("c"));
        }
        _ => panic!("a photo is used"),
    }
}

#[test]
fn secrets_are_checked_like_telegram_does() {
    assert!(valid_secret("abc_DEF-123"));
    assert!(!valid_secret(""));
    assert!(!valid_secret("with space"));
    assert!(!valid_secret(&"a".repeat(257)));
    assert!(valid_secret(&"a".repeat(256)));
}

fn press(data: &str) -> Option<What> {
    let cb = json!({
        "update_id": 9,
        "callback_query": {
            "id": "cb", "chat_instance": "ci", "data": data,
            "from": { "id": 42, "is_bot": false, "first_name": "A" },
            "message": msg("private", json!({ "text": "menu" })),
        },
    });
    match parse(update(cb)) {
        Parsed::Use(i) => Some(i.what),
        Parsed::Ignore { .. } => None,
    }
}

#[test]
fn a_button_is_read_here_as_a_menu_answer_or_an_erase_choice() {
    match press("3#violation-prompt") {
        Some(What::Button {
            key,
            question,
            menu,
            ..
        }) => {
            assert_eq!(key, "3");
            assert_eq!(question.as_deref(), Some("violation-prompt"));
            assert_eq!(menu, Some(3));
        }
        _ => panic!("a menu button"),
    }
    match press("1") {
        Some(What::Button { key, question, .. }) => {
            assert_eq!((key.as_str(), question), ("1", None));
        }
        _ => panic!("a menu button without its question"),
    }
    for e in [Erase::KeepReceipts, Erase::All, Erase::No] {
        assert!(e.data().starts_with(Erase::PREFIX));
        assert_eq!(Erase::from_data(e.data()), Some(e));
        match press(e.data()) {
            Some(What::Erase { choice, .. }) => assert_eq!(choice, e),
            _ => panic!("an erase button"),
        }
    }
    // The offer's prefix with a choice it never sent erases nothing.
    assert_eq!(Erase::from_data("erase:everything"), Some(Erase::No));
    assert_eq!(Erase::from_data("2#erase"), None);
}

#[test]
fn a_receipt_is_known_by_its_kind_not_its_message_id() {
    use crate::intake::Holder;
    let cat = Catalog::embedded().expect("catalogue");
    let es = Lang::spanish();
    let replies = [
        Reply::msg(crate::i18n::ids::DONE),
        Reply::receipt(crate::i18n::Text::msg("x"), Holder::Reporter),
        Reply::receipt(crate::i18n::Text::msg("y"), Holder::Someone),
    ];
    let kept: Vec<bool> = render(&cat, &es, &replies)
        .iter()
        .map(|r| r.is_receipt)
        .collect();
    assert_eq!(kept, [false, true, true]);
    let offer = render_erase_offer(&cat, &es, &[Erase::All]);
    let data: Vec<_> = offer
        .keyboard
        .iter()
        .flat_map(|k| k.inline_keyboard.iter().flatten())
        .map(|b| match &b.kind {
            teloxide_core::types::InlineKeyboardButtonKind::CallbackData(d) => d.clone(),
            _ => String::new(),
        })
        .collect();
    assert_eq!(data, ["erase:all"]);
}
