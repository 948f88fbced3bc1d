//! `x-oss-traffic-limit: <bit/s>` (header, or query parameter in presigned URLs): the client
//! asks OSS to send this one answer no faster. OSS accepts 245760 (240 KiB/s) to 838860800
//! (100 MiB/s) bit/s and rejects anything else with 400 InvalidArgument.

use crate::errors::OssError;

pub const MIN_BITS_PER_SEC: u64 = 245_760;
pub const MAX_BITS_PER_SEC: u64 = 838_860_800;

/// The limit in bytes per second, if one was asked for.
pub fn parse(header: Option<&str>, query: Option<&str>) -> Result<Option<u64>, OssError> {
    let Some(text) = header.or(query) else {
        return Ok(None);
    };
    let bits: u64 =
        text.trim().parse().ok().filter(|b| (MIN_BITS_PER_SEC..=MAX_BITS_PER_SEC).contains(b)).ok_or_else(|| {
            OssError::invalid_argument(format!(
                "x-oss-traffic-limit must be between {MIN_BITS_PER_SEC} and {MAX_BITS_PER_SEC} bit/s, not {text:?}."
            ))
        })?;
    Ok(Some(bits / 8))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bounds() {
        assert_eq!(parse(None, None).unwrap(), None);
        assert_eq!(parse(Some("245760"), None).unwrap(), Some(30_720));
        assert_eq!(parse(None, Some("838860800")).unwrap(), Some(104_857_600));
        for bad in ["245759", "838860801", "fast", "", "-1"] {
            assert_eq!(parse(Some(bad), None).unwrap_err().code, "InvalidArgument", "{bad}");
        }
    }
}
