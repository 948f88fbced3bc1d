//! Bucket-level operations: PutBucket, DeleteBucket, a HEAD on a bucket, ListBuckets.

use super::OpContext;
use crate::errors::OssError;
use crate::http::response::{Body, Response};
use crate::iso_time::iso8601_millis;
use crate::store::BucketAttrs;
use crate::xml::escape;

pub fn put_bucket(ctx: &OpContext, bucket: &str) -> Result<Response, OssError> {
    ctx.state.store.create_bucket(bucket, &BucketAttrs::default())?;
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

pub fn list_buckets(ctx: &OpContext) -> Result<Response, OssError> {
    let region = &ctx.state.config.region;
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ListAllMyBucketsResult>\n");
    xml.push_str(&format!(
        "  <Owner><ID>{0}</ID><DisplayName>{0}</DisplayName></Owner>\n  <Buckets>\n",
        escape(&ctx.state.config.credentials.access_key_id)
    ));
    // This server is every endpoint of its region.
    let endpoint = escape(ctx.header("host").unwrap_or("localhost"));
    for bucket in ctx.state.store.list_buckets()? {
        xml.push_str(&format!(
            "    <Bucket><Name>{}</Name><CreationDate>{}</CreationDate><ExtranetEndpoint>{endpoint}</ExtranetEndpoint><IntranetEndpoint>{endpoint}</IntranetEndpoint><Location>oss-{region}</Location><Region>{region}</Region><StorageClass>{}</StorageClass></Bucket>\n",
            bucket.name,
            iso8601_millis(bucket.created),
            bucket.attrs.storage_class
        ));
    }
    xml.push_str("  </Buckets>\n</ListAllMyBucketsResult>\n");
    Ok(Response::xml(200, xml))
}
