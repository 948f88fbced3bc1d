//! The documents of multipart uploads: the initiation's answer, the completion's request, the
//! part copy's answer, and the two listings (parts of one upload, uploads of a bucket).

use super::listing::decoded;
use super::{parse, Element, Writer, XmlError};
use crate::http::Pieces;

/// `InitiateMultipartUploadResult`: the new upload's id.
pub fn parse_initiate(document: &[u8]) -> Result<String, XmlError> {
    let root = parse(document, "InitiateMultipartUploadResult")?;
    let id = root.required("UploadId")?;
    if id.is_empty() {
        return Err(XmlError("<UploadId> is empty".into()));
    }
    Ok(id.to_string())
}

/// One part named in a completion: its number and the ETag its upload answered.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CompletePart {
    pub number: u32,
    pub etag: String,
}

/// `CompleteMultipartUpload` naming the parts in the order given (the server wants them
/// ascending), as a body made while it is sent: the opening, one piece per part, the closing. At
/// 10,000 parts the whole document is ~1 MiB, a piece a hundred bytes.
#[derive(Debug)]
pub struct CompleteDocument<'a>(pub &'a [CompletePart]);

impl Pieces for CompleteDocument<'_> {
    fn count(&self) -> usize {
        self.0.len() + 2
    }

    fn write(&self, index: usize, out: &mut Vec<u8>) {
        const ROOT: &str = "CompleteMultipartUpload";
        let piece = match index.checked_sub(1).map(|i| self.0.get(i)) {
            None => format!("{}<{ROOT}>", Writer::DECLARATION),
            Some(Some(part)) => {
                let mut w = Writer::fragment();
                w.open("Part").leaf("PartNumber", &part.number.to_string()).leaf("ETag", &part.etag);
                w.finish()
            }
            Some(None) => format!("</{ROOT}>"),
        };
        out.extend_from_slice(piece.as_bytes());
    }
}

/// `CopyPartResult`: the copied part's ETag and modification time.
pub fn parse_copy_part(document: &[u8]) -> Result<(String, String), XmlError> {
    let root = parse(document, "CopyPartResult")?;
    Ok((root.required("ETag")?.to_string(), root.text_of("LastModified").unwrap_or_default().to_string()))
}

/// One part of a ListParts page.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PartSummary {
    pub number: u32,
    pub last_modified: String,
    pub etag: String,
    pub size: u64,
    /// The part's CRC-64 (`HashCrc64ecma`), when the server gives it.
    pub crc64: Option<u64>,
}

/// One page of ListParts.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PartListing {
    pub truncated: bool,
    pub next_part_number_marker: String,
    pub parts: Vec<PartSummary>,
}

pub fn parse_list_parts(document: &[u8]) -> Result<PartListing, XmlError> {
    let root = parse(document, "ListPartsResult")?;
    let parts = root.children_named("Part").map(part_summary).collect::<Result<_, _>>()?;
    Ok(PartListing {
        truncated: root.flag("IsTruncated")?,
        next_part_number_marker: root.text_of("NextPartNumberMarker").unwrap_or_default().to_string(),
        parts,
    })
}

fn part_summary(p: &Element) -> Result<PartSummary, XmlError> {
    let number = p.number("PartNumber")?.ok_or_else(|| XmlError("<Part> has no <PartNumber>".into()))?;
    Ok(PartSummary {
        number,
        last_modified: p.text_of("LastModified").unwrap_or_default().to_string(),
        etag: p.required("ETag")?.to_string(),
        size: p.number("Size")?.unwrap_or(0),
        crc64: p.number("HashCrc64ecma")?,
    })
}

/// One unfinished upload of a ListMultipartUploads page.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct UploadSummary {
    pub key: String,
    pub upload_id: String,
    pub initiated: String,
}

/// One page of ListMultipartUploads; with `encoding-type=url` keys and markers are decoded here.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct UploadListing {
    pub truncated: bool,
    pub next_key_marker: String,
    pub next_upload_id_marker: String,
    pub uploads: Vec<UploadSummary>,
    pub common_prefixes: Vec<String>,
}

pub fn parse_list_uploads(document: &[u8]) -> Result<UploadListing, XmlError> {
    let root = parse(document, "ListMultipartUploadsResult")?;
    let url_encoded = root.text_of("EncodingType").is_some_and(|e| e.eq_ignore_ascii_case("url"));
    let uploads = root
        .children_named("Upload")
        .map(|u| {
            Ok(UploadSummary {
                key: decoded(u.required("Key")?, url_encoded)?,
                upload_id: u.required("UploadId")?.to_string(),
                initiated: u.text_of("Initiated").unwrap_or_default().to_string(),
            })
        })
        .collect::<Result<_, XmlError>>()?;
    let common_prefixes = root
        .children_named("CommonPrefixes")
        .flat_map(|c| c.children_named("Prefix"))
        .map(|p| decoded(&p.text, url_encoded))
        .collect::<Result<_, _>>()?;
    Ok(UploadListing {
        truncated: root.flag("IsTruncated")?,
        next_key_marker: decoded(root.text_of("NextKeyMarker").unwrap_or_default(), url_encoded)?,
        next_upload_id_marker: root.text_of("NextUploadIdMarker").unwrap_or_default().to_string(),
        uploads,
        common_prefixes,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn complete_document(parts: &[CompletePart]) -> String {
        let pieces = CompleteDocument(parts);
        let mut out = Vec::new();
        (0..pieces.count()).for_each(|i| pieces.write(i, &mut out));
        String::from_utf8(out).expect("the pieces are text")
    }

    #[test]
    fn the_completion_lists_parts_in_order_with_escaped_etags() {
        let parts = [CompletePart { number: 1, etag: "\"A\"".into() }, CompletePart { number: 2, etag: "B".into() }];
        let doc = complete_document(&parts);
        let expected = "<CompleteMultipartUpload><Part><PartNumber>1</PartNumber><ETag>&quot;A&quot;</ETag></Part>\
                        <Part><PartNumber>2</PartNumber><ETag>B</ETag></Part></CompleteMultipartUpload>";
        assert!(doc.ends_with(expected), "{doc}");
    }

    /// The document made piece by piece is the one `Writer` makes whole.
    #[test]
    fn the_streamed_completion_is_the_whole_document() {
        let parts: Vec<CompletePart> =
            (1..=300).map(|n| CompletePart { number: n, etag: format!("\"{n:032X}<&>\"") }).collect();
        let mut w = Writer::new();
        w.open("CompleteMultipartUpload");
        for part in &parts {
            w.open("Part").leaf("PartNumber", &part.number.to_string()).leaf("ETag", &part.etag).close();
        }
        let whole = w.finish();
        assert_eq!(complete_document(&parts), whole);
        let document = CompleteDocument(&parts);
        let mut body = crate::http::Body::new(crate::http::Source::Pieces(&document));
        assert_eq!(body.len(), whole.len() as u64);
        let mut sent = Vec::new();
        let mut piece = [0u8; 1000];
        while let Some(n) = body.read(&mut piece).ok().filter(|&n| n > 0) {
            sent.extend_from_slice(&piece[..n]);
        }
        assert_eq!(sent, whole.as_bytes());
        assert!(complete_document(&[]).ends_with("<CompleteMultipartUpload></CompleteMultipartUpload>"));
    }

    #[test]
    fn initiation_and_copy_answers_are_read_and_bad_ones_refused() {
        let doc = b"<InitiateMultipartUploadResult><Bucket>b</Bucket><UploadId>ID1</UploadId></InitiateMultipartUploadResult>";
        assert_eq!(parse_initiate(doc).unwrap(), "ID1");
        assert!(parse_initiate(b"<InitiateMultipartUploadResult><UploadId/></InitiateMultipartUploadResult>").is_err());
        assert!(parse_initiate(b"<Error/>").is_err());
        let copy = b"<CopyPartResult><LastModified>T</LastModified><ETag>\"E\"</ETag></CopyPartResult>";
        assert_eq!(parse_copy_part(copy).unwrap(), ("\"E\"".to_string(), "T".to_string()));
    }

    #[test]
    fn a_parts_page_is_read_with_numbers_sizes_and_crcs() {
        let doc = br#"<ListPartsResult><IsTruncated>true</IsTruncated><NextPartNumberMarker>2</NextPartNumberMarker>
            <Part><PartNumber>1</PartNumber><LastModified>T</LastModified><ETag>"E1"</ETag>
              <HashCrc64ecma>123</HashCrc64ecma><Size>102400</Size></Part>
            <Part><PartNumber>2</PartNumber><ETag>"E2"</ETag><Size>5</Size></Part></ListPartsResult>"#;
        let page = parse_list_parts(doc).unwrap();
        assert!(page.truncated);
        assert_eq!(page.next_part_number_marker, "2");
        assert_eq!(
            page.parts[0],
            PartSummary { number: 1, last_modified: "T".into(), etag: "\"E1\"".into(), size: 102400, crc64: Some(123) }
        );
        assert_eq!((page.parts[1].number, page.parts[1].crc64), (2, None));
        let bad = b"<ListPartsResult><Part><PartNumber>x</PartNumber><ETag>E</ETag></Part></ListPartsResult>";
        assert!(parse_list_parts(bad).is_err());
    }

    #[test]
    fn an_uploads_page_decodes_url_encoded_names() {
        let doc = br#"<ListMultipartUploadsResult><EncodingType>url</EncodingType><IsTruncated>false</IsTruncated>
            <NextKeyMarker>a%20b</NextKeyMarker><NextUploadIdMarker>U2</NextUploadIdMarker>
            <Upload><Key>a%20b</Key><UploadId>U2</UploadId><Initiated>T</Initiated></Upload>
            <CommonPrefixes><Prefix>d%2F</Prefix></CommonPrefixes></ListMultipartUploadsResult>"#;
        let page = parse_list_uploads(doc).unwrap();
        assert_eq!(page.uploads, [UploadSummary { key: "a b".into(), upload_id: "U2".into(), initiated: "T".into() }]);
        assert_eq!((page.next_key_marker.as_str(), page.next_upload_id_marker.as_str()), ("a b", "U2"));
        assert_eq!(page.common_prefixes, ["d/"]);
        assert!(parse_list_uploads(
            b"<ListMultipartUploadsResult><Upload><Key>k</Key></Upload></ListMultipartUploadsResult>"
        )
        .is_err());
    }
}
