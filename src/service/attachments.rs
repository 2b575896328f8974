//! Files a reporter sends with the story, from arrival to the sealed case.
//!
//! # Where a file lives
//!
//! 1. **Download**: the Telegram channel fetches it through `getFile` into memory (at most
//!    20 MB, zeroized when dropped); it is never written to disk in the clear.
//! 2. **Until the complaint is confirmed**: sealed at once with XChaCha20-Poly1305 under the
//!    sender's *draft key* — the same key as the draft, which needs the sender's chat id as well
//!    as the server secret — bound to the sender's pseudonym, and stored in `draft_files`
//!    under a random id. The sealed draft names the id, kind, type and size. The row follows
//!    the draft: its expiry is pushed back with every message, and it is deleted in the same
//!    transaction that erases the draft (the reporter leaves, or the case is filed); `/delete`
//!    removes them too. A file whose update failed to commit, or that a restart (`/start`,
//!    "start again") dropped from the draft, is an orphan row, still sealed, swept when it
//!    expires (at most `draft_ttl_minutes` after the draft's last message).
//! 3. **Filed**: opened in memory and sealed with age inside each of the case's envelopes (see
//!    `domain::complaint`); a picture becomes a working copy re-encoded from its pixels plus the
//!    untouched original, marked as evidence. From then on only the orgs can read it.

use std::sync::Arc;

use base64::Engine;
use rand::RngCore;
use sha2::{Digest, Sha256};
use zeroize::Zeroizing;

use super::{App, ServiceError, unix_now};
use crate::channels::pictures::{self, ImageFormat, WorkingCopy};
use crate::crypto::{Pseudonym, SealedDraft, SenderId};
use crate::domain::{ComplaintFile, FileRole};
use crate::intake::{AttachmentKind, AttachmentNote};
use crate::store::Blobs;

/// A file opened for filing. No `Debug`.
pub struct OpenedFile {
    pub note: AttachmentNote,
    pub bytes: Zeroizing<Vec<u8>>,
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Seals `bytes` for the sender's draft and stores them; returns the note the draft keeps.
pub async fn store(
    app: &Arc<App>,
    sender: &SenderId,
    kind: AttachmentKind,
    media_type: &str,
    bytes: Zeroizing<Vec<u8>>,
) -> Result<AttachmentNote, ServiceError> {
    let mut id = [0u8; 16];
    rand::rngs::OsRng.fill_bytes(&mut id);
    let size = bytes.len() as u64;
    // Sealing 20 MB with XChaCha20 takes milliseconds; the plaintext is zeroized right after.
    let sealed = app.keys.seal_draft(sender, &bytes);
    drop(bytes);
    let pseudonym = app.keys.pseudonym(sender);
    let ttl =
        i64::try_from(app.settings.draft_ttl_minutes.saturating_mul(60)).unwrap_or(i64::MAX / 4);
    app.store
        .put_blob(
            Blobs::DraftFiles,
            &pseudonym,
            &id,
            sealed.0,
            unix_now() + ttl,
        )
        .await?;
    Ok(AttachmentNote {
        id: hex(&id),
        kind,
        media_type: media_type.to_owned(),
        bytes: size,
    })
}

/// Opens the files a submission names, in its order. A file that is missing or does not open
/// fails the filing: a complaint is never filed without evidence the reporter was shown.
pub async fn load(
    app: &Arc<App>,
    sender: &SenderId,
    pseudonym: &Pseudonym,
    notes: &[AttachmentNote],
) -> Result<Vec<OpenedFile>, ServiceError> {
    if notes.is_empty() {
        return Ok(Vec::new());
    }
    let rows = app
        .store
        .blobs(Blobs::DraftFiles, pseudonym, unix_now())
        .await?;
    notes
        .iter()
        .map(|note| {
            let sealed = rows
                .iter()
                .find(|(id, _)| hex(id) == note.id)
                .map(|(_, s)| SealedDraft(s.clone()))
                .ok_or(ServiceError::Seal)?;
            let bytes = app
                .keys
                .open_draft(sender, &sealed)
                .ok_or(ServiceError::Seal)?;
            Ok(OpenedFile {
                note: note.clone(),
                bytes,
            })
        })
        .collect()
}

/// The complaint's `attachments`: each file as sent, and for pictures a working copy re-encoded
/// from the pixels first (`channels::pictures`), then the untouched original marked as
/// evidence. Only a working copy is `cleaned`. CPU-bound (pictures are decoded): filing calls it
/// on the blocking pool.
pub fn complaint_files(files: &[OpenedFile]) -> Vec<ComplaintFile> {
    let mut out = Vec::new();
    for (i, f) in files.iter().enumerate() {
        let kind = f.note.kind.as_str();
        let ext = extension(&f.note.media_type);
        let stem = format!("{:02}-{kind}", i + 1);
        let entry = |name: String, role, media_type: &str, cleaned, bytes: &[u8]| ComplaintFile {
            name,
            kind: kind.to_owned(),
            role,
            media_type: media_type.to_owned(),
            size: bytes.len() as u64,
            sha256: hex(&Sha256::digest(bytes)),
            data: base64::engine::general_purpose::STANDARD.encode(bytes),
            cleaned,
        };
        let sent_as = f.note.media_type.as_str();
        match pictures::working_copy(&f.bytes, sent_as) {
            WorkingCopy::Cleaned { bytes, media_type } => {
                out.push(entry(
                    format!("{stem}.{}", extension(media_type)),
                    FileRole::WorkingCopy,
                    media_type,
                    true,
                    &bytes,
                ));
                out.push(entry(
                    format!("{stem}.original.{ext}"),
                    FileRole::OriginalEvidence,
                    sent_as,
                    false,
                    &f.bytes,
                ));
            }
            WorkingCopy::NotCleaned if sent_as.starts_with("image/") => out.push(entry(
                format!("{stem}.original.{ext}"),
                FileRole::OriginalEvidence,
                sent_as,
                false,
                &f.bytes,
            )),
            WorkingCopy::NotCleaned => out.push(entry(
                format!("{stem}.{ext}"),
                FileRole::File,
                sent_as,
                false,
                &f.bytes,
            )),
        }
    }
    out
}

/// A file extension for the types Buzón accepts.
pub fn extension(media_type: &str) -> &'static str {
    match media_type {
        "image/jpeg" => "jpg",
        "image/png" => "png",
        "image/webp" => "webp",
        "audio/ogg" => "ogg",
        "audio/mpeg" => "mp3",
        "audio/mp4" | "audio/x-m4a" | "audio/m4a" => "m4a",
        "audio/aac" => "aac",
        "audio/wav" | "audio/x-wav" => "wav",
        "audio/amr" => "amr",
        "video/mp4" => "mp4",
        "video/quicktime" => "mov",
        "video/3gpp" => "3gp",
        "video/webm" => "webm",
        "application/pdf" => "pdf",
        _ => "bin",
    }
}

/// What a file is, from what Telegram says and (for pictures) what its bytes are. `None`: a
/// type Buzón does not accept.
pub fn accept(
    sent_as: crate::channels::telegram::MediaType,
    declared: Option<&str>,
    bytes: &[u8],
) -> Option<(AttachmentKind, String)> {
    use crate::channels::telegram::MediaType as M;
    let image = pictures::sniff(bytes).map(|f| match f {
        ImageFormat::Jpeg => "image/jpeg",
        ImageFormat::Png => "image/png",
        ImageFormat::Webp => "image/webp",
    });
    let declared = declared.unwrap_or_default();
    let audio = [
        "audio/ogg",
        "audio/mpeg",
        "audio/mp4",
        "audio/x-m4a",
        "audio/m4a",
        "audio/aac",
        "audio/wav",
        "audio/x-wav",
        "audio/amr",
    ];
    let video = ["video/mp4", "video/quicktime", "video/3gpp", "video/webm"];
    let kind_type = match sent_as {
        M::Photo => (AttachmentKind::Photo, image?),
        M::Voice => (AttachmentKind::Voice, "audio/ogg"),
        M::Audio if audio.contains(&declared) => (AttachmentKind::Audio, declared),
        M::Video if video.contains(&declared) || declared.is_empty() => (
            AttachmentKind::Video,
            if declared.is_empty() {
                "video/mp4"
            } else {
                declared
            },
        ),
        M::Document if declared.starts_with("image/") => (AttachmentKind::Photo, image?),
        M::Document if declared == "application/pdf" && bytes.starts_with(b"%PDF") => {
            (AttachmentKind::Document, "application/pdf")
        }
        M::Document if audio.contains(&declared) => (AttachmentKind::Audio, declared),
        M::Document if video.contains(&declared) => (AttachmentKind::Video, declared),
        _ => return None,
    };
    Some((kind_type.0, kind_type.1.to_owned()))
}
