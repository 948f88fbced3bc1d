//! ListObjects: one page of a bucket's objects.

use crate::client::Client;
use crate::http::{Method, Session};
use crate::xml::listing::{parse_object_listing, ObjectListing};

use super::{idempotent_document, Parsed};

/// What to list: keys after `marker` that start with `prefix`, at most `max_keys` (OSS: 1–1000,
/// default 100), rolled up at `delimiter` into common prefixes.
#[derive(Clone, Debug, Default)]
pub struct ListRequest {
    pub prefix: String,
    pub marker: String,
    pub delimiter: String,
    pub max_keys: Option<u32>,
    /// Ask the server to percent-encode names (`encoding-type=url`); the answer is decoded.
    pub url_encoded: bool,
}

pub fn list_objects(
    client: &Client,
    session: &mut Session,
    bucket: &str,
    list: &ListRequest,
    headers: &[(String, String)],
) -> Parsed<ObjectListing> {
    let mut query = Vec::new();
    for (name, value) in [("prefix", &list.prefix), ("marker", &list.marker), ("delimiter", &list.delimiter)] {
        if !value.is_empty() {
            query.push((name.to_string(), value.clone()));
        }
    }
    if let Some(max_keys) = list.max_keys {
        query.push(("max-keys".to_string(), max_keys.to_string()));
    }
    if list.url_encoded {
        query.push(("encoding-type".to_string(), "url".to_string()));
    }
    let request = client.bucket_request(Method::Get, bucket, headers, query)?;
    idempotent_document(session, &request, parse_object_listing)
}
