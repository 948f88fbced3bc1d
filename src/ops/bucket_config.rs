//! Bucket configurations: lifecycle, CORS, referer, website, logging and storage capacity — put
//! (an XML document, retried: putting the same configuration twice changes nothing), get (the
//! document read whole, or a parse failure), delete where OSS has one.

use crate::client::Client;
use crate::http::{Method, Session};
use crate::outcome::Outcome;
use crate::xml::bucket_config::{self as doc, CorsRule, LifecycleRule, LoggingConfig, RefererConfig, WebsiteConfig};
use crate::xml::XmlError;

use super::{exchange_idempotent, exchange_xml, idempotent_document, sub_resource, xml_headers, Parsed};

/// The sub-resource (`?lifecycle` ...) each configuration lives at.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Lifecycle,
    Cors,
    Referer,
    Website,
    Logging,
    StorageCapacity,
}

impl Kind {
    fn sub_resource(self) -> &'static str {
        match self {
            Kind::Lifecycle => "lifecycle",
            Kind::Cors => "cors",
            Kind::Referer => "referer",
            Kind::Website => "website",
            Kind::Logging => "logging",
            Kind::StorageCapacity => "qos",
        }
    }
}

/// PUTs `document` as the bucket's `kind` configuration.
fn put(client: &Client, session: &mut Session, bucket: &str, kind: Kind, document: &str) -> Outcome {
    let query = sub_resource(kind.sub_resource());
    let request = client.bucket_request(Method::Put, bucket, &xml_headers(document), query)?;
    exchange_xml(session, &request, document, true)
}

/// GETs the bucket's `kind` configuration and reads it with `parse`.
fn get<T>(
    client: &Client,
    session: &mut Session,
    bucket: &str,
    kind: Kind,
    parse: impl Fn(&[u8]) -> Result<T, XmlError>,
) -> Parsed<T> {
    let request = client.bucket_request(Method::Get, bucket, &[], sub_resource(kind.sub_resource()))?;
    idempotent_document(session, &request, parse)
}

/// Removes the bucket's `kind` configuration (lifecycle, CORS, website, logging).
pub fn delete_config(client: &Client, session: &mut Session, bucket: &str, kind: Kind) -> Outcome {
    let request = client.bucket_request(Method::Delete, bucket, &[], sub_resource(kind.sub_resource()))?;
    exchange_idempotent(session, &request)
}

pub fn put_lifecycle(client: &Client, session: &mut Session, bucket: &str, rules: &[LifecycleRule]) -> Outcome {
    put(client, session, bucket, Kind::Lifecycle, &doc::lifecycle_document(rules))
}

pub fn get_lifecycle(client: &Client, session: &mut Session, bucket: &str) -> Parsed<Vec<LifecycleRule>> {
    get(client, session, bucket, Kind::Lifecycle, doc::parse_lifecycle)
}

pub fn put_cors(client: &Client, session: &mut Session, bucket: &str, rules: &[CorsRule]) -> Outcome {
    put(client, session, bucket, Kind::Cors, &doc::cors_document(rules))
}

pub fn get_cors(client: &Client, session: &mut Session, bucket: &str) -> Parsed<Vec<CorsRule>> {
    get(client, session, bucket, Kind::Cors, doc::parse_cors)
}

pub fn put_referer(client: &Client, session: &mut Session, bucket: &str, config: &RefererConfig) -> Outcome {
    put(client, session, bucket, Kind::Referer, &doc::referer_document(config))
}

pub fn get_referer(client: &Client, session: &mut Session, bucket: &str) -> Parsed<RefererConfig> {
    get(client, session, bucket, Kind::Referer, doc::parse_referer)
}

pub fn put_website(client: &Client, session: &mut Session, bucket: &str, config: &WebsiteConfig) -> Outcome {
    put(client, session, bucket, Kind::Website, &doc::website_document(config))
}

pub fn get_website(client: &Client, session: &mut Session, bucket: &str) -> Parsed<WebsiteConfig> {
    get(client, session, bucket, Kind::Website, doc::parse_website)
}

pub fn put_logging(client: &Client, session: &mut Session, bucket: &str, config: &LoggingConfig) -> Outcome {
    put(client, session, bucket, Kind::Logging, &doc::logging_document(config))
}

pub fn get_logging(client: &Client, session: &mut Session, bucket: &str) -> Parsed<LoggingConfig> {
    get(client, session, bucket, Kind::Logging, doc::parse_logging)
}

/// The storage capacity in GB (−1: unlimited).
pub fn put_storage_capacity(client: &Client, session: &mut Session, bucket: &str, capacity: i64) -> Outcome {
    put(client, session, bucket, Kind::StorageCapacity, &doc::capacity_document(capacity))
}

pub fn get_storage_capacity(client: &Client, session: &mut Session, bucket: &str) -> Parsed<i64> {
    get(client, session, bucket, Kind::StorageCapacity, doc::parse_capacity)
}
