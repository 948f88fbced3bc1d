//! The OSS operations: which one a request is, and each one's handler.

mod bucket;
mod get;
mod list;
mod put;

use crate::errors::OssError;
use crate::http::body::BodyReader;
use crate::http::conn::RequestHead;
use crate::http::response::{Body, Response};
use crate::routing::{Routed, Target};
use crate::state::ServerState;

pub use put::replace_content;

/// Sub-resources this server does not implement; answering them as plain GETs or PUTs would
/// mislead a client.
const UNSUPPORTED_SUBRESOURCES: &[&str] = &[
    "acl",
    "append",
    "uploads",
    "uploadId",
    "partNumber",
    "tagging",
    "symlink",
    "restore",
    "x-oss-process",
    "versioning",
    "versions",
    "lifecycle",
    "cors",
    "website",
    "logging",
    "referer",
    "policy",
    "location",
    "bucketInfo",
    "stat",
    "encryption",
    "worm",
    "inventory",
    "replication",
    "delete",
    "x-oss-async-process",
];

pub struct OpContext<'a> {
    pub state: &'a ServerState,
    pub head: &'a RequestHead,
    pub routed: &'a Routed,
}

impl OpContext<'_> {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.head.header(name)
    }

    pub fn query(&self, name: &str) -> Option<&str> {
        self.routed.query.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }
}

fn not_implemented(what: &str) -> OssError {
    OssError::new(501, "NotImplemented", format!("{what} is not implemented by this server."))
}

pub fn method_not_allowed(method: &str) -> OssError {
    OssError::new(
        405,
        "MethodNotAllowed",
        format!("The specified method is not allowed against this resource: {method}."),
    )
}

pub fn dispatch(ctx: &OpContext, body: &mut BodyReader) -> Result<Response, OssError> {
    if let Some((name, _)) = ctx.routed.query.iter().find(|(n, _)| UNSUPPORTED_SUBRESOURCES.contains(&n.as_str())) {
        return Err(not_implemented(&format!("The ?{name} sub-resource")));
    }
    // Versioning is not implemented: only the "null" version exists.
    if let Some(version) = ctx.query("versionId") {
        if version != "null" {
            return Err(OssError::new(404, "NoSuchVersion", "The specified version does not exist."));
        }
    }
    let method = ctx.head.method.as_str();
    match (&ctx.routed.target, method) {
        (Target::Service, "GET") => bucket::list_buckets(ctx),
        (Target::Bucket(b), "PUT") => bucket::put_bucket(ctx, b),
        (Target::Bucket(b), "GET") => list::list_objects(ctx, b),
        (Target::Bucket(b), "HEAD") => bucket::head_bucket(ctx, b),
        (Target::Object { bucket, key }, "GET") => get::get_object(ctx, bucket, key, false),
        (Target::Object { bucket, key }, "HEAD") if ctx.query("objectMeta").is_some() => {
            get::get_object_meta(ctx, bucket, key)
        }
        (Target::Object { bucket, key }, "HEAD") => get::get_object(ctx, bucket, key, true),
        (Target::Object { bucket, key }, "PUT") => put::put_object(ctx, bucket, key, body),
        (Target::Object { bucket, key }, "DELETE") => {
            ctx.state.storage.delete_object(bucket, key)?;
            Ok(Response::new(204, Body::Empty))
        }
        (Target::Object { .. }, "POST") => Err(not_implemented("POST on an object (append, multipart, restore)")),
        _ => Err(method_not_allowed(method)),
    }
}
