//! The working copy of a file a reporter sent: for a picture, a new file re-encoded from its
//! decoded pixels; for anything else, "Buzón cannot clean this".
//!
//! A filtered copy (dropping the EXIF, XMP and text segments one knows) keeps whatever the filter
//! does not know: the GPS of a second JPEG appended after the first (multi-picture files), a
//! vendor trailer after the end marker, an EXIF segment between the scans of a progressive JPEG,
//! an unknown WebP chunk. So nothing of the original file is copied: the picture is decoded
//! (within limits on its dimensions and on the memory decoding may take), turned upright from its
//! EXIF orientation, and encoded anew by an encoder that writes pixels and nothing else (no EXIF,
//! XMP, ICC profile or text). The untouched original is still sealed beside it, as evidence.
//!
//! Video, audio, PDF and pictures that do not decode within the limits cannot be cleaned: the
//! complaint marks them `cleaned: false`, and `complaint.md` warns the analyst.
//!
//! Decoding is CPU-bound (tens to hundreds of milliseconds for a phone photo): call
//! [`working_copy`] from the blocking pool, as filing does.

use std::io::Cursor;

use image::codecs::jpeg::JpegEncoder;
use image::codecs::png::PngEncoder;
use image::metadata::Orientation;
use image::{ColorType, DynamicImage, ImageDecoder, ImageError, ImageReader, Limits};

/// What the image is, judged by its first bytes (never by the name or the MIME type sent).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImageFormat {
    Jpeg,
    Png,
    Webp,
}

impl ImageFormat {
    fn codec(self) -> image::ImageFormat {
        match self {
            Self::Jpeg => image::ImageFormat::Jpeg,
            Self::Png => image::ImageFormat::Png,
            Self::Webp => image::ImageFormat::WebP,
        }
    }
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

/// The widest or tallest picture decoded, in pixels.
pub const MAX_SIDE: u32 = 16_384;
/// The most pixels a picture decoded may have: 40 megapixels, above every phone's default
/// (12 to 24 MP); a larger one is delivered as it came, marked not cleaned.
pub const MAX_PIXELS: u64 = 40_000_000;
/// The most memory the decoded pixels may take (a 40 MP picture in 8-bit RGBA is 160 MB).
pub const MAX_DECODED_BYTES: u64 = 256 * 1024 * 1024;
/// JPEG quality of a working copy: close to the original to the eye, far smaller than PNG.
const JPEG_QUALITY: u8 = 90;

/// The working copy of one file. No `Debug`: it holds the reporter's evidence.
pub enum WorkingCopy {
    /// A picture re-encoded from its pixels: nothing of the original file but what it shows.
    Cleaned {
        bytes: Vec<u8>,
        /// The working copy's own type, which may differ from the original's (a WebP becomes
        /// a JPEG, or a PNG when it has transparency).
        media_type: &'static str,
    },
    /// Buzón cannot clean it: video, audio, PDF, or a picture that did not decode within the
    /// limits. It may carry a location or an author.
    NotCleaned,
}

/// Why a picture could not be re-encoded (logged; never shown with the picture's content).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Refused {
    /// Dimensions or decoded size past the limits (a decompression bomb, or a huge scan).
    TooLarge,
    /// Not a picture the decoders can read to the end.
    Undecodable,
    /// The encoder failed (should not happen with pixels just decoded).
    Encoding,
}

impl From<ImageError> for Refused {
    fn from(e: ImageError) -> Self {
        match e {
            ImageError::Limits(_) => Self::TooLarge,
            ImageError::Encoding(_) => Self::Encoding,
            _ => Self::Undecodable,
        }
    }
}

/// The working copy of `bytes`, sent as `media_type`. Only pictures (`image/…` whose bytes are
/// a JPEG, PNG or WebP) can be cleaned. CPU-bound: call it from the blocking pool.
pub fn working_copy(bytes: &[u8], media_type: &str) -> WorkingCopy {
    let format = match sniff(bytes) {
        Some(f) if media_type.starts_with("image/") => f,
        _ => return WorkingCopy::NotCleaned,
    };
    match reencode(bytes, format) {
        Ok((bytes, media_type)) => WorkingCopy::Cleaned { bytes, media_type },
        Err(why) => {
            tracing::info!(
                ?format,
                ?why,
                "a picture could not be re-encoded: not cleaned"
            );
            WorkingCopy::NotCleaned
        }
    }
}

/// Decodes within the limits, applies the EXIF orientation, and encodes the pixels anew:
/// JPEG for a JPEG, PNG for a PNG, and for a WebP, JPEG (a photo) or PNG (with transparency).
fn reencode(bytes: &[u8], format: ImageFormat) -> Result<(Vec<u8>, &'static str), Refused> {
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format.codec());
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(MAX_DECODED_BYTES);
    reader.limits(limits);
    // Reads the headers only, and refuses dimensions past the limits before any pixel.
    let mut decoder = reader.into_decoder()?;
    let (w, h) = decoder.dimensions();
    if u64::from(w) * u64::from(h) > MAX_PIXELS || decoder.total_bytes() > MAX_DECODED_BYTES {
        return Err(Refused::TooLarge);
    }
    // A picture whose EXIF cannot be read is kept as it is stored, not refused.
    let orientation = decoder.orientation().unwrap_or(Orientation::NoTransforms);
    let mut pixels = DynamicImage::from_decoder(decoder)?;
    pixels.apply_orientation(orientation);

    let as_jpeg = match format {
        ImageFormat::Jpeg => true,
        ImageFormat::Png => false,
        ImageFormat::Webp => !pixels.has_alpha(),
    };
    let mut out = Vec::new();
    if as_jpeg {
        if pixels.color() != ColorType::L8 {
            pixels = DynamicImage::ImageRgb8(pixels.to_rgb8());
        }
        pixels.write_with_encoder(JpegEncoder::new_with_quality(&mut out, JPEG_QUALITY))?;
        Ok((out, "image/jpeg"))
    } else {
        pixels.write_with_encoder(PngEncoder::new(&mut out))?;
        Ok((out, "image/png"))
    }
}

#[cfg(test)]
mod tests;
