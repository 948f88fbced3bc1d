//! The public summary of one object (what the Rust API returns), and the text form the store's
//! by-key mirror writes beside each object (plain `name value` lines, for shell and C tests).

use std::time::{Duration, SystemTime, UNIX_EPOCH};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ObjectMeta {
    /// Object size in bytes.
    pub size: u64,
    /// Quoted upper-case hex MD5, as OSS sends it: `"5EB63BBBE01EEED093CB22BB8F5ACDC3"`.
    pub etag: String,
    /// CRC-64/XZ (what OSS calls crc64ecma) of the whole object.
    pub crc64: u64,
    /// Seconds since the Unix epoch (HTTP dates have one-second resolution).
    pub last_modified: u64,
    pub content_type: String,
    /// `x-oss-meta-*` headers, names lower-cased with their prefix.
    pub user_meta: Vec<(String, String)>,
}

pub const DEFAULT_CONTENT_TYPE: &str = "application/octet-stream";
const FORMAT_LINE: &str = "oss-server-meta 1";

impl ObjectMeta {
    pub fn etag_from_md5(md5: &[u8]) -> String {
        let mut etag = String::with_capacity(34);
        etag.push('"');
        for b in md5 {
            etag.push_str(&format!("{b:02X}"));
        }
        etag.push('"');
        etag
    }

    pub fn last_modified_time(&self) -> SystemTime {
        UNIX_EPOCH + Duration::from_secs(self.last_modified)
    }

    pub fn last_modified_http(&self) -> String {
        httpdate::fmt_http_date(self.last_modified_time())
    }

    pub fn to_sidecar(&self) -> String {
        let mut text = format!(
            "{FORMAT_LINE}\nsize {}\netag {}\ncrc64 {}\nlast-modified {}\ncontent-type {}\n",
            self.size, self.etag, self.crc64, self.last_modified, self.content_type
        );
        for (name, value) in &self.user_meta {
            text.push_str(&format!("meta {name} {value}\n"));
        }
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sidecar_text() {
        let meta = ObjectMeta {
            size: 11,
            etag: ObjectMeta::etag_from_md5(&[0xab; 16]),
            crc64: u64::MAX,
            last_modified: 1_702_743_657,
            content_type: "text/plain; charset=utf-8".into(),
            user_meta: vec![("x-oss-meta-a".into(), "one two".into()), ("x-oss-meta-e".into(), String::new())],
        };
        assert_eq!(meta.etag, "\"ABABABABABABABABABABABABABABABAB\"");
        assert_eq!(
            meta.to_sidecar(),
            "oss-server-meta 1\nsize 11\netag \"ABABABABABABABABABABABABABABABAB\"\ncrc64 18446744073709551615\n\
             last-modified 1702743657\ncontent-type text/plain; charset=utf-8\nmeta x-oss-meta-a one two\nmeta x-oss-meta-e \n"
        );
    }
}
