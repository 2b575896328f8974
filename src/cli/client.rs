//! What the client commands (`inbox`, `chat`) share: reading the addresses and files a person
//! gives them, and turning what goes wrong into a sentence that says what to do.

use std::path::Path;

use anyhow::Context as _;

/// `--server`, checked: a full `http://` or `https://` address, without a trailing slash.
pub fn server_base(raw: &str) -> anyhow::Result<String> {
    let raw = raw.trim();
    let lower = raw.to_ascii_lowercase();
    let rest = lower
        .strip_prefix("http://")
        .or_else(|| lower.strip_prefix("https://"));
    match rest {
        Some(host) if !host.is_empty() && !host.starts_with('/') => {
            Ok(raw.trim_end_matches('/').to_owned())
        }
        _ => anyhow::bail!(
            "--server {raw}: give the whole address with http:// or https://, \
             e.g. --server http://127.0.0.1:8080"
        ),
    }
}

/// The token in `path` (what `buzon org token --out` wrote), without surrounding space.
pub fn read_token(path: &Path) -> anyhow::Result<String> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("{}: cannot read the token file", path.display()))?;
    let token = text.trim();
    if token.is_empty() {
        anyhow::bail!(
            "{}: the token file is empty; write the token `buzon org token` printed into it, \
             or make a new one with `buzon org token <org-id> --out FILE`",
            path.display()
        );
    }
    Ok(token.to_owned())
}

/// The age identities in `path`: the private key of an org member, never its public half.
pub fn read_identities(path: &Path) -> anyhow::Result<Vec<Box<dyn age::Identity + Send + Sync>>> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("{}: cannot read the identity file", path.display()))?;
    let first = text
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty() && !l.starts_with('#'));
    if first.is_some_and(|l| l.starts_with("age1")) {
        anyhow::bail!(
            "{}: this is a public key (age1…); --identity needs the private identity file \
             (AGE-SECRET-KEY-1…) that `buzon keygen --out FILE` wrote",
            path.display()
        );
    }
    age::IdentityFile::from_buffer(text.as_bytes())
        .ok()
        .and_then(|f| f.into_identities().ok())
        .filter(|ids| !ids.is_empty())
        .ok_or_else(|| {
            anyhow::anyhow!(
                "{}: not an age identity file (it should hold an AGE-SECRET-KEY-1… line)",
                path.display()
            )
        })
}

/// A request that got no answer, said as what to check.
pub fn unreachable(e: reqwest::Error) -> anyhow::Error {
    let at = e
        .url()
        .map(|u| format!("{}://{}", u.scheme(), u.authority()))
        .unwrap_or_else(|| "the server".to_owned());
    let why = if e.is_timeout() {
        "it did not answer in time"
    } else if e.is_connect() {
        "nothing answered there"
    } else {
        "the connection failed"
    };
    anyhow::anyhow!("cannot reach {at}: {why}. Is the server running, and is --server right?")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_server_address_needs_its_scheme() {
        assert_eq!(
            server_base("http://127.0.0.1:8080/").expect("ok"),
            "http://127.0.0.1:8080"
        );
        assert_eq!(
            server_base("HTTPS://buzon.example").expect("ok"),
            "HTTPS://buzon.example"
        );
        for bad in ["127.0.0.1:8080", "buzon.example", "http://", "ftp://x", ""] {
            let e = server_base(bad).expect_err(bad).to_string();
            assert!(e.contains("http://"), "{e}");
        }
    }
}
