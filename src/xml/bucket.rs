//! The documents of the bucket calls: CreateBucketConfiguration, and the answers of
//! GetBucketLocation, GetBucketInfo, GetBucketStat and ListBuckets (GetService). The ACL answer is
//! the object ACL's document (`object::parse_acl`).

use super::{parse, Element, Writer, XmlError};

/// PutBucket's body: the storage class of the new bucket.
pub fn create_bucket_document(storage_class: &str) -> String {
    let mut w = Writer::new();
    w.open("CreateBucketConfiguration").leaf("StorageClass", storage_class);
    w.finish()
}

/// GetBucketLocation: the region (`oss-cn-hangzhou`).
pub fn parse_location(document: &[u8]) -> Result<String, XmlError> {
    Ok(parse(document, "LocationConstraint")?.text)
}

/// GetBucketInfo, the fields the official `oss_bucket_info_t` holds.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct BucketInfo {
    pub created_date: String,
    pub extranet_endpoint: String,
    pub intranet_endpoint: String,
    pub location: String,
    pub owner_id: String,
    pub owner_name: String,
    pub acl: String,
    pub storage_class: String,
}

pub fn parse_bucket_info(document: &[u8]) -> Result<BucketInfo, XmlError> {
    let root = parse(document, "BucketInfo")?;
    let bucket = root.child("Bucket").ok_or_else(|| XmlError("<BucketInfo> has no <Bucket>".into()))?;
    let text = |name: &str| bucket.text_of(name).unwrap_or_default().to_string();
    let owner = bucket.child("Owner");
    let acl = bucket.child("AccessControlList").and_then(|a| a.text_of("Grant"));
    Ok(BucketInfo {
        created_date: text("CreationDate"),
        extranet_endpoint: text("ExtranetEndpoint"),
        intranet_endpoint: text("IntranetEndpoint"),
        location: text("Location"),
        owner_id: owner_text(owner, "ID"),
        owner_name: owner_text(owner, "DisplayName"),
        acl: acl.unwrap_or_default().to_string(),
        storage_class: text("StorageClass"),
    })
}

fn owner_text(owner: Option<&Element>, name: &str) -> String {
    owner.and_then(|o| o.text_of(name)).unwrap_or_default().to_string()
}

/// GetBucketStat: bytes stored, objects, multipart uploads in progress.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct BucketStat {
    pub storage: u64,
    pub object_count: u64,
    pub multipart_upload_count: u64,
}

pub fn parse_bucket_stat(document: &[u8]) -> Result<BucketStat, XmlError> {
    let root = parse(document, "BucketStat")?;
    Ok(BucketStat {
        storage: root.number("Storage")?.unwrap_or(0),
        object_count: root.number("ObjectCount")?.unwrap_or(0),
        multipart_upload_count: root.number("MultipartUploadCount")?.unwrap_or(0),
    })
}

/// One bucket of a service listing.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct BucketSummary {
    pub name: String,
    pub creation_date: String,
    pub extranet_endpoint: String,
    pub intranet_endpoint: String,
    pub location: String,
    pub storage_class: String,
}

/// One page of ListBuckets, buckets in the server's order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct BucketListing {
    pub truncated: bool,
    pub next_marker: String,
    pub owner_id: String,
    pub owner_name: String,
    pub buckets: Vec<BucketSummary>,
}

pub fn parse_bucket_listing(document: &[u8]) -> Result<BucketListing, XmlError> {
    let root = parse(document, "ListAllMyBucketsResult")?;
    let owner = root.child("Owner");
    let buckets = root
        .child("Buckets")
        .map(|b| b.children_named("Bucket").map(bucket_summary).collect::<Result<Vec<_>, _>>())
        .transpose()?
        .unwrap_or_default();
    Ok(BucketListing {
        truncated: root.flag("IsTruncated")?,
        next_marker: root.text_of("NextMarker").unwrap_or_default().to_string(),
        owner_id: owner_text(owner, "ID"),
        owner_name: owner_text(owner, "DisplayName"),
        buckets,
    })
}

fn bucket_summary(b: &Element) -> Result<BucketSummary, XmlError> {
    let text = |name: &str| b.text_of(name).unwrap_or_default().to_string();
    Ok(BucketSummary {
        name: b.required("Name")?.to_string(),
        creation_date: text("CreationDate"),
        extranet_endpoint: text("ExtranetEndpoint"),
        intranet_endpoint: text("IntranetEndpoint"),
        location: text("Location"),
        storage_class: text("StorageClass"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn info_stat_and_location_are_read_field_by_field() {
        let info = br#"<BucketInfo><Bucket><CreationDate>2026-01-01T00:00:00.000Z</CreationDate>
<ExtranetEndpoint>ext</ExtranetEndpoint><IntranetEndpoint>int</IntranetEndpoint><Location>oss-x</Location>
<StorageClass>IA</StorageClass><Owner><ID>42</ID><DisplayName>me</DisplayName></Owner>
<AccessControlList><Grant>public-read</Grant></AccessControlList></Bucket></BucketInfo>"#;
        let info = parse_bucket_info(info).unwrap();
        assert_eq!(
            (info.location.as_str(), info.acl.as_str(), info.storage_class.as_str()),
            ("oss-x", "public-read", "IA")
        );
        assert_eq!((info.owner_id.as_str(), info.owner_name.as_str()), ("42", "me"));
        let stat = parse_bucket_stat(b"<BucketStat><Storage>10</Storage><ObjectCount>2</ObjectCount></BucketStat>");
        assert_eq!(stat.unwrap(), BucketStat { storage: 10, object_count: 2, multipart_upload_count: 0 });
        assert_eq!(parse_location(b"<LocationConstraint>oss-y</LocationConstraint>").unwrap(), "oss-y");
        assert!(parse_bucket_stat(b"<BucketStat><Storage>lots</Storage></BucketStat>").is_err());
        assert!(parse_bucket_info(b"<BucketInfo/>").is_err());
        assert!(parse_location(b"<Error/>").is_err());
    }

    #[test]
    fn a_listing_keeps_the_server_order() {
        let doc = br#"<ListAllMyBucketsResult><IsTruncated>true</IsTruncated><NextMarker>b</NextMarker>
<Owner><ID>1</ID><DisplayName>n</DisplayName></Owner><Buckets><Bucket><Name>z</Name><Location>l</Location></Bucket>
<Bucket><Name>b</Name><StorageClass>Archive</StorageClass></Bucket></Buckets></ListAllMyBucketsResult>"#;
        let page = parse_bucket_listing(doc).unwrap();
        assert!(page.truncated);
        assert_eq!((page.next_marker.as_str(), page.owner_id.as_str(), page.owner_name.as_str()), ("b", "1", "n"));
        let names: Vec<_> = page.buckets.iter().map(|b| b.name.as_str()).collect();
        assert_eq!(names, ["z", "b"]);
        assert_eq!(page.buckets[1].storage_class, "Archive");
        assert!(parse_bucket_listing(b"<ListAllMyBucketsResult><Buckets><Bucket/></Buckets></ListAllMyBucketsResult>")
            .is_err());
    }

    #[test]
    fn the_create_document_names_the_class() {
        assert!(create_bucket_document("IA")
            .ends_with("<CreateBucketConfiguration><StorageClass>IA</StorageClass></CreateBucketConfiguration>"));
    }
}
