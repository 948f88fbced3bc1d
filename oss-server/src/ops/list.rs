//! ListObjects (V1: prefix, marker, max-keys, delimiter, encoding-type) and ListObjectsV2
//! (`list-type=2`: continuation-token, start-after), with OSS's ListBucketResult XML.

use super::OpContext;
use crate::errors::OssError;
use crate::http::response::Response;
use crate::iso_time::iso8601_millis;
use crate::object_meta::ObjectMeta;
use crate::percent;
use crate::xml::escape;

const DEFAULT_MAX_KEYS: usize = 100;
const MAX_MAX_KEYS: usize = 1000;

struct Page {
    contents: Vec<(String, ObjectMeta)>,
    common_prefixes: Vec<String>,
    truncated: bool,
    /// The last key or prefix returned, where the next page starts.
    next_marker: Option<String>,
}

fn paginate(entries: Vec<(String, ObjectMeta)>, prefix: &str, delimiter: &str, after: &str, max_keys: usize) -> Page {
    let mut page = Page { contents: Vec::new(), common_prefixes: Vec::new(), truncated: false, next_marker: None };
    let mut returned = 0;
    for (key, meta) in entries {
        if key.as_str() <= after {
            continue;
        }
        let common = if delimiter.is_empty() {
            None
        } else {
            key[prefix.len()..].find(delimiter).map(|at| key[..prefix.len() + at + delimiter.len()].to_string())
        };
        // Keys rolled into a prefix already returned (on this page or an earlier one) vanish.
        if let Some(common) = &common {
            if common.as_str() <= after || page.common_prefixes.last() == Some(common) {
                continue;
            }
        }
        if returned == max_keys {
            page.truncated = true;
            break;
        }
        returned += 1;
        match common {
            Some(common) => {
                page.next_marker = Some(common.clone());
                page.common_prefixes.push(common);
            }
            None => {
                page.next_marker = Some(key.clone());
                page.contents.push((key, meta));
            }
        }
    }
    page
}

pub fn list_objects(ctx: &OpContext, bucket: &str) -> Result<Response, OssError> {
    let v2 = ctx.query("list-type") == Some("2");
    let prefix = ctx.query("prefix").unwrap_or("");
    let delimiter = ctx.query("delimiter").unwrap_or("");
    let url_encoded = ctx.query("encoding-type") == Some("url");
    let max_keys = match ctx.query("max-keys") {
        None | Some("") => DEFAULT_MAX_KEYS,
        Some(text) => text
            .parse::<usize>()
            .ok()
            .filter(|n| *n <= MAX_MAX_KEYS)
            .ok_or_else(|| OssError::invalid_argument("max-keys must be a number from 0 to 1000."))?,
    };
    let marker = ctx.query("marker").unwrap_or("");
    let token = ctx.query("continuation-token").unwrap_or("");
    let start_after = ctx.query("start-after").unwrap_or("");
    let after = if v2 { token.max(start_after) } else { marker };

    let entries = ctx.state.storage.list_objects(bucket, prefix)?;
    let page = paginate(entries, prefix, delimiter, after, max_keys);
    let text = |s: &str| {
        if url_encoded {
            percent::encode(s, true)
        } else {
            escape(s)
        }
    };

    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ListBucketResult>\n");
    let mut element = |name: &str, value: &str| xml.push_str(&format!("  <{name}>{value}</{name}>\n"));
    element("Name", bucket);
    element("Prefix", &text(prefix));
    if v2 {
        if !start_after.is_empty() {
            element("StartAfter", &text(start_after));
        }
        if !token.is_empty() {
            element("ContinuationToken", &escape(token));
        }
    } else {
        element("Marker", &text(marker));
    }
    element("MaxKeys", &max_keys.to_string());
    element("Delimiter", &text(delimiter));
    if url_encoded {
        element("EncodingType", "url");
    }
    element("IsTruncated", if page.truncated { "true" } else { "false" });
    if page.truncated {
        let next = page.next_marker.as_deref().unwrap_or("");
        if v2 {
            element("NextContinuationToken", &escape(next));
        } else {
            element("NextMarker", &text(next));
        }
    }
    if v2 {
        element("KeyCount", &(page.contents.len() + page.common_prefixes.len()).to_string());
    }
    let owner = escape(&ctx.state.config.credentials.access_key_id);
    for (key, meta) in &page.contents {
        xml.push_str(&format!(
            "  <Contents>\n    <Key>{}</Key>\n    <LastModified>{}</LastModified>\n    <ETag>{}</ETag>\n    <Type>Normal</Type>\n    <Size>{}</Size>\n    <StorageClass>Standard</StorageClass>\n    <Owner><ID>{owner}</ID><DisplayName>{owner}</DisplayName></Owner>\n  </Contents>\n",
            text(key),
            iso8601_millis(meta.last_modified),
            escape(&meta.etag),
            meta.size
        ));
    }
    for common in &page.common_prefixes {
        xml.push_str(&format!("  <CommonPrefixes>\n    <Prefix>{}</Prefix>\n  </CommonPrefixes>\n", text(common)));
    }
    xml.push_str("</ListBucketResult>\n");
    Ok(Response::xml(200, xml))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entries(keys: &[&str]) -> Vec<(String, ObjectMeta)> {
        let meta = ObjectMeta {
            size: 0,
            etag: String::new(),
            crc64: 0,
            last_modified: 0,
            content_type: String::new(),
            user_meta: Vec::new(),
        };
        keys.iter().map(|k| (k.to_string(), meta.clone())).collect()
    }

    fn names(page: &Page) -> (Vec<&str>, Vec<&str>) {
        (
            page.contents.iter().map(|(k, _)| k.as_str()).collect(),
            page.common_prefixes.iter().map(String::as_str).collect(),
        )
    }

    #[test]
    fn delimiter_and_pages() {
        let all = ["a", "b/1", "b/2", "c/x/1", "d"];
        let page = paginate(entries(&all), "", "/", "", 100);
        assert_eq!(names(&page), (vec!["a", "d"], vec!["b/", "c/"]));
        assert!(!page.truncated);

        let page = paginate(entries(&all), "", "/", "", 2);
        assert_eq!(names(&page), (vec!["a"], vec!["b/"]));
        assert!(page.truncated);
        let page = paginate(entries(&all), "", "/", page.next_marker.as_deref().unwrap(), 1);
        assert_eq!(names(&page), (vec![], vec!["c/"]), "keys under b/ do not come back");
        assert!(page.truncated);
        let page = paginate(entries(&all), "", "/", page.next_marker.as_deref().unwrap(), 2);
        assert_eq!(names(&page), (vec!["d"], vec![]));
        assert!(!page.truncated);

        let page = paginate(entries(&["c/x/1", "c/y"]), "c/", "/", "", 10);
        assert_eq!(names(&page), (vec!["c/y"], vec!["c/x/"]));
    }
}
