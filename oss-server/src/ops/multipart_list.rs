//! ListParts (`GET /bucket/key?uploadId=ID`: part-number-marker, max-parts) and
//! ListMultipartUploads (`GET /bucket?uploads`: prefix, delimiter, key-marker,
//! upload-id-marker, max-uploads, encoding-type), read from the store in batches.

use super::list::past_prefix;
use super::multipart::{text_encoding, upload_id};
use super::multipart_xml::{self, PartsPage, UploadsPage};
use super::OpContext;
use crate::errors::OssError;
use crate::http::response::Response;
use crate::store::{UploadCursor, UploadRecord};

const MAX_PAGE: usize = 1000;
/// Rows read from the store per step.
const BATCH: usize = 256;

/// A numeric query parameter: `default` when absent, else within `range`.
fn number(
    ctx: &OpContext,
    name: &str,
    default: usize,
    range: std::ops::RangeInclusive<usize>,
) -> Result<usize, OssError> {
    match ctx.query(name) {
        None | Some("") => Ok(default),
        Some(text) => text.parse::<usize>().ok().filter(|n| range.contains(n)).ok_or_else(|| {
            OssError::invalid_argument(format!(
                "Argument {name} must be an integer between {} and {}.",
                range.start(),
                range.end()
            ))
            .with_detail("ArgumentName", name)
            .with_detail("ArgumentValue", text)
        }),
    }
}

pub fn list_parts(ctx: &OpContext, bucket: &str, key: &str) -> Result<Response, OssError> {
    let text = text_encoding(ctx)?;
    let max_parts = number(ctx, "max-parts", MAX_PAGE, 1..=MAX_PAGE)?;
    let marker = number(ctx, "part-number-marker", 0, 0..=u32::MAX as usize)? as u32;
    let store = &ctx.state.store;
    let upload = store.upload(bucket, key, upload_id(ctx)?)?;
    let mut parts = store.parts(&upload.upload_id, marker, max_parts + 1)?;
    let truncated = parts.len() > max_parts;
    parts.truncate(max_parts);
    let page = PartsPage { bucket, upload: &upload, marker, max_parts, parts: &parts, truncated, text };
    Ok(Response::xml(200, multipart_xml::list_parts_result(&page)))
}

/// Where a listing stands: the next row to read comes after `key` (and `upload_id`).
struct Cursor {
    key: Vec<u8>,
    upload_id: Option<String>,
}

pub fn list_uploads(ctx: &OpContext, bucket: &str) -> Result<Response, OssError> {
    let text = text_encoding(ctx)?;
    let prefix = ctx.query("prefix").unwrap_or("");
    let delimiter = ctx.query("delimiter").unwrap_or("");
    let key_marker = ctx.query("key-marker").unwrap_or("");
    // An upload id marker means something only beside a key marker.
    let upload_id_marker = if key_marker.is_empty() { "" } else { ctx.query("upload-id-marker").unwrap_or("") };
    let max_uploads = number(ctx, "max-uploads", MAX_PAGE, 1..=MAX_PAGE)?;
    let mut page = UploadsPage {
        bucket,
        prefix,
        delimiter,
        key_marker,
        upload_id_marker,
        max_uploads,
        uploads: Vec::new(),
        common_prefixes: Vec::new(),
        truncated: false,
        next: (String::new(), String::new()),
        text,
    };
    let cursor = Cursor {
        key: key_marker.as_bytes().to_vec(),
        upload_id: (!upload_id_marker.is_empty()).then(|| upload_id_marker.to_string()),
    };
    let mut fetch = |c: &Cursor| {
        let at = UploadCursor { key: &c.key, upload_id: c.upload_id.as_deref() };
        ctx.state.store.uploads(bucket, prefix, at, BATCH)
    };
    fill_page(&mut page, cursor, &mut fetch)?;
    Ok(Response::xml(200, multipart_xml::list_uploads_result(&page)))
}

/// Fills `page` with uploads and common prefixes from `cursor` on, until `max_uploads` or the
/// end; a common prefix at or before the key marker was returned on an earlier page.
fn fill_page(
    page: &mut UploadsPage,
    mut cursor: Cursor,
    fetch: &mut dyn FnMut(&Cursor) -> Result<Vec<UploadRecord>, OssError>,
) -> Result<(), OssError> {
    'batches: loop {
        let batch = fetch(&cursor)?;
        if batch.is_empty() {
            return Ok(());
        }
        for upload in batch {
            let common = match page.delimiter {
                "" => None,
                d => upload.key[page.prefix.len()..]
                    .find(d)
                    .map(|at| upload.key[..page.prefix.len() + at + d.len()].to_string()),
            };
            let returned = page.uploads.len() + page.common_prefixes.len();
            if let Some(common) = common {
                // The rest of this prefix's uploads roll into it: continue after all of them.
                cursor = Cursor { key: past_prefix(&common), upload_id: Some(String::new()) };
                if common.as_str() > page.key_marker {
                    if returned == page.max_uploads {
                        page.truncated = true;
                        return Ok(());
                    }
                    page.next = (common.clone(), String::new());
                    page.common_prefixes.push(common);
                }
                continue 'batches;
            }
            if returned == page.max_uploads {
                page.truncated = true;
                return Ok(());
            }
            cursor = Cursor { key: upload.key.as_bytes().to_vec(), upload_id: Some(upload.upload_id.clone()) };
            page.next = (upload.key.clone(), upload.upload_id.clone());
            page.uploads.push(upload);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ops::multipart_xml::Text;
    use crate::store::ObjectAttrs;

    fn upload(key: &str, id: &str) -> UploadRecord {
        UploadRecord {
            upload_id: id.to_string(),
            key: key.to_string(),
            initiated: 0,
            attrs: ObjectAttrs::default(),
            forbid_overwrite: false,
        }
    }

    /// A page over sorted in-memory uploads, fetched two at a time to cross batch boundaries.
    fn page<'a>(
        all: &[UploadRecord],
        delimiter: &'a str,
        key_marker: &'a str,
        id_marker: &'a str,
        max: usize,
    ) -> UploadsPage<'a> {
        let mut page = UploadsPage {
            bucket: "b",
            prefix: "",
            delimiter,
            key_marker,
            upload_id_marker: id_marker,
            max_uploads: max,
            uploads: Vec::new(),
            common_prefixes: Vec::new(),
            truncated: false,
            next: (String::new(), String::new()),
            text: Text { url_encoded: false },
        };
        let cursor = Cursor {
            key: key_marker.as_bytes().to_vec(),
            upload_id: (!id_marker.is_empty()).then(|| id_marker.to_string()),
        };
        let mut fetch = |c: &Cursor| {
            Ok(all
                .iter()
                .filter(|u| match &c.upload_id {
                    None => u.key.as_bytes() > c.key.as_slice(),
                    Some(id) => (u.key.as_bytes(), u.upload_id.as_str()) > (c.key.as_slice(), id.as_str()),
                })
                .take(2)
                .cloned()
                .collect())
        };
        fill_page(&mut page, cursor, &mut fetch).unwrap();
        page
    }

    fn names<'p>(page: &'p UploadsPage) -> (Vec<(&'p str, &'p str)>, Vec<&'p str>) {
        (
            page.uploads.iter().map(|u| (u.key.as_str(), u.upload_id.as_str())).collect(),
            page.common_prefixes.iter().map(String::as_str).collect(),
        )
    }

    #[test]
    fn markers_and_common_prefixes() {
        let all = [upload("a", "1"), upload("a", "2"), upload("d/x", "3"), upload("d/y", "4"), upload("e", "5")];
        let first = page(&all, "/", "", "", 2);
        assert_eq!(names(&first), (vec![("a", "1"), ("a", "2")], vec![]));
        assert!(first.truncated && first.next == ("a".to_string(), "2".to_string()));
        let second = page(&all, "/", "a", "2", 1);
        assert_eq!(names(&second), (vec![], vec!["d/"]), "both uploads under d/ roll into one prefix");
        assert_eq!(second.next, ("d/".to_string(), String::new()));
        let third = page(&all, "/", "d/", "", 5);
        assert_eq!(names(&third), (vec![("e", "5")], vec![]), "a prefix at the marker is not returned again");
        assert!(!third.truncated);
        let same_key = page(&all, "", "a", "1", 1);
        assert_eq!(names(&same_key).0, vec![("a", "2")], "later uploads of the marker key come first");
        let past_key = page(&all, "", "a", "", 1);
        assert_eq!(names(&past_key).0, vec![("d/x", "3")], "a key marker alone skips that key");
    }
}
