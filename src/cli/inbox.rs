//! `buzon inbox pull`: runs on an org's own machine. Downloads the org's envelopes, decrypts
//! them locally with the member's age identity, writes each case, then acknowledges it.
//! The server never sees plaintext, and a case is acked only after it is safely on disk.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use serde::Deserialize;

use crate::crypto::open_envelope;
use crate::domain::{COMPLAINT_SCHEMA, CaseId, Complaint};

/// Above this many new cases a progress bar is drawn (on a terminal).
const PROGRESS_FROM: usize = 10;

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
    let token = std::fs::read_to_string(token_file)
        .with_context(|| format!("{}: cannot read the token file", token_file.display()))?;
    let token = token.trim().to_owned();
    let identities = age::IdentityFile::from_file(identity.display().to_string())
        .with_context(|| format!("{}: cannot read the identity file", identity.display()))?
        .into_identities()
        .map_err(|_| anyhow::anyhow!("{}: not an age identity file", identity.display()))?;
    let base = server.trim_end_matches('/').to_owned();
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
        let page: Page = check(req.send().await?).await?.json().await?;
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
    for meta in &new {
        let resp = http
            .get(format!("{base}/api/v1/cases/{}/envelope", meta.case_id))
            .bearer_auth(&token)
            .send()
            .await?;
        if resp.status() == reqwest::StatusCode::NOT_FOUND {
            // Withdrawn by the reporter since the list was fetched: nothing to write.
            continue;
        }
        let envelope = check(resp).await?.bytes().await?;
        let plain = open_envelope(&envelope, &identities).map_err(|_| {
            anyhow::anyhow!("case {}: this identity cannot decrypt it", meta.case_id)
        })?;
        let complaint: Complaint = serde_json::from_slice(&plain)
            .with_context(|| format!("case {}: not a Buzón complaint", meta.case_id))?;
        if complaint.schema != COMPLAINT_SCHEMA || complaint.case_id != meta.case_id {
            bail!(
                "case {}: unexpected schema or case id inside the envelope",
                meta.case_id
            );
        }
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
    // Cases the reporter withdrew after this org downloaded them: say so beside the case.
    for meta in have.iter().chain(new.iter()) {
        if let Some(day) = &meta.withdrawn_on {
            let note = super::markdown::withdrawn_note(&lang, day);
            write_atomic(
                &case_dir(out, &meta.case_id).join("WITHDRAWN.md"),
                note.as_bytes(),
            )?;
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
    Ok(())
}

/// Acknowledges a case; `false` when the server no longer has it for this org (withdrawn).
async fn ack(http: &reqwest::Client, base: &str, token: &str, id: &CaseId) -> anyhow::Result<bool> {
    let resp = http
        .post(format!("{base}/api/v1/cases/{id}/ack"))
        .bearer_auth(token)
        .send()
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
    let token = std::fs::read_to_string(token_file)
        .with_context(|| format!("{}: cannot read the token file", token_file.display()))?;
    let http = reqwest::Client::builder()
        .user_agent("buzon-inbox")
        .build()?;
    let base = server.trim_end_matches('/');
    let resp = http
        .get(format!("{base}/api/v1/assisted"))
        .bearer_auth(token.trim())
        .send()
        .await?;
    let list: Assisted = check(resp).await?.json().await?;
    if list.cases.is_empty() {
        println!("no assisted cases yet");
    }
    for c in list.cases {
        let withdrawn = c
            .withdrawn_on
            .map(|d| format!(" (withdrawn {d})"))
            .unwrap_or_default();
        let copy = if c.shelter_copy {
            ", the shelter has a copy"
        } else {
            ", no copy for the shelter"
        };
        println!("case {} filed {}{copy}{withdrawn}", c.case_id, c.filed_on);
        if c.deliveries.is_empty() {
            println!("  no envelopes left");
        }
        for d in c.deliveries {
            let taken = d
                .acked_on
                .map(|a| format!("downloaded {a}"))
                .unwrap_or_else(|| "not downloaded yet".into());
            println!("  {}: delivered {}, {taken}", d.org_name, d.delivered_on);
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
        body.chars().take(200).collect::<String>()
    )
}

fn case_dir(out: &Path, id: &CaseId) -> PathBuf {
    out.join(id.as_str())
}

fn create_private_dir(dir: &Path) -> anyhow::Result<()> {
    std::fs::create_dir_all(dir).with_context(|| format!("{}: cannot create", dir.display()))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700))?;
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
        let name = attachment_name(f, &complaint.case_id)?;
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

/// The name an attachment is written under: a plain file name, never hidden, never one of the
/// case's own files.
fn attachment_name(f: &crate::domain::ComplaintFile, case: &CaseId) -> anyhow::Result<String> {
    Path::new(&f.name)
        .file_name()
        .and_then(|n| n.to_str())
        .filter(|n| !n.starts_with('.') && !n.starts_with("complaint."))
        .map(str::to_owned)
        .with_context(|| format!("case {case}: bad attachment name"))
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
        let name = attachment_name(f, case)?;
        if file.len() != 32 || !file.bytes().all(|b| b.is_ascii_hexdigit()) {
            bail!("case {case}: attachment {name} has a malformed file id");
        }
        let resp = http
            .get(format!("{base}/api/v1/cases/{case}/files/{file}"))
            .bearer_auth(token)
            .send()
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
        write_atomic(&dir.join(&name), &plain)?;
    }
    Ok(())
}

fn write_atomic(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    let tmp = path.with_extension("tmp");
    let _ = std::fs::remove_file(&tmp);
    let mut f = crate::crypto::create_private_file(&tmp)?;
    f.write_all(bytes)?;
    f.sync_all()?;
    std::fs::rename(&tmp, path)?;
    Ok(())
}
