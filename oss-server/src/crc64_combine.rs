//! The CRC-64/XZ (ECMA-182, what OSS sends as `x-oss-hash-crc64ecma`) of a concatenation from
//! the CRCs of its pieces, so a completed multipart object gets its CRC without re-reading its
//! bytes.
//!
//! Appending `n` zero bytes to a message is a linear map on the CRC register over GF(2); the map
//! for `n` bytes is built by repeated squaring of the one-zero-bit map (zlib's method). This is
//! written independently of the SDK's combine (which multiplies polynomials): the server checks
//! the client, so the two must not share a bug.

/// The reflected ECMA-182 polynomial.
const POLY: u64 = 0xC96C_5795_D787_0F42;

/// A 64x64 bit matrix over GF(2), one column per input bit.
type Matrix = [u64; 64];

fn times(matrix: &Matrix, mut vector: u64) -> u64 {
    let mut sum = 0;
    let mut column = 0;
    while vector != 0 {
        if vector & 1 != 0 {
            sum ^= matrix[column];
        }
        vector >>= 1;
        column += 1;
    }
    sum
}

fn square(matrix: &Matrix) -> Matrix {
    let mut out = [0u64; 64];
    for (n, slot) in out.iter_mut().enumerate() {
        *slot = times(matrix, matrix[n]);
    }
    out
}

/// The CRC of `A || B` from `crc(A)`, `crc(B)` and `len(B)`. Init and final XOR are both all
/// ones for CRC-64/XZ, so they cancel and need no correction.
pub fn combine(crc_a: u64, crc_b: u64, len_b: u64) -> u64 {
    if len_b == 0 {
        return crc_a;
    }
    // The operator for one zero bit: shift right, folding the polynomial in on a carry.
    let mut odd: Matrix = [0; 64];
    odd[0] = POLY;
    for (n, slot) in odd.iter_mut().enumerate().skip(1) {
        *slot = 1u64 << (n - 1);
    }
    let even = square(&odd); // two zero bits
    let mut odd = square(&even); // four zero bits
    let mut crc = crc_a;
    let mut remaining = len_b;
    // Each round squares the operator (8, 16, 32... zero bits) and applies it where `len_b`
    // has a one bit.
    loop {
        let even = square(&odd);
        if remaining & 1 != 0 {
            crc = times(&even, crc);
        }
        remaining >>= 1;
        if remaining == 0 {
            break;
        }
        odd = square(&even);
        if remaining & 1 != 0 {
            crc = times(&odd, crc);
        }
        remaining >>= 1;
        if remaining == 0 {
            break;
        }
    }
    crc ^ crc_b
}

#[cfg(test)]
mod tests {
    use super::combine;

    fn crc(data: &[u8]) -> u64 {
        let mut digest = crc64fast::Digest::new();
        digest.write(data);
        digest.sum64()
    }

    #[test]
    fn equals_the_crc_of_the_concatenation() {
        let data = crate::content_gen::generate(3, 300_001);
        for split in [0, 1, 7, 8, 9, 255, 256, 102_400, 299_999, 300_000, 300_001] {
            let (a, b) = data.split_at(split);
            assert_eq!(combine(crc(a), crc(b), b.len() as u64), crc(&data), "split at {split}");
        }
        let folded = data.chunks(65_537).fold(0, |acc, part| combine(acc, crc(part), part.len() as u64));
        assert_eq!(folded, crc(&data));
    }
}
