//! CRC-64/XZ, the checksum OSS reports in `x-oss-hash-crc64ecma`, and the
//! combination of part CRCs into the CRC of the whole object.
//!
//! The byte-crunching is done by `crc64fast` (PCLMULQDQ on x86_64, a 16-byte
//! table loop elsewhere); the combination below is our own: it lets each part
//! be checksummed independently, on its own worker, and the object's CRC be
//! derived at the end without re-reading a byte.

/// CRC-64/XZ: ECMA-182 polynomial, reflected, init and xorout all ones.
pub const POLY_REFLECTED: u64 = 0xC96C_5795_D787_0F42;

/// A running CRC-64/XZ over a stream of bytes.
#[derive(Clone)]
pub struct Crc64 {
    digest: crc64fast::Digest,
}

impl Default for Crc64 {
    fn default() -> Self {
        Self::new()
    }
}

impl Crc64 {
    pub fn new() -> Self {
        Self { digest: crc64fast::Digest::new() }
    }

    pub fn update(&mut self, bytes: &[u8]) {
        self.digest.write(bytes);
    }

    /// The CRC of everything written so far (the stream may continue).
    pub fn value(&self) -> u64 {
        self.digest.sum64()
    }
}

/// CRC-64/XZ of one buffer.
pub fn checksum(bytes: &[u8]) -> u64 {
    let mut crc = Crc64::new();
    crc.update(bytes);
    crc.value()
}

/// Multiplies two polynomials modulo the CRC polynomial, both in the
/// reflected representation (bit 63 is x^0).
const fn mul_mod_poly(a: u64, mut b: u64) -> u64 {
    let mut product = 0u64;
    let mut bit = 1u64 << 63;
    while bit != 0 {
        if a & bit != 0 {
            product ^= b;
        }
        bit >>= 1;
        // b *= x (mod poly)
        b = if b & 1 != 0 { (b >> 1) ^ POLY_REFLECTED } else { b >> 1 };
    }
    product
}

/// `X_POW_2_POW[k]` = x^(2^k) mod poly, reflected.
const X_POW_2_POW: [u64; 64] = {
    let mut table = [0u64; 64];
    table[0] = 1u64 << 62; // x^1
    let mut k = 1;
    while k < 64 {
        table[k] = mul_mod_poly(table[k - 1], table[k - 1]);
        k += 1;
    }
    table
};

/// x^(8 * len) mod poly: the factor that shifts a CRC past `len` zero bytes.
fn shift_factor(len: u64) -> u64 {
    let mut factor = 1u64 << 63; // x^0
    let mut remaining = len;
    let mut k = 3; // 8 bits per byte = 2^3
    while remaining != 0 {
        if remaining & 1 != 0 {
            factor = mul_mod_poly(X_POW_2_POW[k % 64], factor);
        }
        remaining >>= 1;
        k += 1;
    }
    factor
}

/// The CRC of `A || B` from `crc(A)`, `crc(B)` and `len(B)` (zlib's
/// crc_combine, for CRC-64/XZ). Because init and xorout are both all ones,
/// the two cancel and no other correction is needed.
pub fn combine(crc_a: u64, crc_b: u64, len_b: u64) -> u64 {
    if len_b == 0 {
        return crc_a;
    }
    mul_mod_poly(shift_factor(len_b), crc_a) ^ crc_b
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn check_value_matches_the_catalogue() {
        assert_eq!(checksum(b"123456789"), 0x995D_C9BB_DF19_39FA);
        assert_eq!(checksum(b""), 0);
    }

    #[test]
    fn streaming_equals_one_shot() {
        let data: Vec<u8> = (0..10_000u32).map(|i| (i * 31 % 251) as u8).collect();
        let mut crc = Crc64::new();
        for chunk in data.chunks(777) {
            crc.update(chunk);
        }
        assert_eq!(crc.value(), checksum(&data));
    }

    #[test]
    fn combine_equals_crc_of_concatenation_at_every_split() {
        let data: Vec<u8> = (0..3000u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8).collect();
        let whole = checksum(&data);
        for split in [0usize, 1, 2, 7, 8, 9, 63, 64, 65, 1000, 2999, 3000] {
            let (a, b) = data.split_at(split);
            assert_eq!(combine(checksum(a), checksum(b), b.len() as u64), whole, "split at {split}");
        }
    }

    #[test]
    fn combine_folds_many_parts_in_order() {
        let data: Vec<u8> = (0..100_003u32).map(|i| (i ^ (i >> 7)) as u8).collect();
        let mut acc = 0u64;
        for part in data.chunks(4096) {
            acc = combine(acc, checksum(part), part.len() as u64);
        }
        assert_eq!(acc, checksum(&data));
    }
}
