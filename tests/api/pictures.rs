//! The working copy of a file, end to end (issue #12, item 4): pictures sent over Telegram are
//! re-encoded from their pixels, whatever hides in the file around them; what Buzón cannot
//! clean reaches the bodies marked `cleaned: false`, and `complaint.md` says so.

use std::path::Path;
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use crate::both_databases;
use crate::helpers::{Db, receipt_in};
use crate::telegram::{GPS_TAG, STORY, Tg, has, jpeg_with_gps, text_of};

/// Stands for the position, the phone and the author: none may reach a working copy.
const TRAILER: &[u8] = b"SEFT vendor trailer: MARKER-TRAILER-LOCATION 14.90N 92.26W";
const AUTHOR: &[u8] = b"MARKER-AUTHOR-Yessenia";

/// What a phone may send as one picture: a JPEG with EXIF GPS, a second JPEG (with its own
/// GPS) appended as in multi-picture files, and a vendor trailer after it all.
fn photo_with_hidden_metadata() -> Vec<u8> {
    let mut photo = jpeg_with_gps();
    photo.extend(jpeg_with_gps());
    photo.extend_from_slice(TRAILER);
    photo
}

fn pdf_with_author() -> Vec<u8> {
    let mut p = b"%PDF-1.4\n1 0 obj << /Author (".to_vec();
    p.extend_from_slice(AUTHOR);
    p.extend_from_slice(b") >> endobj\ntrailer << /Info 1 0 R >>\n%%EOF\n");
    p
}

/// A PNG that declares 60,000 × 60,000 pixels (10.8 GB as RGB) in a few dozen bytes.
fn png_bomb() -> Vec<u8> {
    fn chunk(kind: &[u8], data: &[u8]) -> Vec<u8> {
        let mut body = kind.to_vec();
        body.extend_from_slice(data);
        let mut crc = 0xFFFF_FFFFu32;
        for &b in &body {
            crc ^= u32::from(b);
            for _ in 0..8 {
                crc = if crc & 1 == 1 {
                    (crc >> 1) ^ 0xEDB8_8320
                } else {
                    crc >> 1
                };
            }
        }
        let mut c = u32::try_from(data.len())
            .expect("small")
            .to_be_bytes()
            .to_vec();
        c.extend(body);
        c.extend_from_slice(&(!crc).to_be_bytes());
        c
    }
    let mut ihdr = 60_000u32.to_be_bytes().to_vec();
    ihdr.extend_from_slice(&60_000u32.to_be_bytes());
    ihdr.extend_from_slice(&[8, 2, 0, 0, 0]);
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    png.extend(chunk(b"IHDR", &ihdr));
    png.extend(chunk(b"IDAT", &[0x78, 0x9C, 0x03, 0x00, 0, 0, 0, 1]));
    png.extend(chunk(b"IEND", b""));
    png
}

/// The one case folder `buzon inbox pull` wrote, its complaint.json and complaint.md.
fn pulled(tg: &Tg, org: &str) -> (std::path::PathBuf, Value, String) {
    let out = tg.app.dir.path().join(format!("inbox-{org}"));
    let printed = tg.app.inbox_pull(org, &tg.app.token_for(org), &out);
    assert!(printed.starts_with("1 new case(s)"), "{printed}");
    let case = std::fs::read_dir(&out)
        .expect("out")
        .flatten()
        .map(|d| d.path())
        .find(|p| p.is_dir())
        .expect("a case");
    let json = std::fs::read(case.join("complaint.json")).expect("json");
    let md = std::fs::read_to_string(case.join("complaint.md")).expect("md");
    (
        case.clone(),
        serde_json::from_slice(&json).expect("valid"),
        md,
    )
}

fn entry<'a>(c: &'a Value, name: &str) -> &'a Value {
    c["attachments"]
        .as_array()
        .expect("attachments")
        .iter()
        .find(|f| f["name"] == name)
        .unwrap_or_else(|| panic!("no {name} in {}", c["attachments"]))
}

/// The attack as the review described it: a picture hiding a second picture's GPS and a vendor
/// trailer, a PDF naming its author, and a decompression bomb, all sent over Telegram. The body
/// decrypts the case with its own age identity; the working copy carries none of the hidden
/// bytes and shows the picture; the PDF and the bomb are delivered marked not cleaned, and
/// complaint.md says so in the analyst's language.
async fn a_telegram_picture_reaches_the_body_re_encoded_and_what_cannot_be_cleaned_is_marked(
    db: Db,
) {
    let tg = Tg::spawn(db).await;
    tg.say("/start").await;
    tg.press("1").await;
    tg.say(STORY).await;

    let photo = photo_with_hidden_metadata();
    tg.serve_file("photo-big", photo.clone()).await;
    let r = tg
        .send_media(json!({ "photo": [
            { "file_id": "photo-big", "file_unique_id": "upb", "width": 64, "height": 48,
              "file_size": photo.len() } ] }))
        .await;
    assert!(text_of(&r[0]).contains("foto"), "{r:?}");
    let pdf = pdf_with_author();
    tg.serve_file("doc-pdf", pdf.clone()).await;
    tg.send_media(
        json!({ "document": { "file_id": "doc-pdf", "file_unique_id": "udp",
        "file_name": "denuncia.pdf", "mime_type": "application/pdf", "file_size": pdf.len() } }),
    )
    .await;
    let bomb = png_bomb();
    tg.serve_file("doc-bomb", bomb.clone()).await;
    tg.send_media(
        json!({ "document": { "file_id": "doc-bomb", "file_unique_id": "udb",
        "file_name": "foto.png", "mime_type": "image/png", "file_size": bomb.len() } }),
    )
    .await;

    tg.say("1").await; // on to the questions
    tg.press("2").await; // extortion
    tg.press("1").await; // INM agents
    tg.say("1").await; // Chiapas
    tg.press("2").await; // this week
    tg.press("1").await; // send to the routed bodies
    // Confirming files the case: the bomb is refused from its header, not decoded.
    let started = Instant::now();
    let r = tg.press("1").await;
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "filing took {:?}",
        started.elapsed()
    );
    let said = r.iter().map(text_of).collect::<Vec<_>>().join("\n");
    assert!(receipt_in(&said).is_some(), "no receipt: {said}");

    let (case, c, md) = pulled(&tg, "oic");
    let names: Vec<(&str, &str, bool)> = c["attachments"]
        .as_array()
        .expect("attachments")
        .iter()
        .map(|f| {
            (
                f["name"].as_str().unwrap_or_default(),
                f["role"].as_str().unwrap_or_default(),
                f["cleaned"].as_bool().expect("every entry says"),
            )
        })
        .collect();
    assert_eq!(
        names,
        [
            ("01-photo.jpg", "working_copy", true),
            ("01-photo.original.jpg", "original_evidence", false),
            ("02-document.pdf", "file", false),
            ("03-photo.original.png", "original_evidence", false),
        ]
    );

    // The working copy: none of the hidden bytes, and the first picture, whole.
    let working = std::fs::read(case.join("01-photo.jpg")).expect("working copy");
    for hidden in [GPS_TAG, b"Exif", b"MARKER-TRAILER", b"SEFT"] {
        assert!(!has(&working, hidden), "the working copy keeps {hidden:?}");
    }
    assert_eq!(
        working.windows(2).filter(|w| *w == [0xFF, 0xD8]).count(),
        1,
        "one picture, not two"
    );
    let shown = image::load_from_memory(&working).expect("the working copy decodes");
    assert_eq!((shown.width(), shown.height()), (64, 48));
    assert_eq!(entry(&c, "01-photo.jpg")["media_type"], "image/jpeg");
    // The evidence is the file as it came, and says it is not cleaned.
    let original = std::fs::read(case.join("01-photo.original.jpg")).expect("original");
    assert_eq!(original, photo);
    assert_eq!(
        std::fs::read(case.join("02-document.pdf")).expect("pdf"),
        pdf
    );
    assert!(has(&pdf, AUTHOR));
    assert_eq!(
        std::fs::read(case.join("03-photo.original.png")).expect("bomb"),
        bomb
    );

    // complaint.md warns under each file that was not cleaned, and only under those.
    let warning = "Sin limpiar: puede contener una ubicación o el nombre de quien lo creó";
    let lines: Vec<&str> = md.lines().collect();
    let warned = |name: &str| {
        let at = lines
            .iter()
            .position(|l| l.contains(&format!("`{name}`")))
            .unwrap_or_else(|| panic!("{name} not listed: {md}"));
        lines.get(at + 1).is_some_and(|l| l.contains(warning))
    };
    assert!(!warned("01-photo.jpg"), "{md}");
    for name in [
        "01-photo.original.jpg",
        "02-document.pdf",
        "03-photo.original.png",
    ] {
        assert!(warned(name), "{name} is not marked: {md}");
    }
    assert!(Path::new(&case).join("complaint.json").exists());
}
both_databases!(
    a_telegram_picture_reaches_the_body_re_encoded_and_what_cannot_be_cleaned_is_marked
);
