//! The calls that change or describe an object without moving its bytes through us: copy,
//! delete (one or many), ACL, tagging, symlinks and restore.

use crate::client::{Client, ObjectRef};
use crate::http::{Body, Method, Session, Source};
use crate::outcome::Outcome;
use crate::sign::uri_encode;
use crate::transfer::retry::RetryPolicy;
use crate::xml::object::{self as doc, Acl, Tags};

use super::{
    exchange, exchange_document, exchange_idempotent as simple, exchange_xml, idempotent_document, pair as header,
    retry, sub_resource, xml_headers, Parsed,
};

/// CopyObject: `dest` (with the caller's headers, e.g. x-oss-metadata-directive) from
/// `source_bucket`/`source_key` (a `versionId` query on `dest` selects the source version).
pub fn copy_object(
    client: &Client,
    session: &mut Session,
    source_bucket: &str,
    source_key: &str,
    dest: &ObjectRef,
) -> Parsed<(String, String)> {
    crate::names::check(source_bucket, source_key, false)?;
    let source = format!("/{source_bucket}/{}", uri_encode(source_key, true));
    let request = client.object_request(Method::Put, dest, &[header("x-oss-copy-source", source)], &[])?;
    idempotent_document(session, &request, doc::parse_copy_result)
}

pub fn delete_object(client: &Client, session: &mut Session, object: &ObjectRef) -> Outcome {
    let request = client.object_request(Method::Delete, object, &[], &[])?;
    simple(session, &request)
}

/// DeleteMultipleObjects: the keys the server reports deleted (none when `quiet`).
pub fn delete_objects(
    client: &Client,
    session: &mut Session,
    bucket: &str,
    keys: &[String],
    quiet: bool,
) -> Parsed<Vec<String>> {
    let document = doc::delete_document(keys, quiet);
    let request = client.bucket_request(Method::Post, bucket, &xml_headers(&document), sub_resource("delete"))?;
    let buffers = [document.as_bytes()];
    let stop = session.stop_flag();
    retry::idempotent(&RetryPolicy::default(), stop.as_deref(), |_| {
        let mut body = Body::new(Source::Buffers(&buffers));
        exchange_document(session, &request, Some(&mut body), doc::parse_delete_result)
    })
}

/// PutObjectACL: `acl` is `private`, `public-read`, `public-read-write` or `default`.
pub fn put_object_acl(client: &Client, session: &mut Session, object: &ObjectRef, acl: &str) -> Outcome {
    let request =
        client.object_request(Method::Put, object, &[header("x-oss-object-acl", acl)], &sub_resource("acl"))?;
    simple(session, &request)
}

pub fn get_object_acl(client: &Client, session: &mut Session, object: &ObjectRef) -> Parsed<Acl> {
    let request = client.object_request(Method::Get, object, &[], &sub_resource("acl"))?;
    idempotent_document(session, &request, doc::parse_acl)
}

pub fn put_object_tagging(client: &Client, session: &mut Session, object: &ObjectRef, tags: &Tags) -> Outcome {
    let document = doc::tagging_document(tags);
    let request = client.object_request(Method::Put, object, &xml_headers(&document), &sub_resource("tagging"))?;
    exchange_xml(session, &request, &document, true)
}

pub fn get_object_tagging(client: &Client, session: &mut Session, object: &ObjectRef) -> Parsed<Tags> {
    let request = client.object_request(Method::Get, object, &[], &sub_resource("tagging"))?;
    idempotent_document(session, &request, doc::parse_tagging)
}

pub fn delete_object_tagging(client: &Client, session: &mut Session, object: &ObjectRef) -> Outcome {
    let request = client.object_request(Method::Delete, object, &[], &sub_resource("tagging"))?;
    simple(session, &request)
}

/// PutSymlink: `link` points at `target` (a key of the same bucket).
pub fn put_symlink(client: &Client, session: &mut Session, link: &ObjectRef, target: &str) -> Outcome {
    crate::names::validate_object(target, false)?;
    let headers = [header("x-oss-symlink-target", uri_encode(target, true))];
    let request = client.object_request(Method::Put, link, &headers, &sub_resource("symlink"))?;
    simple(session, &request)
}

/// GetSymlink: the target comes back in `x-oss-symlink-target`.
pub fn get_symlink(client: &Client, session: &mut Session, link: &ObjectRef) -> Outcome {
    let request = client.object_request(Method::Get, link, &[], &sub_resource("symlink"))?;
    simple(session, &request)
}

/// RestoreObject; for a cold-archive object, `days` and the retrieval `tier` go in the body.
/// Not retried: a repeat while the first restore runs answers 409 RestoreAlreadyInProgress.
pub fn restore_object(
    client: &Client,
    session: &mut Session,
    object: &ObjectRef,
    tier: Option<(u32, &str)>,
) -> Outcome {
    let request = client.object_request(Method::Post, object, &[], &sub_resource("restore"))?;
    match tier {
        None => exchange(session, &request, None),
        Some((days, tier)) => {
            let document = doc::restore_document(days, tier);
            exchange_xml(session, &request, &document, false)
        }
    }
}
