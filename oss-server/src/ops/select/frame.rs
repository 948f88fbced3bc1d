//! Writing SelectObject's framed answer: each frame is version 1, a 3-byte type, the payload
//! length, a header checksum (CRC-32 of the 8 bytes before it), the payload (an 8-byte offset
//! in the object, then data) and the payload's CRC-32 (0 when the request did not ask for
//! `EnablePayloadCrc`). Integers are big-endian.

pub const DATA: u32 = 0x80_0001;
pub const CONTINUOUS: u32 = 0x80_0004;
pub const SELECT_END: u32 = 0x80_0005;
pub const META_END: u32 = 0x80_0006;
pub const JSON_META_END: u32 = 0x80_0007;

/// CRC-32 (IEEE, reflected, as zlib), table-driven.
const TABLE: [u32; 256] = {
    let mut table = [0u32; 256];
    let mut n = 0;
    while n < 256 {
        let mut c = n as u32;
        let mut k = 0;
        while k < 8 {
            c = if c & 1 != 0 { 0xEDB8_8320 ^ (c >> 1) } else { c >> 1 };
            k += 1;
        }
        table[n] = c;
        n += 1;
    }
    table
};

pub fn crc32(bytes: &[u8]) -> u32 {
    !bytes.iter().fold(!0u32, |c, &b| TABLE[((c ^ u32::from(b)) & 0xFF) as usize] ^ (c >> 8))
}

/// Appends one frame of `kind` at object `offset` with `data` to `out`.
pub fn push(out: &mut Vec<u8>, kind: u32, offset: u64, data: &[u8], with_crc: bool) {
    let mut payload = Vec::with_capacity(8 + data.len());
    payload.extend_from_slice(&offset.to_be_bytes());
    payload.extend_from_slice(data);
    let mut head = vec![1u8];
    head.extend_from_slice(&kind.to_be_bytes()[1..]);
    head.extend_from_slice(&(payload.len() as u32).to_be_bytes());
    let head_crc = crc32(&head);
    out.extend_from_slice(&head);
    out.extend_from_slice(&head_crc.to_be_bytes());
    out.extend_from_slice(&payload);
    let crc = if with_crc { crc32(&payload) } else { 0 };
    out.extend_from_slice(&crc.to_be_bytes());
}

/// The end frame of a select: scanned bytes, status, and `Code.message` when it failed.
pub fn select_end(out: &mut Vec<u8>, scanned: u64, status: u32, error: &str, with_crc: bool) {
    let mut data = scanned.to_be_bytes().to_vec();
    data.extend_from_slice(&status.to_be_bytes());
    data.extend_from_slice(error.as_bytes());
    push(out, SELECT_END, scanned, &data, with_crc);
}

/// The end frame of a meta request: scanned bytes, status, splits, rows, columns.
pub fn meta_end(out: &mut Vec<u8>, scanned: u64, splits: u32, rows: u64, columns: u32) {
    let mut data = scanned.to_be_bytes().to_vec();
    data.extend_from_slice(&200u32.to_be_bytes());
    data.extend_from_slice(&splits.to_be_bytes());
    data.extend_from_slice(&rows.to_be_bytes());
    data.extend_from_slice(&columns.to_be_bytes());
    push(out, META_END, scanned, &data, true);
}

/// The end frame of a JSON meta request: scanned bytes, status, splits, rows.
pub fn json_meta_end(out: &mut Vec<u8>, scanned: u64, splits: u32, rows: u64) {
    let mut data = scanned.to_be_bytes().to_vec();
    data.extend_from_slice(&200u32.to_be_bytes());
    data.extend_from_slice(&splits.to_be_bytes());
    data.extend_from_slice(&rows.to_be_bytes());
    push(out, JSON_META_END, scanned, &data, true);
}

#[cfg(test)]
mod tests {
    #[test]
    fn crc32_check_value() {
        assert_eq!(super::crc32(b"123456789"), 0xCBF4_3926);
    }
}
