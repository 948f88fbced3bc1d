//! The ListObjects answer (`ListBucketResult`).

use super::{parse, Element, XmlError};
use crate::sign::percent_decode;

/// One object of a listing page.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ObjectSummary {
    pub key: String,
    pub last_modified: String,
    pub etag: String,
    pub size: String,
    pub owner_id: String,
    pub owner_display_name: String,
    pub storage_class: String,
    pub object_type: String,
}

/// One page of ListObjects, in the server's order. With `encoding-type=url` the server
/// percent-encodes keys, prefixes and markers (so that any key fits in XML); they are decoded
/// here, so callers always see the real names.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ObjectListing {
    pub prefix: String,
    pub marker: String,
    pub delimiter: String,
    pub max_keys: u32,
    pub truncated: bool,
    pub next_marker: String,
    pub objects: Vec<ObjectSummary>,
    pub common_prefixes: Vec<String>,
}

pub fn parse_object_listing(document: &[u8]) -> Result<ObjectListing, XmlError> {
    let root = parse(document, "ListBucketResult")?;
    let url_encoded = root.text_of("EncodingType").is_some_and(|e| e.eq_ignore_ascii_case("url"));
    let name = |text: Option<&str>| decoded(text.unwrap_or_default(), url_encoded);
    let objects = root.children_named("Contents").map(|c| object_summary(c, url_encoded)).collect::<Result<_, _>>()?;
    let common_prefixes = root
        .children_named("CommonPrefixes")
        .flat_map(|c| c.children_named("Prefix"))
        .map(|p| decoded(&p.text, url_encoded))
        .collect::<Result<_, _>>()?;
    Ok(ObjectListing {
        prefix: name(root.text_of("Prefix"))?,
        marker: name(root.text_of("Marker"))?,
        delimiter: name(root.text_of("Delimiter"))?,
        max_keys: root.number("MaxKeys")?.unwrap_or(0),
        truncated: root.flag("IsTruncated")?,
        next_marker: name(root.text_of("NextMarker"))?,
        objects,
        common_prefixes,
    })
}

fn object_summary(c: &Element, url_encoded: bool) -> Result<ObjectSummary, XmlError> {
    let owner = c.child("Owner");
    let text = |name: &str| c.text_of(name).unwrap_or_default().to_string();
    Ok(ObjectSummary {
        key: decoded(c.required("Key")?, url_encoded)?,
        last_modified: text("LastModified"),
        etag: text("ETag"),
        size: text("Size"),
        owner_id: owner.and_then(|o| o.text_of("ID")).unwrap_or_default().to_string(),
        owner_display_name: owner.and_then(|o| o.text_of("DisplayName")).unwrap_or_default().to_string(),
        storage_class: text("StorageClass"),
        object_type: text("Type"),
    })
}

pub(super) fn decoded(text: &str, url_encoded: bool) -> Result<String, XmlError> {
    if !url_encoded {
        return Ok(text.to_string());
    }
    percent_decode(text).ok_or_else(|| XmlError(format!("a url-encoded name does not decode: {text:?}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &[u8] = br#"<?xml version="1.0" encoding="UTF-8"?>
<ListBucketResult>
  <Name>bkt</Name><Prefix>dir%2F</Prefix><Marker></Marker><MaxKeys>2</MaxKeys><Delimiter>%2F</Delimiter>
  <EncodingType>url</EncodingType><IsTruncated>true</IsTruncated><NextMarker>dir%2Fb%20c</NextMarker>
  <Contents><Key>dir%2Fa</Key><LastModified>2026-01-01T00:00:00.000Z</LastModified><ETag>"E1"</ETag>
    <Type>Normal</Type><Size>5</Size><StorageClass>Standard</StorageClass>
    <Owner><ID>1</ID><DisplayName>me</DisplayName></Owner></Contents>
  <Contents><Key>dir%2Fb%20c</Key><Size>0</Size></Contents>
  <CommonPrefixes><Prefix>dir%2Fsub%2F</Prefix></CommonPrefixes>
</ListBucketResult>"#;

    #[test]
    fn a_page_with_url_encoding_is_decoded() {
        let page = parse_object_listing(PAGE).unwrap();
        assert_eq!((page.prefix.as_str(), page.delimiter.as_str(), page.max_keys), ("dir/", "/", 2));
        assert!(page.truncated);
        assert_eq!(page.next_marker, "dir/b c");
        let keys: Vec<_> = page.objects.iter().map(|o| o.key.as_str()).collect();
        assert_eq!(keys, ["dir/a", "dir/b c"]);
        let first = &page.objects[0];
        assert_eq!((first.etag.as_str(), first.size.as_str(), first.object_type.as_str()), ("\"E1\"", "5", "Normal"));
        assert_eq!((first.owner_id.as_str(), first.owner_display_name.as_str()), ("1", "me"));
        assert_eq!(page.common_prefixes, ["dir/sub/"]);
    }

    #[test]
    fn a_page_without_encoding_keeps_names_and_bad_pages_are_refused() {
        let plain = br#"<ListBucketResult><Prefix>a%2F</Prefix><IsTruncated>false</IsTruncated></ListBucketResult>"#;
        let page = parse_object_listing(plain).unwrap();
        assert_eq!(page.prefix, "a%2F");
        assert!(!page.truncated && page.objects.is_empty());
        assert!(
            parse_object_listing(b"<ListBucketResult><Contents><Size>1</Size></Contents></ListBucketResult>").is_err()
        );
        assert!(parse_object_listing(b"<ListBucketResult><MaxKeys>many</MaxKeys></ListBucketResult>").is_err());
        assert!(parse_object_listing(b"<Error/>").is_err());
    }
}
