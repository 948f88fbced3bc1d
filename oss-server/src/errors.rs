//! OSS error answers: the status, the `Code`, a message and the XML body OSS sends.
//!
//! Every failure a handler can produce is an `OssError`; the connection layer turns it into
//! an HTTP answer (XML body, or for HEAD the same XML base64-encoded in `x-oss-err`).

use crate::xml::escape;

#[derive(Debug, Clone)]
pub struct OssError {
    pub status: u16,
    pub code: &'static str,
    pub message: String,
    /// Extra XML elements after `<EC>` (e.g. `StringToSign` for SignatureDoesNotMatch).
    pub details: Vec<(&'static str, String)>,
    /// Extra response headers (e.g. `Content-Range: bytes */size` on 416).
    pub headers: Vec<(&'static str, String)>,
    /// An `EC` more specific than the code's usual one.
    pub ec_override: Option<&'static str>,
}

impl OssError {
    pub fn new(status: u16, code: &'static str, message: impl Into<String>) -> OssError {
        OssError { status, code, message: message.into(), details: Vec::new(), headers: Vec::new(), ec_override: None }
    }

    pub fn with_detail(mut self, name: &'static str, value: impl Into<String>) -> OssError {
        self.details.push((name, value.into()));
        self
    }

    pub fn with_header(mut self, name: &'static str, value: impl Into<String>) -> OssError {
        self.headers.push((name, value.into()));
        self
    }

    pub fn with_ec(mut self, ec: &'static str) -> OssError {
        self.ec_override = Some(ec);
        self
    }

    pub fn no_such_key() -> OssError {
        OssError::new(404, "NoSuchKey", "The specified key does not exist.")
    }

    pub fn no_such_bucket() -> OssError {
        OssError::new(404, "NoSuchBucket", "The specified bucket does not exist.")
    }

    pub fn access_denied(message: impl Into<String>) -> OssError {
        OssError::new(403, "AccessDenied", message)
    }

    pub fn invalid_argument(message: impl Into<String>) -> OssError {
        OssError::new(400, "InvalidArgument", message)
    }

    pub fn invalid_object_name(message: impl Into<String>) -> OssError {
        OssError::new(400, "InvalidObjectName", message)
    }

    pub fn internal(message: impl Into<String>) -> OssError {
        OssError::new(500, "InternalError", message)
    }

    /// The `x-oss-ec` value. OSS gives every error a detailed code; these follow its
    /// "module-number" shape and are stable here, but are not guaranteed to be OSS's own.
    pub fn ec(&self) -> &'static str {
        if let Some(ec) = self.ec_override {
            return ec;
        }
        match self.code {
            "NoSuchKey" => "0026-00000001",
            "NoSuchBucket" => "0015-00000101",
            "AccessDenied" => "0003-00000201",
            "SignatureDoesNotMatch" => "0002-00000040",
            "InvalidAccessKeyId" => "0002-00000902",
            "InvalidSecurityToken" => "0002-00000903",
            "RequestTimeTooSkewed" => "0002-00000504",
            "InvalidRange" => "0016-00000701",
            "PreconditionFailed" => "0016-00000503",
            "InvalidDigest" => "0016-00000102",
            "BadDigest" => "0016-00000103",
            "InvalidArgument" => "0016-00000201",
            "InvalidObjectName" => "0016-00000002",
            "InvalidBucketName" => "0015-00000002",
            "MethodNotAllowed" => "0001-00000002",
            "MissingContentLength" => "0016-00000401",
            "InvalidURI" => "0016-00000004",
            "FileAlreadyExists" => "0026-00000014",
            "KeyConflict" => "0026-00000015",
            "ServiceUnavailable" => "0001-00000503",
            "InternalError" => "0001-00000500",
            _ => "0001-00000000",
        }
    }

    /// The XML body exactly as OSS lays it out.
    pub fn to_xml(&self, request_id: &str, host_id: &str) -> String {
        let mut xml = String::with_capacity(256);
        xml.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error>\n");
        push_element(&mut xml, "Code", self.code);
        push_element(&mut xml, "Message", &self.message);
        push_element(&mut xml, "RequestId", request_id);
        push_element(&mut xml, "HostId", host_id);
        for (name, value) in &self.details {
            push_element(&mut xml, name, value);
        }
        push_element(&mut xml, "EC", self.ec());
        push_element(&mut xml, "RecommendDoc", &format!("https://api.aliyun.com/troubleshoot?q={}", self.ec()));
        xml.push_str("</Error>\n");
        xml
    }
}

fn push_element(xml: &mut String, name: &str, value: &str) {
    xml.push_str("  <");
    xml.push_str(name);
    xml.push('>');
    xml.push_str(&escape(value));
    xml.push_str("</");
    xml.push_str(name);
    xml.push_str(">\n");
}

impl std::fmt::Display for OssError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {}: {}", self.status, self.code, self.message)
    }
}

impl std::error::Error for OssError {}

/// An OSS error as an `io::Error` (the Rust API's error type), kind by status.
pub fn to_io(e: OssError) -> std::io::Error {
    let kind = match e.status {
        404 => std::io::ErrorKind::NotFound,
        400 => std::io::ErrorKind::InvalidInput,
        409 => std::io::ErrorKind::AlreadyExists,
        _ => std::io::ErrorKind::Other,
    };
    std::io::Error::new(kind, e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xml_has_every_field_and_escapes() {
        let e = OssError::no_such_key().with_detail("Key", "a<b");
        let xml = e.to_xml("REQ", "bucket.host");
        assert!(xml.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error>"));
        for part in [
            "<Code>NoSuchKey</Code>",
            "<RequestId>REQ</RequestId>",
            "<HostId>bucket.host</HostId>",
            "<EC>0026-00000001</EC>",
            "<Key>a&lt;b</Key>",
        ] {
            assert!(xml.contains(part), "{part} missing in {xml}");
        }
    }
}
