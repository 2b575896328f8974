//! A posted form, read whole and bounded: URL-encoded (login, review) or multipart (filing,
//! with files). Text fields and files stay in memory; files are zeroized when dropped. Every
//! text field loses its control characters here ([`strip_controls`]), identity fields included.

use axum::body::{Body, to_bytes};
use axum::extract::{FromRequest, Multipart};
use axum::http::{Request, header};
use zeroize::Zeroizing;

use crate::domain::strip_controls;

use super::{MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS};

/// The largest URL-encoded form (a story of several thousand characters, percent-encoded).
const MAX_FORM_BYTES: usize = 256 * 1024;
/// The largest small form (the login: a token and a language).
const MAX_SMALL_FORM_BYTES: usize = 4 * 1024;
/// The largest text field of a multipart form.
const MAX_TEXT_FIELD_BYTES: usize = 64 * 1024;
/// The multipart field that carries files.
pub(super) const FILES_FIELD: &str = "files";

/// One uploaded file. No `Debug`: it is evidence.
pub(super) struct Upload {
    /// The type the browser declared (checked against the bytes before use).
    pub declared: Option<String>,
    pub bytes: Zeroizing<Vec<u8>>,
}

/// The fields of a posted form. No `Debug`: it holds a person's story.
#[derive(Default)]
pub(super) struct Fields {
    pairs: Vec<(String, String)>,
    pub files: Vec<Upload>,
    /// The files were over the bounds and were dropped (the other fields were kept).
    pub files_refused: bool,
}

/// Why a form could not be read.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum FormError {
    /// Not a form, or a malformed one.
    Malformed,
    /// The body is larger than any form may be.
    TooLarge,
}

impl Fields {
    /// The first value of a field, if present.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.pairs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// Fields as given (tests).
    #[cfg(test)]
    pub fn from_pairs(pairs: &[(&str, &str)]) -> Self {
        Self {
            pairs: pairs
                .iter()
                .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
                .collect(),
            ..Self::default()
        }
    }

    /// Reads a small URL-encoded form (the login), refusing a declared length past
    /// [`MAX_SMALL_FORM_BYTES`] before reading anything.
    pub async fn read_small(req: Request<Body>) -> Result<Self, FormError> {
        let headers = req.headers();
        let urlencoded = headers
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| {
                v.to_ascii_lowercase()
                    .starts_with("application/x-www-form-urlencoded")
            });
        if !urlencoded {
            return Err(FormError::Malformed);
        }
        let declared = headers
            .get(header::CONTENT_LENGTH)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.parse::<usize>().ok());
        if declared.is_some_and(|n| n > MAX_SMALL_FORM_BYTES) {
            return Err(FormError::TooLarge);
        }
        let bytes = to_bytes(req.into_body(), MAX_SMALL_FORM_BYTES)
            .await
            .map_err(|_| FormError::TooLarge)?;
        Ok(Self {
            pairs: form_urlencoded::parse(&bytes).into_owned().collect(),
            ..Self::default()
        })
    }

    /// Reads a URL-encoded or multipart body.
    pub async fn read(req: Request<Body>) -> Result<Self, FormError> {
        let kind = req
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_ascii_lowercase();
        if kind.starts_with("application/x-www-form-urlencoded") {
            let bytes = to_bytes(req.into_body(), MAX_FORM_BYTES)
                .await
                .map_err(|_| FormError::TooLarge)?;
            let pairs = form_urlencoded::parse(&bytes)
                .map(|(k, v)| (k.into_owned(), strip_controls(&v)))
                .collect();
            return Ok(Self {
                pairs,
                ..Self::default()
            });
        }
        if kind.starts_with("multipart/form-data") {
            let multipart = Multipart::from_request(req, &())
                .await
                .map_err(|_| FormError::Malformed)?;
            return read_multipart(multipart).await;
        }
        Err(FormError::Malformed)
    }
}

async fn read_multipart(mut m: Multipart) -> Result<Fields, FormError> {
    let mut out = Fields::default();
    let mut total: u64 = 0;
    // A body past the route's limit surfaces here as a read error.
    let too_large = |e: axum::extract::multipart::MultipartError| {
        if e.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE {
            FormError::TooLarge
        } else {
            FormError::Malformed
        }
    };
    while let Some(mut field) = m.next_field().await.map_err(too_large)? {
        let name = field.name().unwrap_or_default().to_owned();
        if name == FILES_FIELD {
            let declared = field.content_type().map(str::to_owned);
            let mut bytes = Zeroizing::new(Vec::new());
            while let Some(chunk) = field.chunk().await.map_err(too_large)? {
                total += chunk.len() as u64;
                if total > MAX_ATTACHMENT_BYTES {
                    out.files_refused = true;
                }
                if !out.files_refused {
                    bytes.extend_from_slice(&chunk);
                }
            }
            // A file input left empty still sends a part, with no bytes.
            if bytes.is_empty() || out.files_refused {
                continue;
            }
            if out.files.len() == MAX_ATTACHMENTS {
                out.files_refused = true;
                continue;
            }
            out.files.push(Upload { declared, bytes });
        } else {
            let mut text = Vec::new();
            while let Some(chunk) = field.chunk().await.map_err(too_large)? {
                if text.len() + chunk.len() > MAX_TEXT_FIELD_BYTES {
                    return Err(FormError::TooLarge);
                }
                text.extend_from_slice(&chunk);
            }
            let text = String::from_utf8(text).map_err(|_| FormError::Malformed)?;
            out.pairs.push((name, strip_controls(&text)));
        }
    }
    if out.files_refused {
        out.files.clear();
    }
    Ok(out)
}
