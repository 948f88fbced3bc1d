//! Bucket-level operations: PutBucket, DeleteBucket, HeadBucket, GetBucketInfo,
//! GetBucketLocation, GetBucketStat, ListBuckets.

use super::acl::{acl_header, owner_xml, BUCKET_ACLS};
use super::OpContext;
use crate::errors::OssError;
use crate::http::body::BodyReader;
use crate::http::response::{Body, Response};
use crate::iso_time::iso8601_millis;
use crate::store::buckets::{BucketAttrs, BucketRecord, Created};
use crate::store::record::STORAGE_CLASSES;
use crate::xml::{self, escape};

const REDUNDANCY_TYPES: &[&str] = &["LRS", "ZRS"];
/// Larger CreateBucketConfiguration documents are refused.
const MAX_CONFIGURATION: u64 = 16 * 1024;
const DEFAULT_MAX_KEYS: usize = 100;

fn one_of(what: &'static str, value: &str, allowed: &[&str]) -> Result<String, OssError> {
    if allowed.contains(&value) {
        Ok(value.to_string())
    } else {
        Err(OssError::invalid_argument(format!("Unsupported {what}: {value:?}."))
            .with_detail("ArgumentName", what)
            .with_detail("ArgumentValue", value))
    }
}

/// `x-oss-acl` and the optional CreateBucketConfiguration body (StorageClass, DataRedundancyType).
fn requested_attrs(ctx: &OpContext, body: &mut BodyReader) -> Result<BucketAttrs, OssError> {
    let mut attrs = BucketAttrs::default();
    if let Some(acl) = acl_header(ctx, "x-oss-acl", BUCKET_ACLS)? {
        attrs.acl = acl;
    }
    let text = xml::read_document(body, MAX_CONFIGURATION)?;
    if text.trim().is_empty() {
        return Ok(attrs);
    }
    let document = xml::parse(&text, "CreateBucketConfiguration")?;
    let root = document.root_element();
    if let Some(class) = xml::child_text(root, "StorageClass") {
        attrs.storage_class = one_of("StorageClass", class.trim(), STORAGE_CLASSES)?;
    }
    if let Some(redundancy) = xml::child_text(root, "DataRedundancyType") {
        attrs.redundancy = one_of("DataRedundancyType", redundancy.trim(), REDUNDANCY_TYPES)?;
    }
    Ok(attrs)
}

/// PutBucket: creating a bucket that exists succeeds for its owner when nothing differs; asking
/// for another storage class or redundancy type is 409 BucketAlreadyExists, as on OSS.
pub fn put_bucket(ctx: &OpContext, bucket: &str, body: &mut BodyReader) -> Result<Response, OssError> {
    let attrs = requested_attrs(ctx, body)?;
    if let Created::Existing(existing) = ctx.state.store.create_bucket(bucket, &attrs)? {
        let a = &existing.attrs;
        if a.storage_class != attrs.storage_class || a.redundancy != attrs.redundancy {
            return Err(OssError::new(409, "BucketAlreadyExists", "The requested bucket name is not available. The bucket namespace is shared by all users of the system. Please select a different name and try again.")
                .with_detail("BucketName", bucket));
        }
    }
    Ok(Response::new(200, Body::Empty).with_header("Location", format!("/{bucket}")))
}

/// DeleteBucket: 204, or 409 BucketNotEmpty while objects or multipart uploads remain.
pub fn delete_bucket(ctx: &OpContext, bucket: &str) -> Result<Response, OssError> {
    ctx.state.store.delete_bucket(bucket)?;
    Ok(Response::new(204, Body::Empty))
}

pub fn head_bucket(ctx: &OpContext, bucket: &str) -> Result<Response, OssError> {
    ctx.state.store.require_bucket(bucket)?;
    Ok(Response::new(200, Body::Empty))
}

/// This server is every endpoint of its region: the Host the client used.
fn endpoint(ctx: &OpContext) -> String {
    escape(ctx.header("host").unwrap_or("localhost"))
}

pub fn bucket_info(ctx: &OpContext, bucket: &str) -> Result<Response, OssError> {
    let record = ctx.state.store.require_bucket(bucket)?;
    let region = &ctx.state.config.region;
    let a = &record.attrs;
    // The logging configuration, if any, shows here as it does on OSS.
    let logging = ctx.state.store.bucket_config(bucket, "logging")?;
    let (log_bucket, log_prefix) = logging.as_deref().and_then(super::logging::target).unwrap_or_default();
    Ok(Response::xml(
        200,
        format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<BucketInfo><Bucket><AccessMonitor>Disabled</AccessMonitor><CreationDate>{}</CreationDate><ExtranetEndpoint>{ep}</ExtranetEndpoint><IntranetEndpoint>{ep}</IntranetEndpoint><Location>oss-{region}</Location><StorageClass>{}</StorageClass><TransferAcceleration>Disabled</TransferAcceleration><CrossRegionReplication>Disabled</CrossRegionReplication><Name>{bucket}</Name><DataRedundancyType>{}</DataRedundancyType>{}<AccessControlList><Grant>{}</Grant></AccessControlList><Comment></Comment><Versioning>Disabled</Versioning><ServerSideEncryptionRule><SSEAlgorithm>None</SSEAlgorithm></ServerSideEncryptionRule><BucketPolicy><LogBucket>{}</LogBucket><LogPrefix>{}</LogPrefix></BucketPolicy></Bucket></BucketInfo>\n",
            iso8601_millis(record.created),
            a.storage_class,
            a.redundancy,
            owner_xml(ctx),
            a.acl,
            escape(&log_bucket),
            escape(&log_prefix),
            ep = endpoint(ctx),
        ),
    ))
}

pub fn bucket_location(ctx: &OpContext, bucket: &str) -> Result<Response, OssError> {
    ctx.state.store.require_bucket(bucket)?;
    Ok(Response::xml(
        200,
        format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<LocationConstraint>oss-{}</LocationConstraint>\n",
            ctx.state.config.region
        ),
    ))
}

/// GetBucketStat (`?stat`): counted from the store on each request.
pub fn bucket_stat(ctx: &OpContext, bucket: &str) -> Result<Response, OssError> {
    let (objects, storage, uploads) = ctx.state.store.bucket_stat(bucket)?;
    let channels = ctx.state.store.live_channel_count(bucket)?;
    Ok(Response::xml(
        200,
        format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<BucketStat><Storage>{storage}</Storage><ObjectCount>{objects}</ObjectCount><MultipartUploadCount>{uploads}</MultipartUploadCount><LiveChannelCount>{channels}</LiveChannelCount><LastModifiedTime>0</LastModifiedTime><StandardStorage>{storage}</StandardStorage><StandardObjectCount>{objects}</StandardObjectCount></BucketStat>\n"
        ),
    ))
}

/// Prefixes that no bucket name can start with (characters outside `a-z0-9-`, a leading `-`,
/// more than 63 bytes) are refused rather than silently matching nothing.
fn check_bucket_prefix(prefix: &str) -> Result<(), OssError> {
    let fine = prefix.len() <= 63
        && !prefix.starts_with('-')
        && prefix.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    if fine {
        Ok(())
    } else {
        Err(OssError::invalid_argument(format!("Invalid prefix {prefix:?}: no bucket name can start with it."))
            .with_detail("ArgumentName", "prefix")
            .with_detail("ArgumentValue", prefix))
    }
}

/// ListBuckets (GetService): `prefix`, `marker`, `max-keys` (1–1000).
pub fn list_buckets(ctx: &OpContext) -> Result<Response, OssError> {
    let prefix = ctx.query("prefix").unwrap_or("");
    let marker = ctx.query("marker").unwrap_or("");
    check_bucket_prefix(prefix)?;
    let max_keys = super::list::max_keys_param(ctx, "max-keys", DEFAULT_MAX_KEYS)?;
    let matching: Vec<BucketRecord> = ctx
        .state
        .store
        .list_buckets()?
        .into_iter()
        .filter(|b| b.name.starts_with(prefix) && b.name.as_str() > marker)
        .collect();
    let truncated = matching.len() > max_keys;
    let page = &matching[..matching.len().min(max_keys)];
    let region = &ctx.state.config.region;
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ListAllMyBucketsResult>\n");
    let paged = ctx.query("prefix").is_some() || ctx.query("marker").is_some() || ctx.query("max-keys").is_some();
    if paged {
        xml.push_str(&format!(
            "  <Prefix>{}</Prefix>\n  <Marker>{}</Marker>\n  <MaxKeys>{max_keys}</MaxKeys>\n  <IsTruncated>{truncated}</IsTruncated>\n",
            escape(prefix),
            escape(marker)
        ));
        if truncated {
            xml.push_str(&format!("  <NextMarker>{}</NextMarker>\n", page.last().map_or("", |b| b.name.as_str())));
        }
    }
    xml.push_str(&format!("  {}\n  <Buckets>\n", owner_xml(ctx)));
    let ep = endpoint(ctx);
    for bucket in page {
        xml.push_str(&format!(
            "    <Bucket><Name>{}</Name><CreationDate>{}</CreationDate><ExtranetEndpoint>{ep}</ExtranetEndpoint><IntranetEndpoint>{ep}</IntranetEndpoint><Location>oss-{region}</Location><Region>{region}</Region><StorageClass>{}</StorageClass></Bucket>\n",
            bucket.name,
            iso8601_millis(bucket.created),
            bucket.attrs.storage_class
        ));
    }
    xml.push_str("  </Buckets>\n</ListAllMyBucketsResult>\n");
    Ok(Response::xml(200, xml))
}
