//! The bucket's storage capacity (`?qos`, BucketUserQos with StorageCapacity in GB; -1 means
//! unlimited). The official SDKs call it PutBucketStorageCapacity / GetBucketStorageCapacity.
//! It is stored and returned, not enforced: writes are not refused past the capacity.

use super::bucket_config::{parse_int, required_text};
use crate::errors::OssError;
use crate::ops::OpContext;

pub const MAX_DOCUMENT: u64 = 4 * 1024;
/// Before any PUT a bucket has no limit.
pub const DEFAULT_DOCUMENT: &str = "<BucketUserQos><StorageCapacity>-1</StorageCapacity></BucketUserQos>";
/// The largest capacity OSS accepts, in GB.
const MAX_CAPACITY_GB: i64 = 1_000_000;

pub fn validate(_ctx: &OpContext, _bucket: &str, root: roxmltree::Node) -> Result<(), OssError> {
    parse_int("StorageCapacity", required_text(root, "StorageCapacity")?, -1..=MAX_CAPACITY_GB)?;
    Ok(())
}
