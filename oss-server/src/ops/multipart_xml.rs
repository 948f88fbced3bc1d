//! The XML documents of multipart uploads: the one a client sends to complete an upload, and
//! the results OSS answers with (initiate, complete, part copy, the two listings).

use crate::errors::OssError;
use crate::iso_time::iso8601_millis;
use crate::percent;
use crate::store::{ObjectRecord, PartRecord, UploadRecord};
use crate::xml::{self, escape};

/// The largest CompleteMultipartUpload document read (10,000 parts take under 1 MiB).
pub const MAX_COMPLETE_DOCUMENT: u64 = 2 * 1024 * 1024;

/// The `(part number, ETag)` pairs of a CompleteMultipartUpload document, in document order
/// (the order is checked later, against OSS's rule, not here).
pub fn parse_complete(text: &str) -> Result<Vec<(u32, String)>, OssError> {
    let document = xml::parse(text, "CompleteMultipartUpload")?;
    let mut parts = Vec::new();
    for node in document.root_element().children().filter(|n| n.is_element()) {
        if node.tag_name().name() != "Part" {
            return Err(xml::malformed(&format!("unexpected element {}", node.tag_name().name())));
        }
        let number = xml::child_text(node, "PartNumber")
            .and_then(|t| t.trim().parse::<u32>().ok())
            .ok_or_else(|| xml::malformed("a Part needs a numeric PartNumber"))?;
        let etag = xml::child_text(node, "ETag").ok_or_else(|| xml::malformed("a Part needs an ETag"))?;
        parts.push((number, etag.to_string()));
    }
    if parts.is_empty() {
        return Err(xml::malformed("no Part listed"));
    }
    Ok(parts)
}

/// Text for element content: percent-encoded under `encoding-type=url`, else XML-escaped.
pub struct Text {
    pub url_encoded: bool,
}

impl Text {
    pub fn of(&self, s: &str) -> String {
        if self.url_encoded {
            percent::encode(s, true)
        } else {
            escape(s)
        }
    }
}

/// A document under construction: the declaration, a root, indented leaf elements.
pub struct Doc {
    xml: String,
    root: &'static str,
}

impl Doc {
    pub fn new(root: &'static str) -> Doc {
        Doc { xml: format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<{root}>\n"), root }
    }

    /// A leaf element whose value is already escaped or encoded.
    pub fn leaf(&mut self, name: &str, value: &str) -> &mut Doc {
        self.xml.push_str(&format!("  <{name}>{value}</{name}>\n"));
        self
    }

    /// A group of leaf elements (`Part`, `Upload`, `CommonPrefixes`).
    pub fn group(&mut self, name: &str, leaves: &[(&str, String)]) -> &mut Doc {
        self.xml.push_str(&format!("  <{name}>\n"));
        for (leaf, value) in leaves {
            self.xml.push_str(&format!("    <{leaf}>{value}</{leaf}>\n"));
        }
        self.xml.push_str(&format!("  </{name}>\n"));
        self
    }

    pub fn finish(&mut self) -> String {
        format!("{}</{}>\n", self.xml, self.root)
    }
}

pub fn initiate_result(bucket: &str, key: &str, upload_id: &str, text: &Text) -> String {
    let mut doc = Doc::new("InitiateMultipartUploadResult");
    doc.leaf("Bucket", bucket).leaf("Key", &text.of(key)).leaf("UploadId", upload_id);
    if text.url_encoded {
        doc.leaf("EncodingType", "url");
    }
    doc.finish()
}

pub fn complete_result(bucket: &str, host: &str, record: &ObjectRecord, text: &Text) -> String {
    let mut doc = Doc::new("CompleteMultipartUploadResult");
    if text.url_encoded {
        doc.leaf("EncodingType", "url");
    }
    let location = format!("http://{bucket}.{host}/{}", percent::encode(&record.key, true));
    doc.leaf("Location", &escape(&location))
        .leaf("Bucket", bucket)
        .leaf("Key", &text.of(&record.key))
        .leaf("ETag", &escape(&record.etag));
    doc.finish()
}

pub fn copy_part_result(part: &PartRecord) -> String {
    let mut doc = Doc::new("CopyPartResult");
    doc.leaf("LastModified", &iso8601_millis(part.last_modified)).leaf("ETag", &escape(&part.etag));
    doc.finish()
}

/// One page of ListParts.
pub struct PartsPage<'a> {
    pub bucket: &'a str,
    pub upload: &'a UploadRecord,
    pub marker: u32,
    pub max_parts: usize,
    pub parts: &'a [PartRecord],
    pub truncated: bool,
    pub text: Text,
}

pub fn list_parts_result(page: &PartsPage) -> String {
    let mut doc = Doc::new("ListPartsResult");
    let next = page.parts.last().map_or(page.marker, |p| p.part_number);
    doc.leaf("Bucket", page.bucket)
        .leaf("Key", &page.text.of(&page.upload.key))
        .leaf("UploadId", &page.upload.upload_id)
        .leaf("StorageClass", &escape(&page.upload.attrs.storage_class))
        .leaf("PartNumberMarker", &page.marker.to_string())
        .leaf("NextPartNumberMarker", &next.to_string())
        .leaf("MaxParts", &page.max_parts.to_string())
        .leaf("IsTruncated", if page.truncated { "true" } else { "false" });
    if page.text.url_encoded {
        doc.leaf("EncodingType", "url");
    }
    for part in page.parts {
        doc.group(
            "Part",
            &[
                ("PartNumber", part.part_number.to_string()),
                ("LastModified", iso8601_millis(part.last_modified)),
                ("ETag", escape(&part.etag)),
                ("HashCrc64ecma", part.crc64.to_string()),
                ("Size", part.size.to_string()),
            ],
        );
    }
    doc.finish()
}

/// One page of ListMultipartUploads, with the request's parameters echoed.
pub struct UploadsPage<'a> {
    pub bucket: &'a str,
    pub prefix: &'a str,
    pub delimiter: &'a str,
    pub key_marker: &'a str,
    pub upload_id_marker: &'a str,
    pub max_uploads: usize,
    pub uploads: Vec<UploadRecord>,
    pub common_prefixes: Vec<String>,
    pub truncated: bool,
    /// Where the next page starts: (key or common prefix, upload id or "").
    pub next: (String, String),
    pub text: Text,
}

pub fn list_uploads_result(page: &UploadsPage) -> String {
    let text = &page.text;
    let mut doc = Doc::new("ListMultipartUploadsResult");
    doc.leaf("Bucket", page.bucket)
        .leaf("KeyMarker", &text.of(page.key_marker))
        .leaf("UploadIdMarker", &escape(page.upload_id_marker))
        .leaf("NextKeyMarker", &text.of(&page.next.0))
        .leaf("NextUploadIdMarker", &escape(&page.next.1))
        .leaf("Delimiter", &text.of(page.delimiter))
        .leaf("Prefix", &text.of(page.prefix))
        .leaf("MaxUploads", &page.max_uploads.to_string())
        .leaf("IsTruncated", if page.truncated { "true" } else { "false" });
    if text.url_encoded {
        doc.leaf("EncodingType", "url");
    }
    for upload in &page.uploads {
        doc.group(
            "Upload",
            &[
                ("Key", text.of(&upload.key)),
                ("UploadId", upload.upload_id.clone()),
                ("StorageClass", escape(&upload.attrs.storage_class)),
                ("Initiated", iso8601_millis(upload.initiated)),
            ],
        );
    }
    for prefix in &page.common_prefixes {
        doc.group("CommonPrefixes", &[("Prefix", text.of(prefix))]);
    }
    doc.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn complete_documents() {
        let text = "<?xml version=\"1.0\"?><CompleteMultipartUpload>\n<Part><PartNumber>1</PartNumber>\
                    <ETag>&quot;AB&quot;</ETag></Part><Part><ETag>\"CD\"</ETag><PartNumber> 3 </PartNumber></Part>\
                    </CompleteMultipartUpload>";
        assert_eq!(parse_complete(text).unwrap(), vec![(1, "\"AB\"".to_string()), (3, "\"CD\"".to_string())]);
        for bad in [
            "<CompleteMultipartUpload></CompleteMultipartUpload>",
            "<CompleteMultipartUpload><Part><PartNumber>x</PartNumber><ETag>a</ETag></Part></CompleteMultipartUpload>",
            "<CompleteMultipartUpload><Part><PartNumber>1</PartNumber></Part></CompleteMultipartUpload>",
            "<CompleteMultipartUpload><Part><PartNumber>1</PartNumber><ETag>a</ETag></Part>",
            "<Other/>",
            "not xml",
        ] {
            assert_eq!(parse_complete(bad).unwrap_err().code, "MalformedXML", "{bad}");
        }
    }
}
