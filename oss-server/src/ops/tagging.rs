//! Object tags: the `x-oss-tagging` header (URL query form), the Tagging document of
//! Put/Get/DeleteObjectTagging, and OSS's limits (10 tags, keys 1–128 and values 0–256
//! characters, keys unique) → 400 InvalidTag.

use super::OpContext;
use crate::errors::OssError;
use crate::http::body::BodyReader;
use crate::http::response::{Body, Response};
use crate::percent;
use crate::xml::{self, escape};

const MAX_TAGS: usize = 10;
const MAX_KEY_CHARS: usize = 128;
const MAX_VALUE_CHARS: usize = 256;
const MAX_DOCUMENT: u64 = 64 * 1024;

fn invalid_tag(message: String) -> OssError {
    OssError::new(400, "InvalidTag", message)
}

pub fn check_tags(tags: &[(String, String)]) -> Result<(), OssError> {
    if tags.len() > MAX_TAGS {
        return Err(invalid_tag(format!("An object can have at most {MAX_TAGS} tags; {} were given.", tags.len())));
    }
    for (i, (key, value)) in tags.iter().enumerate() {
        if key.is_empty() || key.chars().count() > MAX_KEY_CHARS {
            return Err(invalid_tag(format!("A tag key must be 1 to {MAX_KEY_CHARS} characters: {key:?}.")));
        }
        if value.chars().count() > MAX_VALUE_CHARS {
            return Err(invalid_tag(format!("A tag value must be at most {MAX_VALUE_CHARS} characters.")));
        }
        if tags[..i].iter().any(|(k, _)| k == key) {
            return Err(invalid_tag(format!("The tag key {key:?} is given twice.")));
        }
    }
    Ok(())
}

/// `x-oss-tagging: k1=v1&k2=v2` (percent-encoded).
pub fn parse_header(value: &str) -> Result<Vec<(String, String)>, OssError> {
    let mut tags = Vec::new();
    for pair in value.split('&').filter(|p| !p.is_empty()) {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        let decode = |s: &str| {
            percent::decode(&s.replace('+', " ")).map_err(|_| invalid_tag("x-oss-tagging is not URL-encoded.".into()))
        };
        tags.push((decode(key)?, decode(value)?));
    }
    check_tags(&tags)?;
    Ok(tags)
}

/// `x-oss-tagging` of a request, if any.
pub fn header_tags(ctx: &OpContext) -> Result<Option<Vec<(String, String)>>, OssError> {
    ctx.header("x-oss-tagging").map(parse_header).transpose()
}

pub fn tag_count_header(tags: &[(String, String)]) -> Option<(&'static str, String)> {
    (!tags.is_empty()).then(|| ("x-oss-tagging-count", tags.len().to_string()))
}

fn parse_document(text: &str) -> Result<Vec<(String, String)>, OssError> {
    let document = xml::parse(text, "Tagging")?;
    let set = document
        .root_element()
        .children()
        .find(|c| c.is_element() && c.tag_name().name() == "TagSet")
        .ok_or_else(|| xml::malformed("Tagging needs a TagSet"))?;
    let mut tags = Vec::new();
    for tag in set.children().filter(|c| c.is_element()) {
        if tag.tag_name().name() != "Tag" {
            return Err(xml::malformed("TagSet holds only Tag elements"));
        }
        let key = xml::child_text(tag, "Key").ok_or_else(|| xml::malformed("a Tag needs a Key"))?;
        let value = xml::child_text(tag, "Value").unwrap_or("");
        tags.push((key.to_string(), value.to_string()));
    }
    check_tags(&tags)?;
    Ok(tags)
}

pub fn put_object_tagging(
    ctx: &OpContext,
    bucket: &str,
    key: &str,
    body: &mut BodyReader,
) -> Result<Response, OssError> {
    ctx.state.store.require_object(bucket, key)?;
    let tags = parse_document(&xml::read_document(body, MAX_DOCUMENT)?)?;
    ctx.state.store.update_object(bucket, key, &|record| {
        record.attrs.tags = tags.clone();
        Ok(())
    })?;
    Ok(Response::new(200, Body::Empty))
}

pub fn get_object_tagging(ctx: &OpContext, bucket: &str, key: &str) -> Result<Response, OssError> {
    let record = ctx.state.store.require_object(bucket, key)?;
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Tagging><TagSet>");
    for (key, value) in &record.attrs.tags {
        xml.push_str(&format!("<Tag><Key>{}</Key><Value>{}</Value></Tag>", escape(key), escape(value)));
    }
    xml.push_str("</TagSet></Tagging>\n");
    Ok(Response::xml(200, xml))
}

pub fn delete_object_tagging(ctx: &OpContext, bucket: &str, key: &str) -> Result<Response, OssError> {
    ctx.state.store.update_object(bucket, key, &|record| {
        record.attrs.tags.clear();
        Ok(())
    })?;
    Ok(Response::new(204, Body::Empty))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_and_document_forms() {
        assert_eq!(
            parse_header("a=1&b%20c=d%26e&empty=").unwrap(),
            vec![("a".into(), "1".into()), ("b c".into(), "d&e".into()), ("empty".into(), String::new())]
        );
        let eleven: Vec<String> = (0..11).map(|i| format!("k{i}=v")).collect();
        assert_eq!(parse_header(&eleven.join("&")).unwrap_err().code, "InvalidTag");
        assert_eq!(parse_header(&format!("{}=v", "k".repeat(129))).unwrap_err().code, "InvalidTag");
        assert_eq!(parse_header(&format!("k={}", "v".repeat(257))).unwrap_err().code, "InvalidTag");
        assert_eq!(parse_header("k=1&k=2").unwrap_err().code, "InvalidTag");
        let doc = "<Tagging><TagSet><Tag><Key>a</Key><Value>1</Value></Tag></TagSet></Tagging>";
        assert_eq!(parse_document(doc).unwrap(), vec![("a".into(), "1".into())]);
        assert_eq!(parse_document("<Tagging/>").unwrap_err().code, "MalformedXML");
    }
}
