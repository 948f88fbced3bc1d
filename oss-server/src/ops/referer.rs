//! The RefererConfiguration document (`?referer`, hotlink protection): what makes one valid.
//! It is stored and returned, not enforced: requests are not checked against their `Referer`.

use super::bucket_config::{element, elements, parse_bool, required_text};
use crate::errors::OssError;
use crate::ops::OpContext;
use crate::xml;

pub const MAX_DOCUMENT: u64 = 64 * 1024;
/// What a bucket answers before any PUT: every referer allowed, the empty one too.
pub const DEFAULT_DOCUMENT: &str =
    "<RefererConfiguration><AllowEmptyReferer>true</AllowEmptyReferer><RefererList/></RefererConfiguration>";

pub fn validate(_ctx: &OpContext, _bucket: &str, root: roxmltree::Node) -> Result<(), OssError> {
    parse_bool("AllowEmptyReferer", required_text(root, "AllowEmptyReferer")?)?;
    if let Some(truncate) = xml::child_text(root, "AllowTruncateQueryString") {
        parse_bool("AllowTruncateQueryString", truncate)?;
    }
    let list =
        element(root, "RefererList").ok_or_else(|| xml::malformed("RefererConfiguration needs a RefererList"))?;
    let lists = std::iter::once(list).chain(element(root, "RefererBlacklist"));
    for list in lists {
        for referer in elements(list, "Referer") {
            if referer.text().unwrap_or("").trim().is_empty() {
                return Err(xml::malformed("a Referer is not empty"));
            }
        }
    }
    Ok(())
}
