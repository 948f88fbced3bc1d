//! XML: escaping text for the answers we write, and reading the documents clients send
//! (bounded in size, parsed with roxmltree; anything malformed is OSS's 400 MalformedXML).

use std::io::Read;

use crate::errors::OssError;

pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            _ => out.push(c),
        }
    }
    out
}

pub fn malformed(detail: &str) -> OssError {
    OssError::new(
        400,
        "MalformedXML",
        format!("The XML you provided was not well-formed or did not validate against our published schema: {detail}"),
    )
}

/// Reads a request document of at most `limit` bytes (more: MalformedXML, as OSS answers an
/// oversized configuration) as text.
pub fn read_document(body: &mut dyn Read, limit: u64) -> Result<String, OssError> {
    let mut bytes = Vec::new();
    body.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| OssError::new(400, "IncompleteBody", format!("The request body could not be read: {e}")))?;
    if bytes.len() as u64 > limit {
        return Err(malformed(&format!("the document is larger than {limit} bytes")));
    }
    String::from_utf8(bytes).map_err(|_| malformed("the document is not UTF-8"))
}

/// Parses `text`, requiring the root element `root`.
pub fn parse<'a>(text: &'a str, root: &str) -> Result<roxmltree::Document<'a>, OssError> {
    let document = roxmltree::Document::parse(text).map_err(|e| malformed(&e.to_string()))?;
    if document.root_element().tag_name().name() != root {
        return Err(malformed(&format!("the root element must be {root}")));
    }
    Ok(document)
}

/// The text of the first child element `name` of `node`, if present.
pub fn child_text<'a>(node: roxmltree::Node<'a, '_>, name: &str) -> Option<&'a str> {
    node.children().find(|c| c.is_element() && c.tag_name().name() == name).map(|c| c.text().unwrap_or(""))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup() {
        assert_eq!(escape("a<&>\"'b"), "a&lt;&amp;&gt;&quot;&apos;b");
    }

    #[test]
    fn documents() {
        let text = "<Root><A>1</A><B/><A>2</A></Root>";
        let document = parse(text, "Root").unwrap();
        let root = document.root_element();
        assert_eq!(child_text(root, "A"), Some("1"));
        assert_eq!(child_text(root, "B"), Some(""));
        assert_eq!(child_text(root, "C"), None);
        assert_eq!(parse(text, "Other").unwrap_err().code, "MalformedXML");
        assert_eq!(parse("<Root>", "Root").unwrap_err().code, "MalformedXML");
        let big = "x".repeat(11);
        assert_eq!(read_document(&mut big.as_bytes(), 10).unwrap_err().code, "MalformedXML");
        assert_eq!(read_document(&mut &b"<a/>"[..], 10).unwrap(), "<a/>");
    }
}
