//! DeleteObject (204, also when absent) and DeleteMultipleObjects (`POST /?delete`: a Delete
//! document of at most 1000 keys, `Content-MD5` required, `Quiet`, `encoding-type=url`).

use md5::{Digest, Md5};

use super::{put, OpContext};
use crate::errors::OssError;
use crate::http::body::BodyReader;
use crate::http::response::{Body, Response};
use crate::names::check_key;
use crate::percent;
use crate::xml::{self, escape};

const MAX_KEYS: usize = 1000;
/// 1000 keys of 1023 bytes, escaped, with their elements.
const MAX_DOCUMENT: u64 = 8 * 1024 * 1024;

pub fn delete_object(ctx: &OpContext, bucket: &str, key: &str) -> Result<Response, OssError> {
    ctx.state.store.delete_object(bucket, key)?;
    Ok(Response::new(204, Body::Empty))
}

/// The keys of a Delete document and its Quiet flag.
fn parse_request(text: &str) -> Result<(Vec<String>, bool), OssError> {
    let document = xml::parse(text, "Delete")?;
    let root = document.root_element();
    let quiet = match xml::child_text(root, "Quiet").map(str::trim) {
        None | Some("false") => false,
        Some("true") => true,
        Some(_) => return Err(xml::malformed("Quiet must be true or false")),
    };
    let mut keys = Vec::new();
    for object in root.children().filter(|c| c.is_element() && c.tag_name().name() == "Object") {
        let key = xml::child_text(object, "Key").ok_or_else(|| xml::malformed("an Object needs a Key"))?;
        keys.push(key.to_string());
    }
    if keys.is_empty() || keys.len() > MAX_KEYS {
        return Err(xml::malformed(&format!("a Delete document names 1 to {MAX_KEYS} objects")));
    }
    Ok((keys, quiet))
}

pub fn delete_multiple(ctx: &OpContext, bucket: &str, body: &mut BodyReader) -> Result<Response, OssError> {
    ctx.state.store.require_bucket(bucket)?;
    let expected = put::content_md5(ctx)?.ok_or_else(|| {
        OssError::new(400, "InvalidDigest", "DeleteMultipleObjects needs the Content-MD5 of its body.")
    })?;
    let text = xml::read_document(body, MAX_DOCUMENT)?;
    if <[u8; 16]>::from(Md5::digest(text.as_bytes())) != expected {
        return Err(crate::store::bad_digest());
    }
    let (keys, quiet) = parse_request(&text)?;
    for key in &keys {
        check_key(key)?;
    }
    let url = ctx.query("encoding-type") == Some("url");
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<DeleteResult>\n");
    if url {
        xml.push_str("  <EncodingType>url</EncodingType>\n");
    }
    for key in &keys {
        ctx.state.store.delete_object(bucket, key)?;
        if !quiet {
            let shown = if url { percent::encode(key, true) } else { escape(key) };
            xml.push_str(&format!("  <Deleted><Key>{shown}</Key></Deleted>\n"));
        }
    }
    xml.push_str("</DeleteResult>\n");
    Ok(Response::xml(200, xml))
}

#[cfg(test)]
mod tests {
    use super::parse_request;

    #[test]
    fn delete_documents() {
        let doc =
            "<Delete><Quiet>true</Quiet><Object><Key>a</Key></Object><Object><Key>b&amp;c</Key></Object></Delete>";
        assert_eq!(parse_request(doc).unwrap(), (vec!["a".to_string(), "b&c".to_string()], true));
        for bad in [
            "<Delete></Delete>",
            "<Delete><Object/></Delete>",
            "<Delete><Quiet>yes</Quiet><Object><Key>a</Key></Object></Delete>",
            "<Other/>",
        ] {
            assert_eq!(parse_request(bad).unwrap_err().code, "MalformedXML", "{bad}");
        }
        let many: String = (0..1001).map(|i| format!("<Object><Key>k{i}</Key></Object>")).collect();
        assert!(parse_request(&format!("<Delete>{many}</Delete>")).is_err());
    }
}
