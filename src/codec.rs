//! Byte encodings and digests behind the SDK's `aos_*` helpers: percent-encoding and decoding,
//! base64, hex, integer parsing with `strtoll` semantics, CRC-32, MD5, SHA-256 and HMACs. Pure
//! functions over bytes; the C layer (`ffi::util`, `ffi::crc`) only converts arguments.

use base64::Engine as _;
use hmac::{Hmac, Mac};
use md5::{Digest, Md5};
use sha1::Sha1;
use sha2::Sha256;

const HEX_UPPER: &[u8; 16] = b"0123456789ABCDEF";

/// Percent-encodes `src`: `A-Za-z0-9-_.~` stay bare (and `/` with `keep_slash`), every other byte
/// becomes `%XX` (upper-case hex), a space `%20`.
pub fn url_encode(src: &[u8], keep_slash: bool) -> Vec<u8> {
    let mut out = Vec::with_capacity(src.len() * 3);
    for &b in src {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') || (keep_slash && b == b'/') {
            out.push(b);
        } else {
            out.extend_from_slice(&[b'%', HEX_UPPER[usize::from(b >> 4)], HEX_UPPER[usize::from(b & 15)]]);
        }
    }
    out
}

fn hex_value(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

/// Decodes `%XX` escapes and `+` (a space, as in query strings). `Err` carries what was decoded
/// before a malformed escape.
pub fn url_decode(src: &[u8]) -> Result<Vec<u8>, Vec<u8>> {
    let mut out = Vec::with_capacity(src.len());
    let mut i = 0;
    while i < src.len() {
        match src[i] {
            b'%' => {
                let hi = src.get(i + 1).copied().and_then(hex_value);
                let lo = src.get(i + 2).copied().and_then(hex_value);
                match (hi, lo) {
                    (Some(hi), Some(lo)) => out.push(hi << 4 | lo),
                    _ => return Err(out),
                }
                i += 3;
            }
            b'+' => {
                out.push(b' ');
                i += 1;
            }
            b => {
                out.push(b);
                i += 1;
            }
        }
    }
    Ok(out)
}

/// Standard base64 with padding.
pub fn base64_encode(src: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(src)
}

/// Decodes standard base64 (padding optional); `None` if malformed.
pub fn base64_decode(src: &[u8]) -> Option<Vec<u8>> {
    let engine = base64::engine::GeneralPurpose::new(
        &base64::alphabet::STANDARD,
        base64::engine::GeneralPurposeConfig::new()
            .with_decode_padding_mode(base64::engine::DecodePaddingMode::Indifferent),
    );
    engine.decode(src).ok()
}

/// Lower-case hex of `src`.
pub fn hex_lower(src: &[u8]) -> String {
    src.iter().map(|b| format!("{b:02x}")).collect()
}

/// What `strtoll`/`strtoull` read from `src`: the value (saturated at the type's limits on
/// overflow) and how many bytes were used (0 when there is no number).
#[derive(Debug, PartialEq, Eq)]
pub struct Parsed<T> {
    pub value: T,
    pub used: usize,
}

/// Reads the magnitude of an integer like `strtoull`: leading white space, an optional sign, an
/// optional `0x` prefix (base 16 or 0) or `0` (base 0 means octal), digits of `base` (2..=36, or
/// 0 to detect). Returns (negative, magnitude, overflowed, used).
fn parse_magnitude(src: &[u8], base: u32) -> (bool, u64, bool, usize) {
    let mut i = src.iter().take_while(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c)).count();
    let negative = src.get(i) == Some(&b'-');
    if matches!(src.get(i), Some(b'-' | b'+')) {
        i += 1;
    }
    let hex_prefix = src.get(i) == Some(&b'0')
        && matches!(src.get(i + 1), Some(b'x' | b'X'))
        && src.get(i + 2).is_some_and(|b| b.is_ascii_hexdigit());
    let base = match base {
        0 if hex_prefix => 16,
        0 if src.get(i) == Some(&b'0') => 8,
        0 => 10,
        b => b,
    };
    if !(2..=36).contains(&base) {
        return (false, 0, false, 0);
    }
    if base == 16 && hex_prefix {
        i += 2;
    }
    let (mut value, mut overflow, start) = (0u64, false, i);
    while let Some(digit) = src.get(i).and_then(|&b| (b as char).to_digit(base)) {
        match value.checked_mul(u64::from(base)).and_then(|v| v.checked_add(u64::from(digit))) {
            Some(v) => value = v,
            None => overflow = true,
        }
        i += 1;
    }
    if i == start {
        return (false, 0, false, 0);
    }
    (negative, value, overflow, i)
}

/// `strtoll`: saturates at `i64::MIN`/`i64::MAX`.
pub fn parse_i64(src: &[u8], base: u32) -> Parsed<i64> {
    let (negative, magnitude, overflow, used) = parse_magnitude(src, base);
    let value = match (negative, overflow) {
        (false, true) => i64::MAX,
        (true, true) => i64::MIN,
        (false, false) => i64::try_from(magnitude).unwrap_or(i64::MAX),
        (true, false) => 0i64.checked_sub_unsigned(magnitude).unwrap_or(i64::MIN),
    };
    Parsed { value, used }
}

/// `strtoull`: saturates at `u64::MAX`; a minus sign negates (wrapping), as C does.
pub fn parse_u64(src: &[u8], base: u32) -> Parsed<u64> {
    let (negative, magnitude, overflow, used) = parse_magnitude(src, base);
    let value = if overflow {
        u64::MAX
    } else if negative {
        magnitude.wrapping_neg()
    } else {
        magnitude
    };
    Parsed { value, used }
}

/// CRC-32 (IEEE 802.3, zlib's), continuing from `crc`.
pub fn crc32(crc: u32, bytes: &[u8]) -> u32 {
    let mut c = !crc;
    for &b in bytes {
        c ^= u32::from(b);
        for _ in 0..8 {
            c = if c & 1 != 0 { 0xEDB8_8320 ^ (c >> 1) } else { c >> 1 };
        }
    }
    !c
}

pub fn md5(bytes: &[u8]) -> [u8; 16] {
    Md5::digest(bytes).into()
}

pub fn sha256(bytes: &[u8]) -> [u8; 32] {
    Sha256::digest(bytes).into()
}

pub fn hmac_sha1(key: &[u8], message: &[u8]) -> [u8; 20] {
    let mut mac = Hmac::<Sha1>::new_from_slice(key).expect("HMAC takes keys of any length");
    mac.update(message);
    mac.finalize().into_bytes().into()
}

pub fn hmac_sha256(key: &[u8], message: &[u8]) -> [u8; 32] {
    let mut mac = Hmac::<Sha256>::new_from_slice(key).expect("HMAC takes keys of any length");
    mac.update(message);
    mac.finalize().into_bytes().into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn url_encoding_vectors() {
        assert_eq!(url_encode(b"a b+c/d?e#f%g~h", false), b"a%20b%2Bc%2Fd%3Fe%23f%25g~h");
        assert_eq!(url_encode(b"dir/x y", true), b"dir/x%20y");
        assert_eq!(url_encode("中".as_bytes(), false), b"%E4%B8%AD");
        assert_eq!(url_decode(b"a%20b+c%2Fd%e4%b8%ad").unwrap(), "a b c/d中".as_bytes());
        assert_eq!(url_decode(b"ab%2").unwrap_err(), b"ab");
        assert_eq!(url_decode(b"%zz").unwrap_err(), b"");
    }

    #[test]
    fn base64_vectors() {
        // RFC 4648, section 10.
        for (plain, encoded) in [("", ""), ("f", "Zg=="), ("fo", "Zm8="), ("foo", "Zm9v"), ("foobar", "Zm9vYmFy")] {
            assert_eq!(base64_encode(plain.as_bytes()), encoded);
            assert_eq!(base64_decode(encoded.as_bytes()).unwrap(), plain.as_bytes());
        }
        assert_eq!(base64_decode(b"Zg").unwrap(), b"f");
        assert!(base64_decode(b"Z!==").is_none());
    }

    #[test]
    fn integers_parse_like_strtoll() {
        assert_eq!(parse_i64(b"  -42xyz", 10), Parsed { value: -42, used: 5 });
        assert_eq!(parse_i64(b"0x1f", 0), Parsed { value: 31, used: 4 });
        assert_eq!(parse_i64(b"017", 0), Parsed { value: 15, used: 3 });
        assert_eq!(parse_i64(b"99999999999999999999", 10).value, i64::MAX);
        assert_eq!(parse_i64(b"-9223372036854775808", 10).value, i64::MIN);
        assert_eq!(parse_i64(b"abc", 10), Parsed { value: 0, used: 0 });
        assert_eq!(parse_i64(b"12", 1), Parsed { value: 0, used: 0 });
        assert_eq!(parse_u64(b"18446744073709551615", 10).value, u64::MAX);
        assert_eq!(parse_u64(b"18446744073709551616", 10).value, u64::MAX);
        assert_eq!(parse_u64(b"-1", 10).value, u64::MAX);
    }

    #[test]
    fn digests_match_published_vectors() {
        assert_eq!(crc32(0, b"123456789"), 0xCBF4_3926);
        assert_eq!(crc32(crc32(0, b"1234"), b"56789"), 0xCBF4_3926);
        assert_eq!(hex_lower(&md5(b"")), "d41d8cd98f00b204e9800998ecf8427e");
        assert_eq!(hex_lower(&md5(b"abc")), "900150983cd24fb0d6963f7d28e17f72");
        assert_eq!(hex_lower(&sha256(b"abc")), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        // RFC 2202 test case 2 and RFC 4231 test case 2.
        assert_eq!(
            hex_lower(&hmac_sha1(b"Jefe", b"what do ya want for nothing?")),
            "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79"
        );
        assert_eq!(
            hex_lower(&hmac_sha256(b"Jefe", b"what do ya want for nothing?")),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
    }
}
