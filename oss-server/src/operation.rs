//! Which OSS operation a request is, by the names OSS's API reference uses, so fault rules can
//! target one operation (an UploadPart, not the InitiateMultipartUpload of the same key).

use crate::routing::Target;

fn has(query: &[(String, String)], name: &str) -> bool {
    query.iter().any(|(n, _)| n == name)
}

/// The operation's name, or `"Other"` for those no rule has needed yet.
pub fn name(method: &str, target: &Target, query: &[(String, String)], copy_source: bool) -> &'static str {
    let upload = has(query, "uploadId") || has(query, "partNumber");
    match (target, method) {
        (Target::Service, "GET") => "ListBuckets",
        (Target::Bucket(_), "GET") if has(query, "uploads") => "ListMultipartUploads",
        (Target::Bucket(_), "GET") if query.is_empty() || has(query, "prefix") || has(query, "list-type") => {
            "ListObjects"
        }
        (Target::Object { .. }, "PUT") if upload && copy_source => "UploadPartCopy",
        (Target::Object { .. }, "PUT") if upload => "UploadPart",
        (Target::Object { .. }, "PUT") if has(query, "append") => "AppendObject",
        (Target::Object { .. }, "POST") if has(query, "append") => "AppendObject",
        (Target::Object { .. }, "PUT") if query.is_empty() && copy_source => "CopyObject",
        (Target::Object { .. }, "PUT") if query.is_empty() => "PutObject",
        (Target::Object { .. }, "POST") if has(query, "uploads") => "InitiateMultipartUpload",
        (Target::Object { .. }, "POST") if has(query, "uploadId") => "CompleteMultipartUpload",
        (Target::Object { .. }, "DELETE") if has(query, "uploadId") => "AbortMultipartUpload",
        (Target::Object { .. }, "DELETE") if query.is_empty() => "DeleteObject",
        (Target::Object { .. }, "GET") if has(query, "uploadId") => "ListParts",
        (Target::Object { .. }, "GET") => "GetObject",
        (Target::Object { .. }, "HEAD") if has(query, "objectMeta") => "GetObjectMeta",
        (Target::Object { .. }, "HEAD") => "HeadObject",
        _ => "Other",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(pairs: &[&str]) -> Vec<(String, String)> {
        pairs.iter().map(|p| (p.to_string(), "1".to_string())).collect()
    }

    #[test]
    fn multipart_operations() {
        let object = Target::Object { bucket: "b".into(), key: "k".into() };
        assert_eq!(name("POST", &object, &q(&["uploads"]), false), "InitiateMultipartUpload");
        assert_eq!(name("PUT", &object, &q(&["partNumber", "uploadId"]), false), "UploadPart");
        assert_eq!(name("PUT", &object, &q(&["uploadId", "partNumber"]), true), "UploadPartCopy");
        assert_eq!(name("POST", &object, &q(&["uploadId"]), false), "CompleteMultipartUpload");
        assert_eq!(name("DELETE", &object, &q(&["uploadId"]), false), "AbortMultipartUpload");
        assert_eq!(name("GET", &object, &q(&["uploadId"]), false), "ListParts");
        assert_eq!(name("PUT", &object, &[], false), "PutObject");
        assert_eq!(name("PUT", &object, &[], true), "CopyObject");
        assert_eq!(name("GET", &Target::Bucket("b".into()), &q(&["uploads"]), false), "ListMultipartUploads");
    }
}
