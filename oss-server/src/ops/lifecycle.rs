//! The LifecycleConfiguration document (`?lifecycle`): what makes one valid. Rules are stored
//! and returned; none is ever applied (nothing expires, transitions or aborts here).

use std::collections::HashSet;

use super::bucket_config::{element, elements, invalid, parse_int, required_text};
use crate::errors::OssError;
use crate::ops::OpContext;
use crate::xml;

/// 1000 rules with their prefixes and tags fit.
pub const MAX_DOCUMENT: u64 = 512 * 1024;
const MAX_RULES: usize = 1000;
const MAX_ID_CHARS: usize = 255;
const MAX_PREFIX_BYTES: usize = 1023;
const TRANSITION_CLASSES: &[&str] = &["IA", "Archive", "ColdArchive", "DeepColdArchive"];
/// Elements of which a rule needs at least one: what it does.
const ACTIONS: &[&str] =
    &["Expiration", "Transition", "AbortMultipartUpload", "NoncurrentVersionExpiration", "NoncurrentVersionTransition"];

pub fn validate(_ctx: &OpContext, _bucket: &str, root: roxmltree::Node) -> Result<(), OssError> {
    let rules: Vec<_> = elements(root, "Rule").collect();
    if rules.is_empty() {
        return Err(xml::malformed("a LifecycleConfiguration needs at least one Rule"));
    }
    if rules.len() > MAX_RULES {
        return Err(OssError::invalid_argument(format!("A bucket can have at most {MAX_RULES} lifecycle rules.")));
    }
    let mut ids = HashSet::new();
    for rule in rules {
        let id = xml::child_text(rule, "ID").unwrap_or("").trim();
        if id.chars().count() > MAX_ID_CHARS {
            return Err(invalid("ID", id, &format!("a rule ID has at most {MAX_ID_CHARS} characters")));
        }
        if !id.is_empty() && !ids.insert(id) {
            return Err(invalid("ID", id, "two rules have this ID"));
        }
        validate_rule(rule)?;
    }
    Ok(())
}

fn validate_rule(rule: roxmltree::Node) -> Result<(), OssError> {
    let prefix = xml::child_text(rule, "Prefix").unwrap_or("");
    if prefix.len() > MAX_PREFIX_BYTES {
        return Err(invalid("Prefix", prefix, "a prefix has at most 1023 bytes"));
    }
    match required_text(rule, "Status")? {
        "Enabled" | "Disabled" => {}
        _ => return Err(xml::malformed("Status must be Enabled or Disabled")),
    }
    // The official C SDK writes an empty Expiration into every rule, abort-only ones too: an
    // action without any condition in it counts as absent.
    let action = |name: &str| element(rule, name).filter(|node| node.children().any(|c| c.is_element()));
    if !ACTIONS.iter().any(|name| action(name).is_some()) {
        return Err(xml::malformed("a Rule needs an action (Expiration, Transition, AbortMultipartUpload, ...)"));
    }
    let expiration_days = match action("Expiration") {
        Some(expiration) => when(expiration, &["Days", "Date", "CreatedBeforeDate", "ExpiredObjectDeleteMarker"])?,
        None => None,
    };
    if let Some(abort) = element(rule, "AbortMultipartUpload") {
        when(abort, &["Days", "CreatedBeforeDate"])?;
    }
    for transition in elements(rule, "Transition") {
        let class = required_text(transition, "StorageClass")?;
        if !TRANSITION_CLASSES.contains(&class) {
            return Err(invalid(
                "StorageClass",
                class,
                "a transition goes to IA, Archive, ColdArchive or DeepColdArchive",
            ));
        }
        let days = when(transition, &["Days", "CreatedBeforeDate"])?;
        if let (Some(days), Some(expiry)) = (days, expiration_days) {
            if days >= expiry {
                return Err(invalid("Days", &days.to_string(), "a transition must come before the expiration"));
            }
        }
    }
    for tag in elements(rule, "Tag") {
        required_text(tag, "Key")?;
    }
    Ok(())
}

/// The one time condition among `allowed` that `node` holds (exactly one must be there); its
/// day count when it is `Days`.
fn when(node: roxmltree::Node, allowed: &[&str]) -> Result<Option<i64>, OssError> {
    let present: Vec<&str> = allowed.iter().copied().filter(|name| element(node, name).is_some()).collect();
    let [name] = present.as_slice() else {
        return Err(xml::malformed(&format!("{} needs exactly one of {}", node.tag_name().name(), allowed.join(", "))));
    };
    let text = required_text(node, name)?;
    match *name {
        "Days" => Ok(Some(parse_int("Days", text, 1..=i64::from(i32::MAX))?)),
        "Date" | "CreatedBeforeDate" => {
            check_midnight(name, text)?;
            Ok(None)
        }
        _ => Ok(None),
    }
}

/// Dates in lifecycle rules are days: ISO 8601 at midnight UTC (`2030-01-01T00:00:00.000Z`).
fn check_midnight(name: &str, text: &str) -> Result<(), OssError> {
    let (date, time) = text.split_once('T').unwrap_or((text, ""));
    let date_ok = date.len() == 10
        && date.bytes().enumerate().all(|(i, b)| if i == 4 || i == 7 { b == b'-' } else { b.is_ascii_digit() })
        && (1..=12).contains(&date[5..7].parse::<u32>().unwrap_or(0))
        && (1..=31).contains(&date[8..10].parse::<u32>().unwrap_or(0));
    if date_ok && matches!(time, "00:00:00.000Z" | "00:00:00Z") {
        Ok(())
    } else {
        Err(invalid(name, text, "it must be a date at midnight UTC in ISO 8601 form, e.g. 2030-01-01T00:00:00.000Z"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(rules: &str) -> Result<(), OssError> {
        let text = format!("<LifecycleConfiguration>{rules}</LifecycleConfiguration>");
        let document = xml::parse(&text, "LifecycleConfiguration").unwrap();
        let root = document.root_element();
        for rule in elements(root, "Rule") {
            validate_rule(rule)?;
        }
        Ok(())
    }

    #[test]
    fn rules() {
        let ok = "<Rule><ID>a</ID><Prefix>p/</Prefix><Status>Enabled</Status><Expiration><Days>3</Days></Expiration>\
                  <Transition><Days>1</Days><StorageClass>IA</StorageClass></Transition></Rule>";
        check(ok).unwrap();
        let date = "<Rule><Prefix/><Status>Disabled</Status><Expiration><CreatedBeforeDate>2030-01-01T00:00:00.000Z\
                    </CreatedBeforeDate></Expiration><AbortMultipartUpload><Days>1</Days></AbortMultipartUpload></Rule>";
        check(date).unwrap();
        let c_sdk_abort_only = "<Rule><ID>a</ID><Prefix>p</Prefix><Status>Enabled</Status><Expiration></Expiration>\
                                <AbortMultipartUpload><Days>2</Days></AbortMultipartUpload></Rule>";
        check(c_sdk_abort_only).unwrap();
        let code = |rules: &str| check(rules).unwrap_err().code;
        assert_eq!(
            code("<Rule><Prefix/><Status>On</Status><Expiration><Days>1</Days></Expiration></Rule>"),
            "MalformedXML"
        );
        assert_eq!(code("<Rule><Prefix/><Status>Enabled</Status></Rule>"), "MalformedXML");
        assert_eq!(code("<Rule><Prefix/><Status>Enabled</Status><Expiration/></Rule>"), "MalformedXML");
        assert_eq!(
            code("<Rule><Status>Enabled</Status><Expiration><Days>0</Days></Expiration></Rule>"),
            "InvalidArgument"
        );
        let noon =
            "<Rule><Status>Enabled</Status><Expiration><Date>2030-01-01T12:00:00.000Z</Date></Expiration></Rule>";
        assert_eq!(code(noon), "InvalidArgument");
        let both = "<Rule><Status>Enabled</Status><Expiration><Days>1</Days><Date>2030-01-01T00:00:00.000Z</Date>\
                    </Expiration></Rule>";
        assert_eq!(code(both), "MalformedXML");
        let late = "<Rule><Status>Enabled</Status><Expiration><Days>3</Days></Expiration>\
                    <Transition><Days>3</Days><StorageClass>Archive</StorageClass></Transition></Rule>";
        assert_eq!(code(late), "InvalidArgument");
        let class = "<Rule><Status>Enabled</Status><Transition><Days>3</Days><StorageClass>Standard</StorageClass>\
                     </Transition></Rule>";
        assert_eq!(code(class), "InvalidArgument");
    }
}
