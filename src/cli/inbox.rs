//! `buzon inbox pull`: runs on an org's own machine. Downloads the org's envelopes, decrypts
//! them locally with the member's age identity, writes each case, then acknowledges it.
//! The server never sees plaintext, and a case is acked only after it is safely on disk.
//!
//! The server is not trusted with the analyst's machine: a busy server (429, 503) is waited
//! for as its `Retry-After` says, within bounds; a purged case (410) is reported and the
//! others are written; attachment names are made safe file names that never collide with
//! Buzón's own files; days are parsed before use; and nothing the server sent reaches the
//! terminal with its control characters.

use std::collections::HashSet;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::{Context, bail};
use serde::Deserialize;

use crate::crypto::open_envelope;
use crate::domain::{COMPLAINT_SCHEMA, CaseId, Complaint, Day, strip_controls};

/// Above this many new cases a progress bar is drawn (on a terminal).
const PROGRESS_FROM: usize = 10;
/// How often one request is tried again after a 429 or 503, and the longest wait between two
/// tries (a larger `Retry-After` is cut to it): an analyst pulling hundreds of cases after a
/// weekend waits out the per-token limit instead of giving up, and a server cannot hold
/// `buzon` for longer than `MAX_RETRIES × MAX_WAIT` on one request.
const MAX_RETRIES: u32 = 8;
const MAX_WAIT: Duration = Duration::from_secs(60);
/// The wait when a 429 or 503 carries no usable `Retry-After`.
const DEFAULT_WAIT: Duration = Duration::from_secs(2);
/// Names Buzón writes in a case folder; an attachment never takes one of them.
const OWN_FILES: &[&str] = &["complaint.md", "complaint.json", "withdrawn.md"];
/// The longest attachment file name kept, in bytes.
const MAX_NAME_BYTES: usize = 100;

#[derive(Deserialize)]
struct Page {
    cases: Vec<Meta>,
    next_after: Option<CaseId>,
}

#[derive(Deserialize)]
struct Meta {
    case_id: CaseId,
    acked_on: Option<String>,
    withdrawn_on: Option<String>,
}

pub async fn pull(
    server: &str,
    token_file: &Path,
    identity: &Path,
    out: &Path,
    lang: &str,
) -> anyhow::Result<()> {
    let available = super::markdown::languages();
    let lang = crate::domain::Lang::parse(lang)
        .ok()
        .filter(|l| available.contains(l))
        .ok_or_else(|| {
            let list: Vec<String> = available.iter().map(|l| l.to_string()).collect();
            anyhow::anyhow!(
                "--lang {lang}: not available; choose one of {}",
                list.join(", ")
            )
        })?;
    let base = super::client::server_base(server)?;
    let token = super::client::read_token(token_file)?;
    let identities = super::client::read_identities(identity)?;
    let http = reqwest::Client::builder()
        .user_agent("buzon-inbox")
        .build()?;
    create_private_dir(out)?;

    let mut all = Vec::new();
    let mut after: Option<CaseId> = None;
    loop {
        let mut req = http.get(format!("{base}/api/v1/cases")).bearer_auth(&token);
        if let Some(a) = &after {
            req = req.query(&[("after", a.as_str())]);
        }
        let page: Page = check(send(req).await?).await?.json().await?;
        all.extend(page.cases);
        match page.next_after {
            Some(next) => after = Some(next),
            None => break,
        }
    }

    let (have, new): (Vec<Meta>, Vec<Meta>) = all
        .into_iter()
        .partition(|m| case_dir(out, &m.case_id).join("complaint.json").exists());
    let bar = indicatif::ProgressBar::new(new.len() as u64);
    if new.len() < PROGRESS_FROM {
        bar.set_draw_target(indicatif::ProgressDrawTarget::hidden());
    }
    let mut written = 0usize;
    let mut purged = Vec::new();
    for meta in &new {
        let resp = send(
            http.get(format!("{base}/api/v1/cases/{}/envelope", meta.case_id))
                .bearer_auth(&token),
        )
        .await?;
        if resp.status() == reqwest::StatusCode::NOT_FOUND {
            // Withdrawn by the reporter since the list was fetched: nothing to write.
            continue;
        }
        if resp.status() == reqwest::StatusCode::GONE {
            // Purged on the server (its retention ran out): reported below, the rest written.
            purged.push(meta.case_id.clone());
            bar.inc(1);
            continue;
        }
        let envelope = check(resp).await?.bytes().await?;
        let plain = open_envelope(&envelope, &identities).map_err(|_| {
            anyhow::anyhow!("case {}: this identity cannot decrypt it", meta.case_id)
        })?;
        let mut complaint: Complaint = serde_json::from_slice(&plain)
            .with_context(|| format!("case {}: not a Buzón complaint", meta.case_id))?;
        if complaint.schema != COMPLAINT_SCHEMA || complaint.case_id != meta.case_id {
            bail!(
                "case {}: unexpected schema or case id inside the envelope",
                meta.case_id
            );
        }
        safe_names(&mut complaint);
        fetch_files(&http, &base, &token, &identities, &complaint, out).await?;
        write_case(&case_dir(out, &meta.case_id), &complaint, &lang)?;
        if !ack(&http, &base, &token, &meta.case_id).await? {
            // Withdrawn by the reporter between the download and the ack.
            let note =
                super::markdown::withdrawn_note(&lang, &crate::domain::Day::today().to_string());
            write_atomic(
                &case_dir(out, &meta.case_id).join("WITHDRAWN.md"),
                note.as_bytes(),
            )?;
        }
        written += 1;
        bar.inc(1);
    }
    // Cases the reporter withdrew after this org downloaded them: say so beside the case, with
    // the day only if it is one (a server's text is not written as a day).
    let mut bad_days = Vec::new();
    for meta in have.iter().chain(new.iter()) {
        let Some(raw) = &meta.withdrawn_on else {
            continue;
        };
        let dir = case_dir(out, &meta.case_id);
        if !dir.join("complaint.json").exists() {
            continue;
        }
        match Day::parse(raw) {
            Ok(day) => {
                let note = super::markdown::withdrawn_note(&lang, &day.to_string());
                write_atomic(&dir.join("WITHDRAWN.md"), note.as_bytes())?;
            }
            Err(_) => bad_days.push(meta.case_id.clone()),
        }
    }
    // Cases already on disk whose ack did not reach the server last time.
    for meta in have.iter().filter(|m| m.acked_on.is_none()) {
        ack(&http, &base, &token, &meta.case_id).await?;
    }
    bar.finish_and_clear();
    println!(
        "{written} new case(s) written to {}; {} already here",
        out.display(),
        have.len()
    );
    for id in &purged {
        println!("case {id}: purged on the server (410), nothing to write");
    }
    for id in &bad_days {
        eprintln!("case {id}: the server's withdrawal day is not a day; no WITHDRAWN.md written");
    }
    Ok(())
}

/// Sends a request, waiting and trying again while the server answers 429 or 503: as long
/// as its `Retry-After` says (in seconds, at most [`MAX_WAIT`]), at most [`MAX_RETRIES`] times.
/// Every request `buzon inbox` makes is safe to repeat (reads, and acks, which are idempotent).
async fn send(req: reqwest::RequestBuilder) -> anyhow::Result<reqwest::Response> {
    let mut tries = 0;
    loop {
        let again = req
            .try_clone()
            .context("a request that cannot be repeated")?;
        let resp = again.send().await.map_err(super::client::unreachable)?;
        let busy = resp.status() == reqwest::StatusCode::TOO_MANY_REQUESTS
            || resp.status() == reqwest::StatusCode::SERVICE_UNAVAILABLE;
        if !busy || tries == MAX_RETRIES {
            return Ok(resp);
        }
        tries += 1;
        tokio::time::sleep(retry_after(resp.headers())).await;
    }
}

/// The wait a `Retry-After` header asks for, within [`MAX_WAIT`]. Only the delay-seconds form
/// is read; an HTTP date or garbage gets [`DEFAULT_WAIT`].
fn retry_after(headers: &reqwest::header::HeaderMap) -> Duration {
    headers
        .get(reqwest::header::RETRY_AFTER)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok())
        .map(Duration::from_secs)
        .unwrap_or(DEFAULT_WAIT)
        .min(MAX_WAIT)
}

/// Acknowledges a case; `false` when the server no longer has it for this org (withdrawn).
async fn ack(http: &reqwest::Client, base: &str, token: &str, id: &CaseId) -> anyhow::Result<bool> {
    let resp = send(
        http.post(format!("{base}/api/v1/cases/{id}/ack"))
            .bearer_auth(token),
    )
    .await?;
    if resp.status() == reqwest::StatusCode::NOT_FOUND {
        return Ok(false);
    }
    check(resp).await.map(|_| true)
}

#[derive(serde::Deserialize)]
struct Assisted {
    cases: Vec<AssistedCase>,
}

#[derive(serde::Deserialize)]
struct AssistedCase {
    case_id: CaseId,
    filed_on: String,
    withdrawn_on: Option<String>,
    shelter_copy: bool,
    deliveries: Vec<Delivery>,
}

#[derive(serde::Deserialize)]
struct Delivery {
    org_name: String,
    delivered_on: String,
    acked_on: Option<String>,
}

/// `buzon inbox status`: what became of the cases a shelter filed, body by body.
pub async fn status(server: &str, token_file: &Path) -> anyhow::Result<()> {
    let base = super::client::server_base(server)?;
    let token = super::client::read_token(token_file)?;
    let http = reqwest::Client::builder()
        .user_agent("buzon-inbox")
        .build()?;
    let resp = send(
        http.get(format!("{base}/api/v1/assisted"))
            .bearer_auth(&token),
    )
    .await?;
    let list: Assisted = check(resp).await?.json().await?;
    if list.cases.is_empty() {
        println!("no assisted cases yet");
    }
    // Every string here came from the server: printed without its control characters.
    let p = |s: &str| strip_controls(s).replace('\n', " ");
    for c in list.cases {
        let withdrawn = c
            .withdrawn_on
            .map(|d| format!(" (withdrawn {})", p(&d)))
            .unwrap_or_default();
        let copy = if c.shelter_copy {
            ", the shelter has a copy"
        } else {
            ", no copy for the shelter"
        };
        println!(
            "case {} filed {}{copy}{withdrawn}",
            c.case_id,
            p(&c.filed_on)
        );
        if c.deliveries.is_empty() {
            println!("  no envelopes left");
        }
        for d in c.deliveries {
            let taken = d
                .acked_on
                .map(|a| format!("downloaded {}", p(&a)))
                .unwrap_or_else(|| "not downloaded yet".into());
            println!(
                "  {}: delivered {}, {taken}",
                p(&d.org_name),
                p(&d.delivered_on)
            );
        }
    }
    Ok(())
}

async fn check(resp: reqwest::Response) -> anyhow::Result<reqwest::Response> {
    let status = resp.status();
    if status.is_success() {
        return Ok(resp);
    }
    let body = resp.text().await.unwrap_or_default();
    if status == reqwest::StatusCode::UNAUTHORIZED {
        bail!("the server refused the token (401): check --token-file");
    }
    bail!(
        "the server answered {status}: {}",
        strip_controls(&body).chars().take(200).collect::<String>()
    )
}

fn case_dir(out: &Path, id: &CaseId) -> PathBuf {
    out.join(id.as_str())
}

/// Creates `dir` readable by its owner only. A folder that already exists keeps its mode: the
/// analyst chose it (`--out .`), and a pull does not change it behind her back.
fn create_private_dir(dir: &Path) -> anyhow::Result<()> {
    if dir.is_dir() {
        return Ok(());
    }
    std::fs::create_dir_all(dir).with_context(|| format!("{}: cannot create", dir.display()))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700))
            .with_context(|| format!("{}: cannot make it private (0700)", dir.display()))?;
    }
    Ok(())
}

/// Writes complaint.md first and complaint.json last, each through a temporary file, so a
/// case folder with complaint.json is complete.
fn write_case(dir: &Path, complaint: &Complaint, lang: &crate::domain::Lang) -> anyhow::Result<()> {
    create_private_dir(dir)?;
    // Attachments first, in order (a picture's working copy before its original), each next to
    // complaint.json; the JSON written keeps their names and hashes, not their bytes again.
    let mut complaint = complaint.clone();
    for f in &mut complaint.attachments {
        // Names were made safe when the envelope was read (`safe_names`).
        let name = f.name.clone();
        if f.data.is_empty() && f.file_id.is_some() {
            // Stored apart: already written by `fetch_files`.
            continue;
        }
        let bytes = base64::Engine::decode(&base64::engine::general_purpose::STANDARD, &f.data)
            .with_context(|| format!("case {}: attachment {name} is damaged", complaint.case_id))?;
        write_atomic(&dir.join(&name), &bytes)?;
        f.data.clear();
    }
    let complaint = &complaint;
    write_atomic(
        &dir.join("complaint.md"),
        super::markdown::render(complaint, lang).as_bytes(),
    )?;
    write_atomic(
        &dir.join("complaint.json"),
        &serde_json::to_vec_pretty(complaint)?,
    )?;
    Ok(())
}

/// Downloads the files a complaint references (`file_id`, stored apart once per case), one at
/// a time; decrypts each locally, checks it against the SHA-256 the envelope gives for it, and
/// writes it next to where complaint.json will be. A file that does not match is refused: the
/// case is not written (nor acknowledged) and the pull stops with the reason.
async fn fetch_files(
    http: &reqwest::Client,
    base: &str,
    token: &str,
    identities: &[Box<dyn age::Identity + Send + Sync>],
    complaint: &Complaint,
    out: &Path,
) -> anyhow::Result<()> {
    use sha2::{Digest, Sha256};
    let case = &complaint.case_id;
    let dir = case_dir(out, case);
    for f in &complaint.attachments {
        let Some(file) = f.file_id.as_deref() else {
            continue;
        };
        let name = &f.name;
        if file.len() != 32 || !file.bytes().all(|b| b.is_ascii_hexdigit()) {
            bail!("case {case}: attachment {name} has a malformed file id");
        }
        let resp = send(
            http.get(format!("{base}/api/v1/cases/{case}/files/{file}"))
                .bearer_auth(token),
        )
        .await?;
        let sealed = check(resp).await?.bytes().await?;
        let plain =
            zeroize::Zeroizing::new(open_envelope(&sealed, identities).map_err(|_| {
                anyhow::anyhow!("case {case}: attachment {name} cannot be decrypted")
            })?);
        let digest: String = Sha256::digest(&plain[..])
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        if !digest.eq_ignore_ascii_case(&f.sha256) {
            bail!(
                "case {case}: attachment {name} does not match its SHA-256 in the envelope; refused"
            );
        }
        create_private_dir(&dir)?;
        write_atomic(&dir.join(name), &plain)?;
    }
    Ok(())
}

/// Every attachment name of `complaint` made safe (see [`safe_name`]), in place: the name the
/// envelope gives is the server's word, and the safe one names the file on disk and in
/// complaint.json.
fn safe_names(complaint: &mut Complaint) {
    let mut taken = HashSet::new();
    for f in &mut complaint.attachments {
        f.name = safe_name(&f.name, &mut taken);
    }
}

/// A file name for an attachment, safe inside the case folder whatever the server sent: its
/// last path component only, letters, digits, `.`, `-` and `_` (anything else becomes `_`),
/// no leading dot (so never hidden, `.` or `..`, nor a temporary file of [`write_atomic`]),
/// at most [`MAX_NAME_BYTES`], never one of Buzón's own files (compared without case, as a
/// Mac or Windows disk would), and unique within the case (`taken`, lower case).
pub fn safe_name(raw: &str, taken: &mut HashSet<String>) -> String {
    let last = raw.rsplit(['/', '\\']).next().unwrap_or_default();
    let mut name: String = last
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_') {
                c
            } else {
                '_'
            }
        })
        .collect();
    name = name.trim_start_matches('.').to_owned();
    if name.len() > MAX_NAME_BYTES {
        // ASCII only by now: any byte index is a character boundary.
        name = name[name.len() - MAX_NAME_BYTES..].to_owned();
    }
    let lower = name.to_ascii_lowercase();
    if name.is_empty() {
        name = "attachment".to_owned();
    } else if lower.starts_with("complaint.") || OWN_FILES.iter().any(|own| lower.starts_with(own))
    {
        name = format!("attachment-{name}");
    }
    let mut unique = name.clone();
    let mut n = 2;
    while !taken.insert(unique.to_ascii_lowercase()) {
        unique = format!("{n}-{name}");
        n += 1;
    }
    unique
}

fn write_atomic(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    // A hidden name, which no attachment can have: a file named `x.tmp` is never overwritten.
    let file = path
        .file_name()
        .and_then(|n| n.to_str())
        .context("a file name")?;
    let tmp = path.with_file_name(format!(".{file}.tmp"));
    let _ = std::fs::remove_file(&tmp);
    let write = || -> std::io::Result<()> {
        let mut f = crate::crypto::create_private_file(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)
    };
    write().with_context(|| format!("{}: cannot write", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn any_attachment_name_stays_inside_the_case_folder_and_off_buzons_files(
            names in proptest::collection::vec(any::<String>(), 1..6)
        ) {
            let mut taken = HashSet::new();
            for raw in names {
                let name = safe_name(&raw, &mut taken);
                let lower = name.to_ascii_lowercase();
                prop_assert!(!name.is_empty() && name.len() <= MAX_NAME_BYTES + 20);
                prop_assert!(!name.starts_with('.') && !name.contains(['/', '\\']));
                prop_assert!(!OWN_FILES.contains(&lower.as_str()));
                prop_assert!(!lower.starts_with("complaint."));
                prop_assert_eq!(Path::new(&name).file_name().and_then(|n| n.to_str()), Some(name.as_str()));
            }
        }
    }

    #[test]
    fn retry_after_is_read_in_seconds_and_bounded() {
        let mut h = reqwest::header::HeaderMap::new();
        assert_eq!(retry_after(&h), DEFAULT_WAIT);
        h.insert(reqwest::header::RETRY_AFTER, "1".parse().expect("value"));
        assert_eq!(retry_after(&h), Duration::from_secs(1));
        h.insert(
            reqwest::header::RETRY_AFTER,
            "999999".parse().expect("value"),
        );
        assert_eq!(retry_after(&h), MAX_WAIT);
        h.insert(
            reqwest::header::RETRY_AFTER,
            "Wed, 21 Oct 2015 07:28:00 GMT".parse().expect("value"),
        );
        assert_eq!(retry_after(&h), DEFAULT_WAIT);
    }
}
