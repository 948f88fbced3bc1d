//! The CORSConfiguration document (`?cors`): what makes one valid. The rules are stored and
//! returned; this server does not answer preflight (OPTIONS) requests or add CORS headers.

use super::bucket_config::{element, elements, invalid, parse_bool, parse_int};
use crate::errors::OssError;
use crate::ops::OpContext;
use crate::xml;

pub const MAX_DOCUMENT: u64 = 64 * 1024;
/// OSS allows at most ten CORS rules per bucket.
const MAX_RULES: usize = 10;
const METHODS: &[&str] = &["GET", "PUT", "DELETE", "POST", "HEAD"];

pub fn validate(_ctx: &OpContext, _bucket: &str, root: roxmltree::Node) -> Result<(), OssError> {
    let rules: Vec<_> = elements(root, "CORSRule").collect();
    if rules.is_empty() {
        return Err(xml::malformed("a CORSConfiguration needs at least one CORSRule"));
    }
    if rules.len() > MAX_RULES {
        return Err(OssError::invalid_argument(format!(
            "A bucket can have at most {MAX_RULES} CORS rules; {} were given.",
            rules.len()
        )));
    }
    for rule in rules {
        validate_rule(rule)?;
    }
    if let Some(vary) = xml::child_text(root, "ResponseVary") {
        parse_bool("ResponseVary", vary)?;
    }
    Ok(())
}

fn texts<'a>(rule: roxmltree::Node<'a, '_>, name: &'a str) -> Vec<&'a str> {
    elements(rule, name).map(|n| n.text().unwrap_or("").trim()).collect()
}

fn validate_rule(rule: roxmltree::Node) -> Result<(), OssError> {
    let origins = texts(rule, "AllowedOrigin");
    let methods = texts(rule, "AllowedMethod");
    if origins.is_empty() || methods.is_empty() {
        return Err(xml::malformed("a CORSRule needs an AllowedOrigin and an AllowedMethod"));
    }
    for origin in origins {
        if origin.is_empty() || origin.matches('*').count() > 1 {
            return Err(invalid("AllowedOrigin", origin, "an origin is not empty and holds at most one '*'"));
        }
    }
    for method in methods {
        if !METHODS.contains(&method) {
            return Err(invalid("AllowedMethod", method, "the methods are GET, PUT, DELETE, POST and HEAD"));
        }
    }
    for header in texts(rule, "AllowedHeader") {
        if header.matches('*').count() > 1 {
            return Err(invalid("AllowedHeader", header, "a header holds at most one '*'"));
        }
    }
    for header in texts(rule, "ExposeHeader") {
        if header.contains('*') {
            return Err(invalid("ExposeHeader", header, "an exposed header cannot hold '*'"));
        }
    }
    if elements(rule, "MaxAgeSeconds").count() > 1 {
        return Err(xml::malformed("a CORSRule has at most one MaxAgeSeconds"));
    }
    if let Some(age) = element(rule, "MaxAgeSeconds") {
        parse_int("MaxAgeSeconds", age.text().unwrap_or(""), 0..=i64::from(i32::MAX))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(rule: &str) -> Result<(), OssError> {
        let text = format!("<CORSConfiguration><CORSRule>{rule}</CORSRule></CORSConfiguration>");
        let document = xml::parse(&text, "CORSConfiguration").unwrap();
        validate_rule(element(document.root_element(), "CORSRule").unwrap())
    }

    #[test]
    fn rules() {
        check(
            "<AllowedOrigin>*</AllowedOrigin><AllowedMethod>GET</AllowedMethod><AllowedHeader>x-*</AllowedHeader>\
               <ExposeHeader>ETag</ExposeHeader><MaxAgeSeconds>100</MaxAgeSeconds>",
        )
        .unwrap();
        let code = |rule: &str| check(rule).unwrap_err().code;
        assert_eq!(code("<AllowedMethod>GET</AllowedMethod>"), "MalformedXML");
        assert_eq!(code("<AllowedOrigin>*</AllowedOrigin><AllowedMethod>PATCH</AllowedMethod>"), "InvalidArgument");
        assert_eq!(code("<AllowedOrigin>*.*</AllowedOrigin><AllowedMethod>GET</AllowedMethod>"), "InvalidArgument");
        let expose = "<AllowedOrigin>a</AllowedOrigin><AllowedMethod>GET</AllowedMethod><ExposeHeader>*</ExposeHeader>";
        assert_eq!(code(expose), "InvalidArgument");
        let age = "<AllowedOrigin>a</AllowedOrigin><AllowedMethod>GET</AllowedMethod><MaxAgeSeconds>-1</MaxAgeSeconds>";
        assert_eq!(code(age), "InvalidArgument");
    }
}
