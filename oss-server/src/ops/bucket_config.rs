//! Bucket configuration documents (lifecycle, CORS, referer, website, logging, storage
//! capacity): one dispatcher for the `?lifecycle`, `?cors`, ... sub-resources, and the put, get
//! and delete every kind shares.
//!
//! A PUT reads the document (bounded), checks `Content-MD5` if given, parses it, lets the
//! kind's module validate it, and stores the document as received in `bucket_configs`; a GET
//! returns it. What a GET of a kind never set answers differs by kind, as on OSS: an error
//! (NoSuchLifecycle, NoSuchCORSConfiguration, NoSuchWebsiteConfiguration) or a default
//! document (referer, logging, storage capacity).

use md5::{Digest, Md5};

use super::{cors, lifecycle, logging, method_not_allowed, put, referer, storage_capacity, website, OpContext};
use crate::errors::OssError;
use crate::http::body::BodyReader;
use crate::http::response::{Body, Response};
use crate::xml;

/// What a GET answers when the kind was never set (or was deleted).
enum Missing {
    Error { code: &'static str, message: &'static str },
    Default(&'static str),
}

type Validate = fn(&OpContext, &str, roxmltree::Node) -> Result<(), OssError>;

/// One kind of configuration: its sub-resource, the root element of its document, the largest
/// document accepted, its validation, whether a valid document is kept (a logging status
/// without LoggingEnabled turns logging off: nothing is left to return), whether DELETE
/// exists, and what an unset GET answers.
struct Kind {
    name: &'static str,
    root: &'static str,
    limit: u64,
    validate: Validate,
    keep: fn(roxmltree::Node) -> bool,
    deletable: bool,
    missing: Missing,
}

fn always(_root: roxmltree::Node) -> bool {
    true
}

const KINDS: &[Kind] = &[
    Kind {
        name: "lifecycle",
        root: "LifecycleConfiguration",
        limit: lifecycle::MAX_DOCUMENT,
        validate: lifecycle::validate,
        keep: always,
        deletable: true,
        missing: Missing::Error { code: "NoSuchLifecycle", message: "No Row found in Lifecycle Table." },
    },
    Kind {
        name: "cors",
        root: "CORSConfiguration",
        limit: cors::MAX_DOCUMENT,
        validate: cors::validate,
        keep: always,
        deletable: true,
        missing: Missing::Error { code: "NoSuchCORSConfiguration", message: "The CORS Configuration does not exist." },
    },
    Kind {
        name: "referer",
        root: "RefererConfiguration",
        limit: referer::MAX_DOCUMENT,
        validate: referer::validate,
        keep: always,
        deletable: false,
        missing: Missing::Default(referer::DEFAULT_DOCUMENT),
    },
    Kind {
        name: "website",
        root: "WebsiteConfiguration",
        limit: website::MAX_DOCUMENT,
        validate: website::validate,
        keep: always,
        deletable: true,
        missing: Missing::Error {
            code: "NoSuchWebsiteConfiguration",
            message: "The specified bucket does not have a website configuration.",
        },
    },
    Kind {
        name: "logging",
        root: "BucketLoggingStatus",
        limit: logging::MAX_DOCUMENT,
        validate: logging::validate,
        keep: logging::enabled,
        deletable: true,
        missing: Missing::Default(logging::DEFAULT_DOCUMENT),
    },
    Kind {
        name: "qos",
        root: "BucketUserQos",
        limit: storage_capacity::MAX_DOCUMENT,
        validate: storage_capacity::validate,
        keep: always,
        deletable: false,
        missing: Missing::Default(storage_capacity::DEFAULT_DOCUMENT),
    },
];

/// The sub-resources this module answers.
pub fn is_config(subresource: &str) -> bool {
    KINDS.iter().any(|k| k.name == subresource)
}

pub fn handle(ctx: &OpContext, bucket: &str, subresource: &str, body: &mut BodyReader) -> Result<Response, OssError> {
    let kind = KINDS.iter().find(|k| k.name == subresource).ok_or_else(|| method_not_allowed(&ctx.head.method))?;
    match ctx.head.method.as_str() {
        "PUT" => put_config(ctx, bucket, kind, body),
        "GET" => get_config(ctx, bucket, kind),
        "DELETE" if kind.deletable => {
            ctx.state.store.set_bucket_config(bucket, kind.name, None)?;
            Ok(Response::new(204, Body::Empty))
        }
        method => Err(method_not_allowed(method)),
    }
}

fn put_config(ctx: &OpContext, bucket: &str, kind: &Kind, body: &mut BodyReader) -> Result<Response, OssError> {
    // The bucket first: NoSuchBucket outranks anything wrong with the document.
    ctx.state.store.require_bucket(bucket)?;
    let expected_md5 = put::content_md5(ctx)?;
    let text = xml::read_document(body, kind.limit)?;
    if expected_md5.is_some_and(|md5| <[u8; 16]>::from(Md5::digest(text.as_bytes())) != md5) {
        // OSS names a configuration whose Content-MD5 does not match its body InvalidDigest.
        return Err(OssError::new(
            400,
            "InvalidDigest",
            "The Content-MD5 you specified did not match what was received.",
        ));
    }
    let document = xml::parse(&text, kind.root)?;
    (kind.validate)(ctx, bucket, document.root_element())?;
    let stored = (kind.keep)(document.root_element()).then_some(text.trim());
    ctx.state.store.set_bucket_config(bucket, kind.name, stored)?;
    Ok(Response::new(200, Body::Empty))
}

fn get_config(ctx: &OpContext, bucket: &str, kind: &Kind) -> Result<Response, OssError> {
    let document = match (ctx.state.store.bucket_config(bucket, kind.name)?, &kind.missing) {
        (Some(document), _) => document,
        (None, Missing::Default(document)) => document.to_string(),
        (None, Missing::Error { code, message }) => {
            return Err(OssError::new(404, code, *message).with_detail("BucketName", bucket))
        }
    };
    let mut text = String::with_capacity(document.len() + 40);
    if !document.starts_with("<?xml") {
        text.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    }
    text.push_str(&document);
    text.push('\n');
    Ok(Response::xml(200, text))
}

// Small helpers the kinds' validators share.

/// The child elements of `node` named `name`.
pub fn elements<'a, 'i>(node: roxmltree::Node<'a, 'i>, name: &'a str) -> impl Iterator<Item = roxmltree::Node<'a, 'i>> {
    node.children().filter(move |c| c.is_element() && c.tag_name().name() == name)
}

/// The first child element `name` of `node`.
pub fn element<'a, 'i>(node: roxmltree::Node<'a, 'i>, name: &str) -> Option<roxmltree::Node<'a, 'i>> {
    node.children().find(|c| c.is_element() && c.tag_name().name() == name)
}

/// The trimmed text of the required child `name` (MalformedXML when absent).
pub fn required_text<'a>(node: roxmltree::Node<'a, '_>, name: &str) -> Result<&'a str, OssError> {
    xml::child_text(node, name)
        .map(str::trim)
        .ok_or_else(|| xml::malformed(&format!("{} needs a {name}", node.tag_name().name())))
}

/// An InvalidArgument naming the offending field and value.
pub fn invalid(name: &str, value: &str, why: &str) -> OssError {
    OssError::invalid_argument(format!("{name} {value:?} is invalid: {why}."))
        .with_detail("ArgumentName", name.to_string())
        .with_detail("ArgumentValue", value.to_string())
}

/// `true` or `false` (MalformedXML otherwise: the schema types these as booleans).
pub fn parse_bool(name: &str, text: &str) -> Result<bool, OssError> {
    match text.trim() {
        "true" => Ok(true),
        "false" => Ok(false),
        _ => Err(xml::malformed(&format!("{name} must be true or false"))),
    }
}

/// An integer in `range` (InvalidArgument otherwise).
pub fn parse_int(name: &str, text: &str, range: std::ops::RangeInclusive<i64>) -> Result<i64, OssError> {
    let text = text.trim();
    text.parse::<i64>()
        .ok()
        .filter(|n| range.contains(n))
        .ok_or_else(|| invalid(name, text, &format!("it must be an integer from {} to {}", range.start(), range.end())))
}
