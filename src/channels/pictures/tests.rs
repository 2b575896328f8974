//! Hand-built files of each kind the review named, and what their working copy keeps.

use image::{Rgb, RgbImage};
use proptest::prelude::*;

use super::*;

// ---- Building files by hand. ----

/// A marker that stands for a position, a name or a device: it must never reach a working copy.
const GPS: &[u8] = b"MARKER-GPS-14.9N-92.2W";
const DEVICE: &[u8] = b"MARKER-DEVICE-PHONE-X";

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

/// A TIFF (EXIF) structure, big-endian: IFD0 with Make, Orientation and a GPS IFD pointer; the
/// GPS IFD with a latitude and a map datum. The markers sit in Make and GPSMapDatum.
fn tiff(orientation: u16) -> Vec<u8> {
    fn entry(t: &mut Vec<u8>, tag: u16, kind: u16, count: u32, value: [u8; 4]) {
        t.extend_from_slice(&tag.to_be_bytes());
        t.extend_from_slice(&kind.to_be_bytes());
        t.extend_from_slice(&count.to_be_bytes());
        t.extend_from_slice(&value);
    }
    let len = |s: &[u8]| u32::try_from(s.len() + 1).expect("small");
    // Layout: header 8, IFD0 (3 entries) at 8..50, GPS IFD (3 entries) at 50..92, latitude
    // rationals at 92..116, then the two strings.
    let (gps_ifd, latitude, make) = (50u32, 92u32, 116u32);
    let datum = make + len(DEVICE);
    let mut t = b"MM\0\x2a\0\0\0\x08".to_vec();
    t.extend_from_slice(&3u16.to_be_bytes());
    entry(&mut t, 0x010F, 2, len(DEVICE), make.to_be_bytes());
    let [o1, o2] = orientation.to_be_bytes();
    entry(&mut t, 0x0112, 3, 1, [o1, o2, 0, 0]);
    entry(&mut t, 0x8825, 4, 1, gps_ifd.to_be_bytes());
    t.extend_from_slice(&[0; 4]);
    assert_eq!(t.len(), 50);
    t.extend_from_slice(&3u16.to_be_bytes());
    entry(&mut t, 0x0001, 2, 2, [b'N', 0, 0, 0]);
    entry(&mut t, 0x0002, 5, 3, latitude.to_be_bytes());
    entry(&mut t, 0x0012, 2, len(GPS), datum.to_be_bytes());
    t.extend_from_slice(&[0; 4]);
    for (n, d) in [(14u32, 1u32), (54, 1), (3000, 100)] {
        t.extend_from_slice(&n.to_be_bytes());
        t.extend_from_slice(&d.to_be_bytes());
    }
    assert_eq!(t.len(), 116);
    for s in [DEVICE, GPS] {
        t.extend_from_slice(s);
        t.push(0);
    }
    t
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

fn exif_app1(orientation: u16) -> Vec<u8> {
    let mut p = b"Exif\0\0".to_vec();
    p.extend(tiff(orientation));
    segment(0xE1, &p)
}

/// A picture `w` × `h`: the left half red, the right half blue.
fn halves(w: u32, h: u32) -> RgbImage {
    RgbImage::from_fn(w, h, |x, _| {
        if x < w / 2 {
            Rgb([230, 20, 20])
        } else {
            Rgb([20, 20, 230])
        }
    })
}

/// A baseline JPEG of [`halves`], with `extra` segments right after SOI.
fn jpeg(w: u32, h: u32, extra: &[Vec<u8>]) -> Vec<u8> {
    let mut plain = Vec::new();
    halves(w, h)
        .write_with_encoder(JpegEncoder::new_with_quality(&mut plain, 95))
        .expect("encode");
    let mut out = plain[..2].to_vec();
    for s in extra {
        out.extend_from_slice(s);
    }
    out.extend_from_slice(&plain[2..]);
    out
}

/// A progressive JPEG (SOF2), 16 × 16 grey, built byte by byte: a DC scan, then an EXIF APP1
/// segment carrying GPS, then the AC scan, as some cameras write them.
fn progressive_jpeg_with_exif_between_scans() -> Vec<u8> {
    let mut j = vec![0xFF, 0xD8];
    let mut dqt = vec![0u8];
    dqt.extend_from_slice(&[1; 64]);
    j.extend(segment(0xDB, &dqt));
    j.extend(segment(0xC2, &[8, 0, 16, 0, 16, 1, 1, 0x11, 0]));
    // One DC table and one AC table, each with a single one-bit code "0" for symbol 0 (a DC
    // difference of 0; an end of block).
    let mut dht = Vec::new();
    for class in [0x00u8, 0x10] {
        dht.push(class);
        dht.push(1);
        dht.extend_from_slice(&[0; 15]);
        dht.push(0);
    }
    j.extend(segment(0xC4, &dht));
    // DC scan (Ss = Se = 0): four blocks, "0000", padded with ones.
    j.extend(segment(0xDA, &[1, 1, 0x00, 0, 0, 0]));
    j.push(0x0F);
    j.extend(exif_app1(1));
    // AC scan (Ss = 1, Se = 63): an end of block for each of the four blocks.
    j.extend(segment(0xDA, &[1, 1, 0x00, 1, 63, 0]));
    j.push(0x0F);
    j.extend_from_slice(&[0xFF, 0xD9]);
    j
}

fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for &b in bytes {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

fn png_chunk(kind: &[u8; 4], data: &[u8]) -> Vec<u8> {
    let mut c = u32::try_from(data.len())
        .expect("small")
        .to_be_bytes()
        .to_vec();
    let mut body = kind.to_vec();
    body.extend_from_slice(data);
    c.extend_from_slice(&body);
    c.extend_from_slice(&crc32(&body).to_be_bytes());
    c
}

/// A PNG of [`halves`] with `extra` chunks right after IHDR (valid CRCs).
fn png(w: u32, h: u32, extra: &[Vec<u8>]) -> Vec<u8> {
    let mut plain = Vec::new();
    halves(w, h)
        .write_with_encoder(PngEncoder::new(&mut plain))
        .expect("encode");
    // Signature (8) and IHDR (4 + 4 + 13 + 4).
    let mut out = plain[..33].to_vec();
    for c in extra {
        out.extend_from_slice(c);
    }
    out.extend_from_slice(&plain[33..]);
    out
}

/// An extended WebP of [`halves`] (lossless pixels) with EXIF, XMP and an unknown chunk.
fn webp_with_metadata(w: u32, h: u32, orientation: u16) -> Vec<u8> {
    let mut plain = Vec::new();
    halves(w, h)
        .write_with_encoder(image::codecs::webp::WebPEncoder::new_lossless(&mut plain))
        .expect("encode");
    fn chunk(kind: &[u8; 4], data: &[u8]) -> Vec<u8> {
        let mut c = kind.to_vec();
        c.extend_from_slice(&u32::try_from(data.len()).expect("small").to_le_bytes());
        c.extend_from_slice(data);
        if data.len() % 2 == 1 {
            c.push(0);
        }
        c
    }
    let mut vp8x = vec![0x08 | 0x04, 0, 0, 0];
    vp8x.extend_from_slice(&(w - 1).to_le_bytes()[..3]);
    vp8x.extend_from_slice(&(h - 1).to_le_bytes()[..3]);
    let mut body = b"WEBP".to_vec();
    body.extend(chunk(b"VP8X", &vp8x));
    // The encoder's image chunk (VP8L), as it is.
    body.extend_from_slice(&plain[12..]);
    body.extend(chunk(b"EXIF", &tiff(orientation)));
    let mut xmp = b"<x:xmpmeta><exif:GPSLatitude>".to_vec();
    xmp.extend_from_slice(GPS);
    body.extend(chunk(b"XMP ", &xmp));
    let mut unknown = b"vendor data: ".to_vec();
    unknown.extend_from_slice(DEVICE);
    body.extend(chunk(b"ZZZZ", &unknown));
    let mut out = b"RIFF".to_vec();
    out.extend_from_slice(&u32::try_from(body.len()).expect("small").to_le_bytes());
    out.extend(body);
    out
}

/// An MP4 (ftyp, then moov/udta with an Apple-style `©xyz` location atom).
fn mp4_with_gps_atom() -> Vec<u8> {
    fn atom(kind: &[u8], data: &[u8]) -> Vec<u8> {
        let mut a = u32::try_from(data.len() + 8)
            .expect("small")
            .to_be_bytes()
            .to_vec();
        a.extend_from_slice(kind);
        a.extend_from_slice(data);
        a
    }
    let mut xyz = vec![0, 22, 0x15, 0xC7];
    xyz.extend_from_slice(b"+14.9000-092.2000/");
    xyz.extend_from_slice(GPS);
    let mut f = atom(b"ftyp", b"isom\0\0\x02\0isomiso2mp41");
    f.extend(atom(b"moov", &atom(b"udta", &atom(b"\xA9xyz", &xyz))));
    f
}

fn pdf_with_author() -> Vec<u8> {
    let mut p = b"%PDF-1.4\n1 0 obj << /Author (".to_vec();
    p.extend_from_slice(DEVICE);
    p.extend_from_slice(b") >> endobj\ntrailer << /Info 1 0 R >>\n%%EOF\n");
    p
}

// ---- What a working copy keeps. ----

/// The working copy, decoded again: its type, pixels and bytes. Fails the test if not cleaned.
fn cleaned(bytes: &[u8], media_type: &str) -> (&'static str, DynamicImage, Vec<u8>) {
    let WorkingCopy::Cleaned {
        bytes: copy,
        media_type: kind,
    } = working_copy(bytes, media_type)
    else {
        panic!("{media_type} was not cleaned");
    };
    for marker in [GPS, DEVICE, b"Exif", b"MM\0\x2a", b"XMP", b"tEXt", b"eXIf"] {
        assert!(
            !contains(&copy, marker),
            "the working copy keeps {marker:?}"
        );
    }
    let decoded = image::load_from_memory(&copy).expect("the working copy decodes");
    (kind, decoded, copy)
}

fn is_red(p: image::Rgba<u8>) -> bool {
    p[0] > 150 && p[2] < 100
}

fn is_blue(p: image::Rgba<u8>) -> bool {
    p[2] > 150 && p[0] < 100
}

#[test]
fn a_jpeg_with_exif_gps_is_re_encoded_upright_without_it() {
    use image::GenericImageView;
    // Orientation 6: the camera was turned; a viewer rotates 90° clockwise to show it.
    let original = jpeg(64, 32, &[exif_app1(6)]);
    assert!(contains(&original, GPS) && contains(&original, DEVICE));
    let (kind, pic, copy) = cleaned(&original, "image/jpeg");
    assert_eq!(kind, "image/jpeg");
    assert!(copy.starts_with(&[0xFF, 0xD8]) && copy.ends_with(&[0xFF, 0xD9]));
    assert_eq!(pic.dimensions(), (32, 64), "turned upright");
    // The left half (red) is now on top, the right half (blue) below.
    assert!(is_red(pic.get_pixel(16, 8)) && is_blue(pic.get_pixel(16, 56)));
}

#[test]
fn a_multi_picture_jpeg_loses_the_second_picture_and_its_gps() {
    use image::GenericImageView;
    let mut file = jpeg(48, 32, &[segment(0xE2, b"MPF\0MM\0\x2a")]);
    file.extend(jpeg(16, 16, &[exif_app1(1)]));
    assert!(contains(&file, GPS));
    let (_, pic, copy) = cleaned(&file, "image/jpeg");
    assert_eq!(pic.dimensions(), (48, 32), "the first picture only");
    assert!(!contains(&copy[2..], &[0xFF, 0xD8, 0xFF]), "one picture");
}

#[test]
fn a_jpeg_with_a_vendor_trailer_after_its_end_loses_the_trailer() {
    use image::GenericImageView;
    let mut file = jpeg(40, 24, &[]);
    file.extend_from_slice(b"SEFHvendor-trailer\0");
    file.extend_from_slice(GPS);
    file.extend_from_slice(DEVICE);
    let (_, pic, copy) = cleaned(&file, "image/jpeg");
    assert_eq!(pic.dimensions(), (40, 24));
    assert!(!contains(&copy, b"SEFH"));
}

#[test]
fn a_progressive_jpeg_with_exif_between_its_scans_loses_it() {
    use image::GenericImageView;
    let file = progressive_jpeg_with_exif_between_scans();
    assert!(contains(&file, GPS));
    let (kind, pic, _) = cleaned(&file, "image/jpeg");
    assert_eq!(kind, "image/jpeg");
    assert_eq!(pic.dimensions(), (16, 16));
}

#[test]
fn a_png_with_text_and_exif_chunks_is_re_encoded_upright_without_them() {
    use image::GenericImageView;
    let mut text = b"Author\0".to_vec();
    text.extend_from_slice(DEVICE);
    let mut comment = b"Comment\0".to_vec();
    comment.extend_from_slice(GPS);
    // Orientation 8: a viewer rotates 90° counter-clockwise.
    let original = png(
        40,
        20,
        &[
            png_chunk(b"eXIf", &tiff(8)),
            png_chunk(b"tEXt", &text),
            png_chunk(b"tEXt", &comment),
        ],
    );
    assert!(image::load_from_memory(&original).is_ok(), "a valid PNG");
    let (kind, pic, copy) = cleaned(&original, "image/png");
    assert_eq!(kind, "image/png");
    assert!(copy.starts_with(b"\x89PNG"));
    assert_eq!(pic.dimensions(), (20, 40), "turned upright");
    // Counter-clockwise: the right half (blue) is now on top.
    assert!(is_blue(pic.get_pixel(10, 5)) && is_red(pic.get_pixel(10, 35)));
}

#[test]
fn a_webp_with_exif_xmp_and_an_unknown_chunk_becomes_a_clean_jpeg() {
    use image::GenericImageView;
    let original = webp_with_metadata(30, 10, 6);
    assert!(contains(&original, GPS) && contains(&original, b"ZZZZ"));
    let (kind, pic, copy) = cleaned(&original, "image/webp");
    assert_eq!(kind, "image/jpeg", "a photo without transparency");
    assert!(!contains(&copy, b"ZZZZ") && !contains(&copy, b"RIFF"));
    assert_eq!(pic.dimensions(), (10, 30), "turned upright");
}

#[test]
fn video_audio_and_pdf_cannot_be_cleaned() {
    let mp4 = mp4_with_gps_atom();
    assert!(contains(&mp4, GPS));
    for (bytes, kind) in [
        (mp4, "video/mp4"),
        (pdf_with_author(), "application/pdf"),
        (b"OggS\0voice".to_vec(), "audio/ogg"),
        // A picture's bytes sent as something else are not decoded either.
        (jpeg(8, 8, &[]), "application/pdf"),
    ] {
        assert!(matches!(
            working_copy(&bytes, kind),
            WorkingCopy::NotCleaned
        ));
    }
}

#[test]
fn a_decompression_bomb_is_refused_from_its_header() {
    // A PNG declaring 100,000 × 100,000 pixels (40 GB as RGB) in a few bytes of zlib.
    let mut ihdr = Vec::new();
    ihdr.extend_from_slice(&100_000u32.to_be_bytes());
    ihdr.extend_from_slice(&100_000u32.to_be_bytes());
    ihdr.extend_from_slice(&[8, 2, 0, 0, 0]);
    let mut bomb = b"\x89PNG\r\n\x1a\n".to_vec();
    bomb.extend(png_chunk(b"IHDR", &ihdr));
    bomb.extend(png_chunk(b"IDAT", &[0x78, 0x9C, 0x03, 0x00, 0, 0, 0, 1]));
    bomb.extend(png_chunk(b"IEND", b""));
    assert_eq!(
        reencode(&bomb, ImageFormat::Png).err(),
        Some(Refused::TooLarge)
    );
    // Within each side's limit but past the pixel count: 16,000 × 16,000 as a JPEG frame.
    let mut huge = jpeg(8, 8, &[]);
    let sof = huge
        .windows(2)
        .position(|w| w == [0xFF, 0xC0])
        .expect("a frame header");
    huge[sof + 5..sof + 9].copy_from_slice(&[0x3E, 0x80, 0x3E, 0x80]);
    assert_eq!(
        reencode(&huge, ImageFormat::Jpeg).err(),
        Some(Refused::TooLarge)
    );
    for (bytes, kind) in [(bomb, "image/png"), (huge, "image/jpeg")] {
        assert!(matches!(
            working_copy(&bytes, kind),
            WorkingCopy::NotCleaned
        ));
    }
}

#[test]
fn a_truncated_or_corrupt_picture_is_not_cleaned_rather_than_passed_on() {
    let whole = png(16, 16, &[]);
    assert!(matches!(
        working_copy(&whole[..40], "image/png"),
        WorkingCopy::NotCleaned
    ));
    assert!(matches!(
        working_copy(b"\xFF\xD8\xFFgarbage", "image/jpeg"),
        WorkingCopy::NotCleaned
    ));
}

proptest! {
    /// Whatever a phone (or an attacker) sends, the answer comes and nothing panics.
    #[test]
    fn any_bytes_are_answered_without_panic(body in proptest::collection::vec(any::<u8>(), 0..600)) {
        for head in [&[0xFF, 0xD8, 0xFF][..], b"\x89PNG\r\n\x1a\n", b"RIFF\0\0\0\0WEBP", b""] {
            let mut bytes = head.to_vec();
            bytes.extend_from_slice(&body);
            let _ = working_copy(&bytes, "image/jpeg");
        }
    }
}
