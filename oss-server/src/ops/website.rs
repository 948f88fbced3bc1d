//! The WebsiteConfiguration document (`?website`, static website hosting): what makes one
//! valid. It is stored and returned; this server does not serve index or error documents.

use super::bucket_config::{element, invalid, parse_bool, parse_int, required_text};
use crate::errors::OssError;
use crate::ops::OpContext;
use crate::xml;

pub const MAX_DOCUMENT: u64 = 64 * 1024;

pub fn validate(_ctx: &OpContext, _bucket: &str, root: roxmltree::Node) -> Result<(), OssError> {
    let index = element(root, "IndexDocument");
    let error = element(root, "ErrorDocument");
    if index.is_none() && error.is_none() && element(root, "RoutingRules").is_none() {
        return Err(xml::malformed("a WebsiteConfiguration needs an IndexDocument, an ErrorDocument or RoutingRules"));
    }
    if let Some(index) = index {
        let suffix = required_text(index, "Suffix")?;
        if suffix.is_empty() || suffix.starts_with('/') {
            return Err(invalid("Suffix", suffix, "the index document is a non-empty name not starting with '/'"));
        }
        if let Some(sub_dir) = xml::child_text(index, "SupportSubDir") {
            parse_bool("SupportSubDir", sub_dir)?;
        }
        if let Some(kind) = xml::child_text(index, "Type") {
            parse_int("Type", kind, 0..=2)?;
        }
    }
    if let Some(error) = error {
        let key = required_text(error, "Key")?;
        if key.is_empty() {
            return Err(invalid("Key", key, "the error document needs a key"));
        }
        if let Some(status) = xml::child_text(error, "HttpStatus") {
            if !matches!(status.trim(), "200" | "404") {
                return Err(invalid("HttpStatus", status, "the error document's status is 200 or 404"));
            }
        }
    }
    Ok(())
}
