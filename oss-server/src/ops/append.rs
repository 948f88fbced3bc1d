//! AppendObject (`POST ?append&position=N`): creates an Appendable object at position 0 or
//! extends one; answers `x-oss-next-append-position` and the whole object's CRC-64.
//! `Content-MD5` describes the appended bytes; the stored ETag is the MD5 of the whole object.

use super::{put, OpContext};
use crate::errors::OssError;
use crate::http::body::BodyReader;
use crate::http::response::Response;

pub fn append_object(ctx: &OpContext, bucket: &str, key: &str, body: &mut BodyReader) -> Result<Response, OssError> {
    let position = ctx.query("position").unwrap_or("");
    let position: u64 = position.parse().map_err(|_| {
        OssError::invalid_argument("AppendObject needs a whole-number position.")
            .with_detail("ArgumentName", "position")
            .with_detail("ArgumentValue", position)
    })?;
    let bucket_record = ctx.state.store.require_bucket(bucket)?;
    let attrs = put::object_attrs(ctx, &bucket_record.attrs.storage_class)?;
    let content_md5 = put::content_md5(ctx)?;
    let record = ctx.state.store.append_object(bucket, key, position, body, attrs, content_md5)?;
    Ok(put::stored(&record).with_header("x-oss-next-append-position", record.size.to_string()))
}
