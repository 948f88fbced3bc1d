//! Bucket-level operations: PutBucket, a HEAD on a bucket, ListBuckets.

use super::OpContext;
use crate::errors::OssError;
use crate::http::response::{Body, Response};
use crate::iso_time::iso8601_millis;
use crate::xml::escape;

pub fn put_bucket(ctx: &OpContext, bucket: &str) -> Result<Response, OssError> {
    ctx.state.storage.create_bucket(bucket)?;
    Ok(Response::new(200, Body::Empty).with_header("Location", format!("/{bucket}")))
}

pub fn head_bucket(ctx: &OpContext, bucket: &str) -> Result<Response, OssError> {
    if ctx.state.storage.bucket_exists(bucket) {
        Ok(Response::new(200, Body::Empty))
    } else {
        Err(OssError::no_such_bucket())
    }
}

pub fn list_buckets(ctx: &OpContext) -> Result<Response, OssError> {
    let region = &ctx.state.config.region;
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ListAllMyBucketsResult>\n");
    xml.push_str(&format!(
        "  <Owner><ID>{0}</ID><DisplayName>{0}</DisplayName></Owner>\n  <Buckets>\n",
        escape(&ctx.state.config.credentials.access_key_id)
    ));
    for name in ctx.state.storage.list_buckets()? {
        let created = std::fs::metadata(ctx.state.storage.root().join(&name))
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
            .map_or(0, |d| d.as_secs());
        xml.push_str(&format!(
            "    <Bucket><Name>{name}</Name><CreationDate>{}</CreationDate><Location>oss-{region}</Location><Region>{region}</Region><StorageClass>Standard</StorageClass></Bucket>\n",
            iso8601_millis(created)
        ));
    }
    xml.push_str("  </Buckets>\n</ListAllMyBucketsResult>\n");
    Ok(Response::xml(200, xml))
}
