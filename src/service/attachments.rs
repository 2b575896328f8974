//! Files a reporter sends with the story, from arrival to the sealed case.
//!
//! # Where a file lives
//!
//! 1. **Download**: the Telegram channel fetches it through `getFile` into memory, reading at
//!    most what the draft still has room for (never more than 20 MB, also when the Bot API
//!    announces no size), zeroized when dropped; it is never written to disk in the clear.
//! 2. **Until the complaint is confirmed**: sealed at once with XChaCha20-Poly1305 under the
//!    sender's *draft key* — the same key as the draft, which needs the sender's chat id as well
//!    as the server secret — bound to the sender's pseudonym, and stored in `draft_files`
//!    under a random id. The sealed draft names the id, kind, type and size. The row is never rewritten while the draft lives: its `expires_at` is a grace period
//!    from its arrival, and the sweep deletes it only once that has passed *and* its sender
//!    has no live draft. A step that drops files from the draft (a restart, an expired draft
//!    replaced) deletes exactly those rows; filing, leaving and `/delete` delete them all.
//!    The per-draft caps (count and bytes) are decided before a download, from the size the
//!    update declares (see `service::telegram`).
//! 3. **Filed**: opened one at a time and sealed once per case with age to every member key of
//!    every org that receives the case (`case_files`, see [`seal_for_case`] for the memory
//!    bound); a picture becomes a working copy re-encoded from its pixels plus the untouched
//!    original, marked as evidence, each sealed on its own. The envelopes carry only each file's id
//!    and SHA-256; the orgs download the files through `GET /api/v1/cases/{id}/files/{file}`.

use std::sync::Arc;

use rand::RngCore;
use sha2::{Digest, Sha256};
use zeroize::Zeroizing;

use super::{App, ServiceError, unix_now};
use crate::channels::pictures::{self, ImageFormat, WorkingCopy};
use crate::channels::telegram::send::MAX_DOWNLOAD_BYTES;
use crate::crypto::{Pseudonym, SealedDraft, SenderId, seal_envelope};
use crate::domain::{ComplaintFile, FileRole, OrgId};
use crate::intake::{AttachmentKind, AttachmentNote, MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS};
use crate::store::Blobs;
use crate::store::CaseFile;

/// A file opened for filing. No `Debug`.
pub struct OpenedFile {
    pub note: AttachmentNote,
    pub bytes: Zeroizing<Vec<u8>>,
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Files of each sender being downloaded or added right now, counted against the draft's caps
/// before the next download starts: updates of one chat may arrive concurrently, and each would
/// otherwise see the draft without the others. In memory, per instance (see the README); an
/// entry lives only while its update is handled. Keyed by pseudonym.
#[derive(Default)]
pub struct InFlight(std::sync::Mutex<std::collections::HashMap<[u8; 32], (usize, u64)>>);

/// Room held for one file until its update is handled (released when dropped).
pub struct Reservation<'a> {
    owner: &'a InFlight,
    key: [u8; 32],
    bytes: u64,
}

impl InFlight {
    /// Holds room for one more file of a draft that already has `count` files of `bytes` in
    /// all: `declared` bytes, or when the size is unknown whatever room is left (at most
    /// 20 MB). Returns the hold and the most the download may read (the room left, at most
    /// 20 MB); `None` when the draft's
    /// caps ([`MAX_ATTACHMENTS`], [`MAX_ATTACHMENT_BYTES`]) leave no room for it.
    pub fn reserve(
        &self,
        pseudonym: &Pseudonym,
        count: usize,
        bytes: u64,
        declared: Option<u64>,
    ) -> Option<(Reservation<'_>, u32)> {
        let mut key = [0u8; 32];
        key.copy_from_slice(pseudonym.as_bytes());
        let mut map = self.0.lock().ok()?;
        let (busy_count, busy_bytes) = map.get(&key).copied().unwrap_or((0, 0));
        let room = MAX_ATTACHMENT_BYTES.saturating_sub(bytes.saturating_add(busy_bytes));
        let most = room.min(u64::from(MAX_DOWNLOAD_BYTES));
        let want = declared.unwrap_or(most);
        if count + busy_count >= MAX_ATTACHMENTS || want > room || most == 0 {
            return None;
        }
        let entry = map.entry(key).or_insert((0, 0));
        entry.0 += 1;
        entry.1 += want;
        // The download may read up to the room left whatever was declared: the draft's own
        // check counts the real size when the file joins it.
        let cap = u32::try_from(most).unwrap_or(MAX_DOWNLOAD_BYTES);
        Some((
            Reservation {
                owner: self,
                key,
                bytes: want,
            },
            cap,
        ))
    }
}

impl Drop for Reservation<'_> {
    fn drop(&mut self) {
        if let Ok(mut map) = self.owner.0.lock()
            && let Some(entry) = map.get_mut(&self.key)
        {
            entry.0 = entry.0.saturating_sub(1);
            entry.1 = entry.1.saturating_sub(self.bytes);
            if entry.0 == 0 {
                map.remove(&self.key);
            }
        }
    }
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

/// Where the files of a case being filed come from.
pub enum FileSource<'a> {
    /// The sender's draft files (Telegram), named by the submission's notes; each is read and
    /// opened only when its turn comes.
    Draft {
        sender: &'a SenderId,
        pseudonym: &'a Pseudonym,
    },
    /// Files already in memory (the shelters' web form, bounded by its upload limit).
    Opened(Vec<OpenedFile>),
}

/// Seals a case's files, one at a time: each entry (a file as sent; for a picture, the
/// metadata-free working copy and the untouched original) is sealed once with age to every
/// member key of every org in `orgs` (all of them reference it from their envelope) under a
/// random id. Returns the references for the complaint and the sealed files to store.
///
/// Memory: at most one file is open at a time (its sealed draft copy and its bytes, each at
/// most 20 MB, its working copy at most twice that, and while a picture is re-encoded at most
/// 256 MiB of its pixels, see `channels::pictures`); what accumulates is the sealed files: the
/// originals within the draft's cap (`MAX_ATTACHMENT_BYTES`, 50 MB) and working copies of at
/// most twice their original or 1 MiB each ([`max_working_copy`]), about 160 MB. So one filing
/// holds well under half a gigabyte, and at most four filings seal at once.
/// A file that is missing or does not open fails the filing: a complaint is never filed
/// without evidence the reporter was shown.
pub async fn seal_for_case(
    app: &Arc<App>,
    orgs: &[OrgId],
    notes: &[AttachmentNote],
    source: FileSource<'_>,
) -> Result<(Vec<ComplaintFile>, Vec<CaseFile>), ServiceError> {
    let keys: Arc<Vec<age::x25519::Recipient>> = Arc::new(
        orgs.iter()
            .filter_map(|id| app.routing.org(id))
            .flat_map(|o| o.recipients.iter().cloned())
            .collect(),
    );
    let orgs: Arc<Vec<OrgId>> = Arc::new(orgs.to_vec());
    let mut out = (Vec::new(), Vec::new());
    match source {
        FileSource::Draft { sender, pseudonym } => {
            for (i, note) in notes.iter().enumerate() {
                let file = open_draft_file(app, sender, pseudonym, note).await?;
                seal_into(i, file, &keys, &orgs, &mut out).await?;
            }
        }
        FileSource::Opened(files) => {
            for (i, file) in files.into_iter().enumerate() {
                seal_into(i, file, &keys, &orgs, &mut out).await?;
            }
        }
    }
    Ok(out)
}

type Sealed = (Vec<ComplaintFile>, Vec<CaseFile>);

async fn seal_into(
    i: usize,
    file: OpenedFile,
    keys: &Arc<Vec<age::x25519::Recipient>>,
    orgs: &Arc<Vec<OrgId>>,
    out: &mut Sealed,
) -> Result<(), ServiceError> {
    let (keys, orgs) = (Arc::clone(keys), Arc::clone(orgs));
    // age runs on the blocking pool; the plaintext is dropped (zeroized) there.
    let (refs, stored) = tokio::task::spawn_blocking(move || seal_one(i, &file, &keys, &orgs))
        .await
        .map_err(|_| ServiceError::Seal)??;
    out.0.extend(refs);
    out.1.extend(stored);
    Ok(())
}

/// Reads and opens one draft file.
async fn open_draft_file(
    app: &Arc<App>,
    sender: &SenderId,
    pseudonym: &Pseudonym,
    note: &AttachmentNote,
) -> Result<OpenedFile, ServiceError> {
    let id = unhex(&note.id).ok_or(ServiceError::Seal)?;
    let sealed = app
        .store
        .draft_file(pseudonym, &id)
        .await?
        .ok_or(ServiceError::Seal)?;
    let bytes = app
        .keys
        .open_draft(sender, &SealedDraft(sealed))
        .ok_or(ServiceError::Seal)?;
    Ok(OpenedFile {
        note: note.clone(),
        bytes,
    })
}

/// The bytes of a hex id; `None` if it is not hex.
pub(crate) fn unhex(s: &str) -> Option<Vec<u8>> {
    s.len()
        .is_multiple_of(2)
        .then(|| {
            (0..s.len())
                .step_by(2)
                .map(|i| u8::from_str_radix(s.get(i..i + 2)?, 16).ok())
                .collect()
        })
        .flatten()
}

/// The complaint entries of the `i`-th file: as sent, or for a picture a working copy
/// re-encoded from its pixels first (`channels::pictures`), then the untouched original marked
/// as evidence; each sealed on its own. Only a working copy is `cleaned`. CPU-bound (pictures
/// are decoded): called on the blocking pool.
fn seal_one(
    i: usize,
    f: &OpenedFile,
    keys: &[age::x25519::Recipient],
    orgs: &[OrgId],
) -> Result<Sealed, ServiceError> {
    let kind = f.note.kind.as_str();
    let ext = extension(&f.note.media_type);
    let stem = format!("{:02}-{kind}", i + 1);
    let sent_as = f.note.media_type.as_str();
    let copy = match pictures::working_copy(&f.bytes, sent_as) {
        // A re-encoding may be larger than what was sent; past the bound the filing's memory
        // promise (see `seal_for_case`) would not hold, so the original goes alone, uncleaned.
        WorkingCopy::Cleaned { bytes, .. } if bytes.len() > max_working_copy(f.bytes.len()) => {
            WorkingCopy::NotCleaned
        }
        copy => copy,
    };
    let original = || {
        (
            format!("{stem}.original.{ext}"),
            FileRole::OriginalEvidence,
            sent_as,
            false,
            &f.bytes[..],
        )
    };
    let mut entries: Vec<(String, FileRole, &str, bool, &[u8])> = Vec::new();
    match &copy {
        WorkingCopy::Cleaned { bytes, media_type } => {
            entries.push((
                format!("{stem}.{}", extension(media_type)),
                FileRole::WorkingCopy,
                media_type,
                true,
                bytes,
            ));
            entries.push(original());
        }
        WorkingCopy::NotCleaned if sent_as.starts_with("image/") => entries.push(original()),
        WorkingCopy::NotCleaned => entries.push((
            format!("{stem}.{ext}"),
            FileRole::File,
            sent_as,
            false,
            &f.bytes,
        )),
    }
    let mut out: Sealed = (Vec::new(), Vec::new());
    for (name, role, media_type, cleaned, bytes) in entries {
        let mut raw = [0u8; 16];
        rand::rngs::OsRng.fill_bytes(&mut raw);
        let id = hex(&raw);
        let sealed = seal_envelope(bytes, keys).map_err(|_| ServiceError::Seal)?;
        out.0.push(ComplaintFile {
            name,
            kind: kind.to_owned(),
            role,
            media_type: media_type.to_owned(),
            size: bytes.len() as u64,
            sha256: hex(&Sha256::digest(bytes)),
            data: String::new(),
            file_id: Some(id.clone()),
            cleaned,
        });
        out.1.push(CaseFile {
            id,
            sealed,
            orgs: orgs.to_vec(),
        });
    }
    Ok(out)
}

/// The largest working copy kept for an original of `len` bytes: twice its size, or 1 MiB.
fn max_working_copy(len: usize) -> usize {
    len.saturating_mul(2).max(1 << 20)
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
