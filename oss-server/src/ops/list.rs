//! ListObjects (V1: prefix, marker, max-keys, delimiter, encoding-type) and ListObjectsV2
//! (`list-type=2`: continuation-token, start-after, fetch-owner), with OSS's ListBucketResult
//! XML, in key byte order. Pages are read from the store in batches, skipping whole common
//! prefixes, so a listing costs what it returns, not the size of the bucket.

use super::OpContext;
use crate::errors::OssError;
use crate::http::response::Response;
use crate::iso_time::iso8601_millis;
use crate::percent;
use crate::store::{ObjectRecord, Scan};

use crate::xml::escape;

const DEFAULT_MAX_KEYS: usize = 100;
const MAX_MAX_KEYS: usize = 1000;
/// Rows read from the store per step.
const BATCH: usize = 256;

pub struct Page {
    pub contents: Vec<ObjectRecord>,
    pub common_prefixes: Vec<String>,
    pub truncated: bool,
    /// The last key or prefix returned, where the next page starts.
    pub next_marker: Option<String>,
}

/// The smallest byte string after every string that starts with `prefix`.
pub(super) fn past_prefix(prefix: &str) -> Vec<u8> {
    let mut bytes = prefix.as_bytes().to_vec();
    while let Some(last) = bytes.pop() {
        if last < 0xFF {
            bytes.push(last + 1);
            return bytes;
        }
    }
    vec![0xFF; 1024] // beyond any key
}

/// Up to `limit` records with the listing's prefix, in key order, from a position.
pub type Fetch<'a> = dyn FnMut(Scan, usize) -> Result<Vec<ObjectRecord>, OssError> + 'a;

/// One page of a listing, read through `fetch` in batches.
pub fn paginate(
    fetch: &mut Fetch,
    prefix: &str,
    delimiter: &str,
    after: &str,
    max_keys: usize,
) -> Result<Page, OssError> {
    let mut page = Page { contents: Vec::new(), common_prefixes: Vec::new(), truncated: false, next_marker: None };
    let mut cursor = after.as_bytes().to_vec();
    let mut inclusive = false;
    'batches: loop {
        let batch = fetch(if inclusive { Scan::From(&cursor) } else { Scan::After(&cursor) }, BATCH)?;
        if batch.is_empty() {
            return Ok(page);
        }
        for record in batch {
            let common = match delimiter {
                "" => None,
                d => record.key[prefix.len()..].find(d).map(|at| record.key[..prefix.len() + at + d.len()].to_string()),
            };
            // A prefix returned on an earlier page (the marker) is not returned again.
            if common.as_ref().is_some_and(|c| c.as_str() <= after) {
                cursor = past_prefix(common.as_deref().unwrap_or(""));
                inclusive = true;
                continue 'batches;
            }
            if page.contents.len() + page.common_prefixes.len() == max_keys {
                page.truncated = true;
                return Ok(page);
            }
            match common {
                Some(common) => {
                    // Every other key under this prefix rolls into it: continue past them.
                    cursor = past_prefix(&common);
                    inclusive = true;
                    page.next_marker = Some(common.clone());
                    page.common_prefixes.push(common);
                    continue 'batches;
                }
                None => {
                    cursor = record.key.as_bytes().to_vec();
                    inclusive = false;
                    page.next_marker = Some(record.key.clone());
                    page.contents.push(record);
                }
            }
        }
    }
}

/// A page-size parameter (`max-keys`, `max-uploads`, `max-parts`): 1–1000, else 400
/// InvalidArgument.
pub fn max_keys_param(ctx: &OpContext, name: &'static str, default: usize) -> Result<usize, OssError> {
    match ctx.query(name) {
        None | Some("") => Ok(default),
        Some(text) => text.parse::<usize>().ok().filter(|n| (1..=MAX_MAX_KEYS).contains(n)).ok_or_else(|| {
            OssError::invalid_argument(format!("Argument {name} must be an integer between 1 and 1000."))
                .with_detail("ArgumentName", name)
                .with_detail("ArgumentValue", text)
        }),
    }
}

pub fn list_objects(ctx: &OpContext, bucket: &str) -> Result<Response, OssError> {
    let v2 = ctx.query("list-type") == Some("2");
    let prefix = ctx.query("prefix").unwrap_or("");
    let delimiter = ctx.query("delimiter").unwrap_or("");
    let url_encoded = match ctx.query("encoding-type") {
        None | Some("") => false,
        Some("url") => true,
        Some(_) => return Err(OssError::invalid_argument("Argument encoding-type must be url.")),
    };
    let max_keys = max_keys_param(ctx, "max-keys", DEFAULT_MAX_KEYS)?;
    let marker = ctx.query("marker").unwrap_or("");
    let token = ctx.query("continuation-token").unwrap_or("");
    let start_after = ctx.query("start-after").unwrap_or("");
    let after = if v2 { token.max(start_after) } else { marker };

    let store = &ctx.state.store;
    store.require_bucket(bucket)?;
    let mut fetch = |scan: Scan, limit: usize| store.scan(bucket, prefix, scan, limit);
    let page = paginate(&mut fetch, prefix, delimiter, after, max_keys)?;
    let text = |s: &str| if url_encoded { percent::encode(s, true) } else { escape(s) };

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
    let with_owner = !v2 || ctx.query("fetch-owner") == Some("true");
    let owner = escape(&ctx.state.config.credentials.access_key_id);
    for record in &page.contents {
        xml.push_str(&format!(
            "  <Contents>\n    <Key>{}</Key>\n    <LastModified>{}</LastModified>\n    <ETag>{}</ETag>\n    <Type>{}</Type>\n    <Size>{}</Size>\n    <StorageClass>{}</StorageClass>\n",
            text(&record.key),
            iso8601_millis(record.last_modified),
            escape(&record.etag),
            record.object_type,
            record.size,
            record.attrs.storage_class
        ));
        if with_owner {
            xml.push_str(&format!("    <Owner><ID>{owner}</ID><DisplayName>{owner}</DisplayName></Owner>\n"));
        }
        xml.push_str("  </Contents>\n");
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
    use crate::store::ObjectAttrs;

    fn record(key: &str) -> ObjectRecord {
        ObjectRecord {
            key: key.to_string(),
            data_id: String::new(),
            size: 0,
            etag: String::new(),
            crc64: 0,
            last_modified: 0,
            object_type: "Normal".into(),
            attrs: ObjectAttrs::default(),
            symlink_target: None,
            restore: None,
        }
    }

    /// A page over sorted in-memory keys, fetching in batches of at most `batch` as the store does.
    fn page(keys: &[&str], prefix: &str, delimiter: &str, after: &str, max_keys: usize) -> Page {
        let all: Vec<ObjectRecord> = keys.iter().map(|k| record(k)).collect();
        let mut fetch = |scan: Scan, limit: usize| {
            let limit = limit.min(2); // small batches exercise the batch boundaries
            Ok(all
                .iter()
                .filter(|r| r.key.starts_with(prefix))
                .filter(|r| match scan {
                    Scan::After(a) => r.key.as_bytes() > a,
                    Scan::From(f) => r.key.as_bytes() >= f,
                })
                .take(limit)
                .cloned()
                .collect())
        };
        paginate(&mut fetch, prefix, delimiter, after, max_keys).unwrap()
    }

    fn names(page: &Page) -> (Vec<&str>, Vec<&str>) {
        (
            page.contents.iter().map(|r| r.key.as_str()).collect(),
            page.common_prefixes.iter().map(String::as_str).collect(),
        )
    }

    #[test]
    fn delimiter_and_pages() {
        let all = ["a", "b/1", "b/2", "b/3", "c/x/1", "d"];
        let p = page(&all, "", "/", "", 100);
        assert_eq!(names(&p), (vec!["a", "d"], vec!["b/", "c/"]));
        assert!(!p.truncated);

        let p = page(&all, "", "/", "", 2);
        assert_eq!(names(&p), (vec!["a"], vec!["b/"]));
        assert!(p.truncated);
        let p = page(&all, "", "/", p.next_marker.as_deref().unwrap(), 1);
        assert_eq!(names(&p), (vec![], vec!["c/"]), "keys under b/ do not come back");
        assert!(p.truncated);
        let p = page(&all, "", "/", p.next_marker.as_deref().unwrap(), 2);
        assert_eq!(names(&p), (vec!["d"], vec![]));
        assert!(!p.truncated);

        let p = page(&["c/x/1", "c/y"], "c/", "/", "", 10);
        assert_eq!(names(&p), (vec!["c/y"], vec!["c/x/"]));
    }

    #[test]
    fn directory_markers_and_odd_keys() {
        // A key equal to its own common prefix ("dir/") rolls into that prefix, as on OSS.
        let all = ["a", "a/b", "dir/", "dir/x", "dir/y/z", "e"];
        let p = page(&all, "", "/", "", 100);
        assert_eq!(names(&p), (vec!["a", "e"], vec!["a/", "dir/"]));
        let p = page(&all, "dir/", "/", "", 100);
        assert_eq!(names(&p), (vec!["dir/", "dir/x"], vec!["dir/y/"]));
        assert_eq!(past_prefix("a/"), b"a0".to_vec());
    }
}
