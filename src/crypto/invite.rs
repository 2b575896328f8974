//! One-time shelter enrolment codes: short enough to read aloud or type on a keypad.

use rand::Rng;
use zeroize::Zeroizing;

/// No 0/O, 1/I: a code read over the phone is typed right the first time.
const ALPHABET: &[u8; 32] = b"23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
/// 10 symbols of 5 bits: 50 bits, for a code that lives 24 hours and is tried under a rate
/// limit.
const SYMBOLS: usize = 10;

/// A fresh code, grouped `XXXXX-XXXXX`, with at least one digit (so that words typed after
/// `ALBERGUE` are never taken for a code).
pub fn invite_code() -> Zeroizing<String> {
    loop {
        let code = draw();
        if code.chars().any(|c| c.is_ascii_digit()) {
            return code;
        }
    }
}

fn draw() -> Zeroizing<String> {
    let mut rng = rand::rngs::OsRng;
    let mut code = Zeroizing::new(String::with_capacity(SYMBOLS + 1));
    for i in 0..SYMBOLS {
        if i == SYMBOLS / 2 {
            code.push('-');
        }
        code.push(char::from(ALPHABET[rng.gen_range(0..ALPHABET.len())]));
    }
    code
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_grouped_unambiguous_and_distinct() {
        let a = invite_code();
        let b = invite_code();
        assert_eq!(a.len(), 11);
        assert_eq!(a.as_bytes()[5], b'-');
        assert!(
            a.chars()
                .filter(|c| *c != '-')
                .all(|c| ALPHABET.contains(&(c as u8)))
        );
        assert_ne!(*a, *b);
        assert!((0..200).all(|_| invite_code().chars().any(|c| c.is_ascii_digit())));
    }
}
