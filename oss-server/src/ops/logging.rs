//! The BucketLoggingStatus document (`?logging`, access logging): what makes one valid. The
//! target bucket must exist. It is stored and returned (and shown in GetBucketInfo); no access
//! log objects are written.

use super::bucket_config::{element, invalid, required_text};
use crate::errors::OssError;
use crate::ops::OpContext;
use crate::xml;

pub const MAX_DOCUMENT: u64 = 4 * 1024;
/// Logging off (never set, deleted, or PUT without LoggingEnabled).
pub const DEFAULT_DOCUMENT: &str = "<BucketLoggingStatus/>";
/// OSS's limit on the log objects' key prefix.
const MAX_PREFIX_CHARS: usize = 32;

pub fn enabled(root: roxmltree::Node) -> bool {
    element(root, "LoggingEnabled").is_some()
}

pub fn validate(ctx: &OpContext, _bucket: &str, root: roxmltree::Node) -> Result<(), OssError> {
    let Some(enabled) = element(root, "LoggingEnabled") else {
        return Ok(());
    };
    let target = required_text(enabled, "TargetBucket")?;
    let prefix = xml::child_text(enabled, "TargetPrefix").unwrap_or("").trim();
    if prefix.chars().count() > MAX_PREFIX_CHARS {
        return Err(invalid(
            "TargetPrefix",
            prefix,
            &format!("a log prefix has at most {MAX_PREFIX_CHARS} characters"),
        ));
    }
    if ctx.state.store.bucket(target)?.is_none() {
        return Err(OssError::new(
            400,
            "InvalidTargetBucketForLogging",
            "The target bucket for logging does not exist.",
        )
        .with_detail("TargetBucket", target.to_string()));
    }
    Ok(())
}

/// The logging target (bucket, prefix) of a stored document, for GetBucketInfo.
pub fn target(document: &str) -> Option<(String, String)> {
    let parsed = roxmltree::Document::parse(document).ok()?;
    let enabled = element(parsed.root_element(), "LoggingEnabled")?;
    let bucket = xml::child_text(enabled, "TargetBucket")?.trim().to_string();
    let prefix = xml::child_text(enabled, "TargetPrefix").unwrap_or("").trim().to_string();
    Some((bucket, prefix))
}
