//! The OSS operations: which one a request is, and each one's handler.
//!
//! A request is routed by its target (service, bucket, object), its method and the first
//! sub-resource of its query that is in `SUBRESOURCES`. Each API family is one module here; a
//! new family adds its module and its arms to `bucket_op` / `object_op`, and its sub-resources
//! leave the 501 answer automatically. A new bucket configuration kind is one entry in
//! `bucket_config::KINDS` (with its validating module); live channels are `live`.
//! Handlers get the parsed head, the decoded query and the body reader through `OpContext`,
//! and talk to the store only through `Store` methods.

pub mod acl;
mod append;
mod bucket;
mod bucket_config;
mod copy;
mod cors;
mod delete;
mod get;
mod lifecycle;
mod list;
mod live;
mod live_xml;
mod logging;
mod multipart;
mod multipart_copy;
mod multipart_list;
mod multipart_xml;
mod put;
mod referer;
mod restore;
mod select;
mod storage_capacity;
mod symlink;
mod tagging;
mod website;

use crate::errors::OssError;
use crate::http::body::BodyReader;
use crate::http::conn::RequestHead;
use crate::http::response::Response;
use crate::names::{check_key, has_leading_slash};
use crate::routing::{Routed, Target};
use crate::state::ServerState;

pub use put::replace_content;

/// Sub-resources that select an operation. Those without an arm in `bucket_op` / `object_op`
/// answer 501 NotImplemented: answering them as plain GETs or PUTs would mislead a client.
const SUBRESOURCES: &[&str] = &[
    "acl",
    "objectMeta",
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
    "qos",
    "live",
    "vod",
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

/// The first sub-resource of the query this server knows (implemented or not), which picks
/// the operation together with the method and the target.
pub fn subresource(query: &[(String, String)]) -> Option<&str> {
    query.iter().map(|(n, _)| n.as_str()).find(|n| SUBRESOURCES.contains(n))
}

pub fn dispatch(ctx: &OpContext, body: &mut BodyReader) -> Result<Response, OssError> {
    // Versioning is not implemented: only the "null" version exists.
    if let Some(version) = ctx.query("versionId") {
        if version != "null" {
            return Err(OssError::new(404, "NoSuchVersion", "The specified version does not exist."));
        }
    }
    match &ctx.routed.target {
        Target::Service => service(ctx),
        Target::Bucket(bucket) => bucket_op(ctx, bucket, body),
        Target::Object { bucket, key } => object_op(ctx, bucket, key, body),
        Target::Admin(_) => Err(method_not_allowed(&ctx.head.method)),
    }
}

fn service(ctx: &OpContext) -> Result<Response, OssError> {
    match ctx.head.method.as_str() {
        "GET" => bucket::list_buckets(ctx),
        method => Err(method_not_allowed(method)),
    }
}

fn bucket_op(ctx: &OpContext, b: &str, body: &mut BodyReader) -> Result<Response, OssError> {
    let method = ctx.head.method.as_str();
    match (subresource(&ctx.routed.query), method) {
        (None, "PUT") => bucket::put_bucket(ctx, b, body),
        (Some("acl"), "GET") => acl::get_bucket_acl(ctx, b),
        (Some("acl"), "PUT") => acl::put_bucket_acl(ctx, b),
        (Some("bucketInfo"), "GET") => bucket::bucket_info(ctx, b),
        (Some("location"), "GET") => bucket::bucket_location(ctx, b),
        (Some("uploads"), "GET") => multipart_list::list_uploads(ctx, b),
        (Some("stat"), "GET") => bucket::bucket_stat(ctx, b),
        (Some("delete"), "POST") => delete::delete_multiple(ctx, b, body),
        (Some(kind), _) if bucket_config::is_config(kind) => bucket_config::handle(ctx, b, kind, body),
        (Some("live"), _) => live::list_channels(ctx, b),
        (None, "GET") => list::list_objects(ctx, b),
        (None, "HEAD") => bucket::head_bucket(ctx, b),
        (None, "DELETE") => bucket::delete_bucket(ctx, b),
        (Some(name), _) => Err(not_implemented(&format!("The ?{name} sub-resource"))),
        (None, _) => Err(method_not_allowed(method)),
    }
}

fn object_op(ctx: &OpContext, bucket: &str, key: &str, body: &mut BodyReader) -> Result<Response, OssError> {
    let method = ctx.head.method.as_str();
    if has_leading_slash(key) {
        // No object can have such a key: reads find nothing, writes break the naming rules.
        return Err(if matches!(method, "GET" | "HEAD") {
            OssError::no_such_key()
        } else {
            check_key(key).unwrap_err()
        });
    }
    match (subresource(&ctx.routed.query), method) {
        (None, "GET") => get::get_object(ctx, bucket, key, false),
        (Some("objectMeta"), "HEAD" | "GET") => get::get_object_meta(ctx, bucket, key),
        (None, "HEAD") => get::get_object(ctx, bucket, key, true),
        (None, "PUT") => put::put_object(ctx, bucket, key, body),
        (None, "DELETE") => delete::delete_object(ctx, bucket, key),
        (None, "POST") => Err(not_implemented("POST on an object without a sub-resource")),
        (Some("acl"), "GET") => acl::get_object_acl(ctx, bucket, key),
        (Some("acl"), "PUT") => acl::put_object_acl(ctx, bucket, key),
        (Some("uploads"), "POST") => multipart::initiate(ctx, bucket, key),
        (Some("uploadId" | "partNumber"), "PUT") => multipart::upload_part(ctx, bucket, key, body),
        (Some("uploadId"), "POST") => multipart::complete(ctx, bucket, key, body),
        (Some("uploadId"), "DELETE") => multipart::abort(ctx, bucket, key),
        (Some("uploadId"), "GET") => multipart_list::list_parts(ctx, bucket, key),
        (Some("append"), "POST") => append::append_object(ctx, bucket, key, body),
        (Some("tagging"), "GET") => tagging::get_object_tagging(ctx, bucket, key),
        (Some("tagging"), "PUT") => tagging::put_object_tagging(ctx, bucket, key, body),
        (Some("tagging"), "DELETE") => tagging::delete_object_tagging(ctx, bucket, key),
        (Some("symlink"), "PUT") => symlink::put_symlink(ctx, bucket, key),
        (Some("symlink"), "GET") => symlink::get_symlink(ctx, bucket, key),
        (Some("restore"), "POST") => restore::restore_object(ctx, bucket, key, body),
        (Some("x-oss-process"), _) => select::handle(ctx, bucket, key, body),
        (Some("live"), _) => live::channel_op(ctx, bucket, key, body),
        (Some("vod"), _) => live::vod_playlist(ctx, bucket, key),
        (Some(name), _) => Err(not_implemented(&format!("The ?{name} sub-resource"))),
        (None, _) => Err(method_not_allowed(method)),
    }
}
