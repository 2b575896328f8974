//! Removing metadata from images: EXIF (GPS position, camera and phone model, time), XMP,
//! IPTC and comments, from JPEG, PNG and WebP, without decoding or re-encoding the picture.
//!
//! The result is the *working copy* an analyst can share; the untouched original is sealed
//! beside it as evidence. Only segments known to carry pixels or colour are kept (an
//! allowlist), so an unknown metadata segment is dropped rather than kept by accident.

/// What the image is, judged by its first bytes (never by the name or the MIME type sent).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImageFormat {
    Jpeg,
    Png,
    Webp,
}

pub fn sniff(bytes: &[u8]) -> Option<ImageFormat> {
    if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some(ImageFormat::Jpeg)
    } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some(ImageFormat::Png)
    } else if bytes.len() >= 12 && &bytes[0..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
        Some(ImageFormat::Webp)
    } else {
        None
    }
}

/// A copy without metadata, or `None` when the file is not an image this can read safely.
pub fn strip(bytes: &[u8]) -> Option<Vec<u8>> {
    match sniff(bytes)? {
        ImageFormat::Jpeg => strip_jpeg(bytes),
        ImageFormat::Png => strip_png(bytes),
        ImageFormat::Webp => strip_webp(bytes),
    }
}

fn strip_jpeg(b: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(b.len());
    out.extend_from_slice(&b[..2]);
    let mut i = 2;
    loop {
        // Markers may be preceded by fill bytes 0xFF.
        while b.get(i) == Some(&0xFF) && b.get(i + 1) == Some(&0xFF) {
            i += 1;
        }
        if *b.get(i)? != 0xFF {
            return None;
        }
        let marker = *b.get(i + 1)?;
        match marker {
            // Start of scan: the compressed picture follows to the end; keep it as it is.
            0xDA => {
                out.extend_from_slice(&b[i..]);
                return Some(out);
            }
            0xD9 => {
                out.extend_from_slice(&b[i..i + 2]);
                return Some(out);
            }
            0x01 | 0xD0..=0xD7 => {
                out.extend_from_slice(&b[i..i + 2]);
                i += 2;
                continue;
            }
            _ => {}
        }
        let len = usize::from(u16::from_be_bytes([*b.get(i + 2)?, *b.get(i + 3)?]));
        if len < 2 {
            return None;
        }
        let end = i.checked_add(2 + len)?;
        let segment = b.get(i..end)?;
        let keep = match marker {
            // JFIF header; Adobe colour transform (needed to decode some files).
            0xE0 => segment.get(4..9) == Some(b"JFIF\0") || segment.get(4..9) == Some(b"JFXX\0"),
            0xEE => true,
            // Every other APPn (EXIF, XMP, ICC, IPTC, maker data) and comments go.
            0xE1..=0xED | 0xEF | 0xFE => false,
            // Tables, frame headers and the like describe the picture itself.
            _ => true,
        };
        if keep {
            out.extend_from_slice(segment);
        }
        i = end;
    }
}

fn strip_png(b: &[u8]) -> Option<Vec<u8>> {
    let mut out = b[..8].to_vec();
    let mut i = 8;
    while i < b.len() {
        let len = u32::from_be_bytes(b.get(i..i + 4)?.try_into().ok()?) as usize;
        let kind = b.get(i + 4..i + 8)?;
        let end = i.checked_add(12)?.checked_add(len)?;
        let chunk = b.get(i..end)?;
        // Critical chunks, and ancillary ones about colour and transparency.
        let keep = matches!(
            kind,
            b"IHDR"
                | b"PLTE"
                | b"IDAT"
                | b"IEND"
                | b"tRNS"
                | b"gAMA"
                | b"cHRM"
                | b"sRGB"
                | b"sBIT"
                | b"bKGD"
                | b"pHYs"
                | b"acTL"
                | b"fcTL"
                | b"fdAT"
        );
        if keep {
            out.extend_from_slice(chunk);
        }
        i = end;
        if kind == b"IEND" {
            return Some(out);
        }
    }
    None
}

fn strip_webp(b: &[u8]) -> Option<Vec<u8>> {
    let mut body = Vec::with_capacity(b.len());
    let mut i = 12;
    while i + 8 <= b.len() {
        let kind = &b[i..i + 4];
        let len = u32::from_le_bytes(b[i + 4..i + 8].try_into().ok()?) as usize;
        let padded = len + (len & 1);
        let end = i.checked_add(8)?.checked_add(padded)?.min(b.len());
        let chunk = b.get(i..end)?;
        match kind {
            b"EXIF" | b"XMP " => {}
            b"VP8X" => {
                let mut c = chunk.to_vec();
                // Clear the "has EXIF" and "has XMP" flags.
                *c.get_mut(8)? &= !(0x08 | 0x04);
                body.extend_from_slice(&c);
            }
            _ => body.extend_from_slice(chunk),
        }
        i = end;
    }
    let mut out = b"RIFF".to_vec();
    out.extend_from_slice(&u32::try_from(body.len() + 4).ok()?.to_le_bytes());
    out.extend_from_slice(b"WEBP");
    out.extend_from_slice(&body);
    Some(out)
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    proptest! {
        /// Whatever a phone (or an attacker) sends, stripping answers and never panics.
        #[test]
        fn any_bytes_are_answered_without_panic(body in proptest::collection::vec(any::<u8>(), 0..600)) {
            for head in [&[0xFF, 0xD8, 0xFF][..], b"\x89PNG\r\n\x1a\n", b"RIFF\0\0\0\0WEBP", b""] {
                let mut bytes = head.to_vec();
                bytes.extend_from_slice(&body);
                if let Some(clean) = strip(&bytes) {
                    prop_assert!(clean.len() <= bytes.len() + 8);
                }
            }
        }
    }

    fn contains(hay: &[u8], needle: &[u8]) -> bool {
        hay.windows(needle.len()).any(|w| w == needle)
    }

    fn segment(marker: u8, payload: &[u8]) -> Vec<u8> {
        let mut s = vec![0xFF, marker];
        s.extend_from_slice(
            &u16::try_from(payload.len() + 2)
                .expect("small")
                .to_be_bytes(),
        );
        s.extend_from_slice(payload);
        s
    }

    #[test]
    fn jpeg_loses_exif_xmp_and_comments_but_keeps_the_picture() {
        let mut jpeg = vec![0xFF, 0xD8];
        jpeg.extend(segment(0xE0, b"JFIF\0\x01\x01\0\0\x01\0\x01\0\0"));
        jpeg.extend(segment(0xE1, b"Exif\0\0MM\0*GPS-SECRET"));
        jpeg.extend(segment(0xE1, b"http://ns.adobe.com/xap/1.0/\0XMP-SECRET"));
        jpeg.extend(segment(0xFE, b"COMMENT-SECRET"));
        jpeg.extend(segment(0xDB, &[0u8; 65]));
        jpeg.extend(segment(0xC0, &[8, 0, 1, 0, 1, 1, 1, 0x11, 0]));
        jpeg.extend(segment(0xDA, &[1, 1, 0, 0, 63, 0]));
        jpeg.extend_from_slice(&[0x12, 0xFF, 0x00, 0x34, 0xFF, 0xD9]);
        let clean = strip(&jpeg).expect("a jpeg");
        for secret in [&b"GPS-SECRET"[..], b"XMP-SECRET", b"COMMENT-SECRET"] {
            assert!(contains(&jpeg, secret));
            assert!(!contains(&clean, secret));
        }
        assert!(contains(&clean, b"JFIF"));
        assert!(clean.ends_with(&[0x12, 0xFF, 0x00, 0x34, 0xFF, 0xD9]));
        assert!(strip(&jpeg[..20]).is_none(), "a truncated file is refused");
    }

    #[test]
    fn png_loses_text_and_exif_chunks() {
        fn chunk(kind: &[u8], data: &[u8]) -> Vec<u8> {
            let mut c = u32::try_from(data.len())
                .expect("small")
                .to_be_bytes()
                .to_vec();
            c.extend_from_slice(kind);
            c.extend_from_slice(data);
            c.extend_from_slice(&[0, 0, 0, 0]);
            c
        }
        let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
        png.extend(chunk(b"IHDR", &[0; 13]));
        png.extend(chunk(b"eXIf", b"GPS-SECRET"));
        png.extend(chunk(b"tEXt", b"Author\0NAME-SECRET"));
        png.extend(chunk(b"IDAT", b"pixels"));
        png.extend(chunk(b"IEND", b""));
        let clean = strip(&png).expect("a png");
        assert!(!contains(&clean, b"GPS-SECRET") && !contains(&clean, b"NAME-SECRET"));
        assert!(contains(&clean, b"pixels"));
    }

    #[test]
    fn webp_loses_exif_and_its_flag() {
        let mut body = b"VP8X".to_vec();
        body.extend_from_slice(&10u32.to_le_bytes());
        body.extend_from_slice(&[0x0C, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
        body.extend_from_slice(b"EXIF");
        body.extend_from_slice(&10u32.to_le_bytes());
        body.extend_from_slice(b"GPS-SECRET");
        body.extend_from_slice(b"VP8 ");
        body.extend_from_slice(&4u32.to_le_bytes());
        body.extend_from_slice(b"pix!");
        let mut webp = b"RIFF".to_vec();
        webp.extend_from_slice(&u32::try_from(body.len() + 4).expect("small").to_le_bytes());
        webp.extend_from_slice(b"WEBP");
        webp.extend_from_slice(&body);
        let clean = strip(&webp).expect("a webp");
        assert!(!contains(&clean, b"GPS-SECRET"));
        assert!(contains(&clean, b"pix!"));
        assert_eq!(clean[20] & 0x0C, 0);
        assert_eq!(
            u32::from_le_bytes(clean[4..8].try_into().expect("4")) as usize,
            clean.len() - 8
        );
    }
}
