//! The calls on a bucket itself: create, delete, head, ACL, location, info, stat, and the
//! service listing of buckets (ListBuckets). Every call but ListBuckets validates the bucket name
//! (through `Client::bucket_request`) before anything is sent.

use crate::client::Client;
use crate::http::{Method, Session};
use crate::outcome::Outcome;
use crate::xml::bucket::{self as doc, BucketInfo, BucketListing, BucketStat};
use crate::xml::object::{parse_acl, Acl};

use super::{exchange_idempotent, exchange_xml, idempotent_document, pair, sub_resource, xml_headers, Parsed};

/// PutBucket with an optional canned ACL (`x-oss-acl`) and storage class (a
/// `CreateBucketConfiguration` body). Retried: creating a bucket one already owns with the same
/// settings succeeds again.
pub fn create_bucket(
    client: &Client,
    session: &mut Session,
    bucket: &str,
    acl: Option<&str>,
    storage_class: Option<&str>,
) -> Outcome {
    let mut headers: Vec<(String, String)> = acl.map(|a| pair("x-oss-acl", a)).into_iter().collect();
    match storage_class {
        None => {
            let request = client.bucket_request(Method::Put, bucket, &headers, Vec::new())?;
            exchange_idempotent(session, &request)
        }
        Some(class) => {
            let document = doc::create_bucket_document(class);
            headers.extend(xml_headers(&document));
            let request = client.bucket_request(Method::Put, bucket, &headers, Vec::new())?;
            exchange_xml(session, &request, &document, true)
        }
    }
}

/// DeleteBucket: 409 BucketNotEmpty while objects or uploads remain.
pub fn delete_bucket(client: &Client, session: &mut Session, bucket: &str) -> Outcome {
    let request = client.bucket_request(Method::Delete, bucket, &[], Vec::new())?;
    exchange_idempotent(session, &request)
}

pub fn head_bucket(client: &Client, session: &mut Session, bucket: &str) -> Outcome {
    let request = client.bucket_request(Method::Head, bucket, &[], Vec::new())?;
    exchange_idempotent(session, &request)
}

/// PutBucketAcl: `acl` is `private`, `public-read` or `public-read-write`.
pub fn put_bucket_acl(client: &Client, session: &mut Session, bucket: &str, acl: &str) -> Outcome {
    let request = client.bucket_request(Method::Put, bucket, &[pair("x-oss-acl", acl)], sub_resource("acl"))?;
    exchange_idempotent(session, &request)
}

pub fn get_bucket_acl(client: &Client, session: &mut Session, bucket: &str) -> Parsed<Acl> {
    let request = client.bucket_request(Method::Get, bucket, &[], sub_resource("acl"))?;
    idempotent_document(session, &request, parse_acl)
}

pub fn get_bucket_location(client: &Client, session: &mut Session, bucket: &str) -> Parsed<String> {
    let request = client.bucket_request(Method::Get, bucket, &[], sub_resource("location"))?;
    idempotent_document(session, &request, doc::parse_location)
}

pub fn get_bucket_info(client: &Client, session: &mut Session, bucket: &str) -> Parsed<BucketInfo> {
    let request = client.bucket_request(Method::Get, bucket, &[], sub_resource("bucketInfo"))?;
    idempotent_document(session, &request, doc::parse_bucket_info)
}

pub fn get_bucket_stat(client: &Client, session: &mut Session, bucket: &str) -> Parsed<BucketStat> {
    let request = client.bucket_request(Method::Get, bucket, &[], sub_resource("stat"))?;
    idempotent_document(session, &request, doc::parse_bucket_stat)
}

/// What a service listing asks for: buckets after `marker` starting with `prefix`, at most
/// `max_keys` (the server's default when `None`). Empty strings are left out, as the official
/// SDK leaves them out.
#[derive(Clone, Debug, Default)]
pub struct BucketListRequest {
    pub prefix: String,
    pub marker: String,
    pub max_keys: Option<u32>,
}

pub fn list_buckets(client: &Client, session: &mut Session, list: &BucketListRequest) -> Parsed<BucketListing> {
    let mut query = Vec::new();
    for (name, value) in [("prefix", &list.prefix), ("marker", &list.marker)] {
        if !value.is_empty() {
            query.push(pair(name, value.as_str()));
        }
    }
    if let Some(max_keys) = list.max_keys {
        query.push(pair("max-keys", max_keys.to_string()));
    }
    let request = client.service_request(Method::Get, query)?;
    idempotent_document(session, &request, doc::parse_bucket_listing)
}
