//! The documents of single-object calls: ACL, tagging, DeleteMultipleObjects, RestoreObject and
//! the CopyObject answer.

use super::{parse, Writer, XmlError};

/// GetObjectACL: the grant (`private`, `public-read`, `public-read-write` or `default`) and the
/// owner.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Acl {
    pub grant: String,
    pub owner_id: String,
    pub owner_display_name: String,
}

pub fn parse_acl(document: &[u8]) -> Result<Acl, XmlError> {
    let root = parse(document, "AccessControlPolicy")?;
    let list = root.child("AccessControlList").ok_or_else(|| XmlError("no <AccessControlList>".into()))?;
    let owner = root.child("Owner");
    Ok(Acl {
        grant: list.required("Grant")?.to_string(),
        owner_id: owner.and_then(|o| o.text_of("ID")).unwrap_or_default().to_string(),
        owner_display_name: owner.and_then(|o| o.text_of("DisplayName")).unwrap_or_default().to_string(),
    })
}

/// A tag set, in order: `(key, value)`.
pub type Tags = Vec<(String, String)>;

pub fn tagging_document(tags: &[(String, String)]) -> String {
    let mut w = Writer::new();
    w.open("Tagging").open("TagSet");
    for (key, value) in tags {
        w.open("Tag").leaf("Key", key).leaf("Value", value).close();
    }
    w.finish()
}

pub fn parse_tagging(document: &[u8]) -> Result<Tags, XmlError> {
    let root = parse(document, "Tagging")?;
    let Some(set) = root.child("TagSet") else {
        return Ok(Vec::new());
    };
    set.children_named("Tag")
        .map(|tag| Ok((tag.required("Key")?.to_string(), tag.text_of("Value").unwrap_or_default().to_string())))
        .collect()
}

/// The DeleteMultipleObjects request: the keys, and whether the answer lists them (`quiet` off).
pub fn delete_document(keys: &[String], quiet: bool) -> String {
    let mut w = Writer::new();
    w.open("Delete").leaf("Quiet", if quiet { "true" } else { "false" });
    for key in keys {
        w.open("Object").leaf("Key", key).close();
    }
    w.finish()
}

/// The keys a DeleteMultipleObjects answer reports deleted (none in quiet mode).
pub fn parse_delete_result(document: &[u8]) -> Result<Vec<String>, XmlError> {
    let root = parse(document, "DeleteResult")?;
    let url_encoded = root.text_of("EncodingType").is_some_and(|e| e.eq_ignore_ascii_case("url"));
    root.children_named("Deleted")
        .map(|d| {
            let key = d.required("Key")?;
            if url_encoded {
                crate::sign::percent_decode(key)
                    .ok_or_else(|| XmlError(format!("a deleted key does not decode: {key}")))
            } else {
                Ok(key.to_string())
            }
        })
        .collect()
}

/// The RestoreObject request for a cold-archive object: how many days, and the retrieval tier
/// (`Expedited`, `Standard`, `Bulk`).
pub fn restore_document(days: u32, tier: &str) -> String {
    let mut w = Writer::new();
    w.open("RestoreRequest").leaf("Days", &days.to_string()).open("JobParameters").leaf("Tier", tier);
    w.finish()
}

/// The CopyObject answer: the new object's ETag and Last-Modified.
pub fn parse_copy_result(document: &[u8]) -> Result<(String, String), XmlError> {
    let root = parse(document, "CopyObjectResult")?;
    Ok((root.required("ETag")?.to_string(), root.text_of("LastModified").unwrap_or_default().to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_round_trip_with_escaping() {
        let tags = vec![("a&b".to_string(), "<1>".to_string()), ("empty".to_string(), String::new())];
        let doc = tagging_document(&tags);
        assert!(doc.contains("<Key>a&amp;b</Key><Value>&lt;1&gt;</Value>"), "{doc}");
        assert_eq!(parse_tagging(doc.as_bytes()).unwrap(), tags);
        assert_eq!(parse_tagging(b"<Tagging/>").unwrap(), Tags::new());
        assert!(parse_tagging(b"<Tagging><TagSet><Tag><Value>v</Value></Tag></TagSet></Tagging>").is_err());
    }

    #[test]
    fn acl_delete_restore_and_copy_documents() {
        let acl = parse_acl(
            b"<AccessControlPolicy><Owner><ID>0022</ID><DisplayName>me</DisplayName></Owner>\
              <AccessControlList><Grant>public-read</Grant></AccessControlList></AccessControlPolicy>",
        )
        .unwrap();
        assert_eq!((acl.grant.as_str(), acl.owner_id.as_str()), ("public-read", "0022"));
        assert!(parse_acl(b"<AccessControlPolicy/>").is_err());

        let doc = delete_document(&["a".into(), "b&c".into()], true);
        assert!(doc.contains("<Delete><Quiet>true</Quiet><Object><Key>a</Key></Object><Object><Key>b&amp;c</Key>"));
        let deleted = parse_delete_result(
            b"<DeleteResult><EncodingType>url</EncodingType><Deleted><Key>b%26c</Key></Deleted></DeleteResult>",
        )
        .unwrap();
        assert_eq!(deleted, ["b&c"]);

        let restore = restore_document(2, "Expedited");
        assert!(restore.contains("<RestoreRequest><Days>2</Days><JobParameters><Tier>Expedited</Tier>"));
        let (etag, modified) = parse_copy_result(
            b"<CopyObjectResult><ETag>\"E\"</ETag><LastModified>2026-01-01T00:00:00.000Z</LastModified></CopyObjectResult>",
        )
        .unwrap();
        assert_eq!((etag.as_str(), modified.as_str()), ("\"E\"", "2026-01-01T00:00:00.000Z"));
    }
}
