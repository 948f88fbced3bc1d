//! Reading a document into a tree of elements with quick-xml.

use std::fmt;

use quick_xml::events::Event;
use quick_xml::Reader;

/// Deeper than any OSS document nests.
const MAX_DEPTH: usize = 32;
/// Larger than any answer we parse (a 1000-entry listing with 1023-byte keys is about 1.5 MiB).
const MAX_DOCUMENT: usize = 16 << 20;

/// Why a document could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct XmlError(pub String);

impl fmt::Display for XmlError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// One element: its (local) name, its text (unescaped, concatenated), its child elements in
/// document order. Attributes are not kept: OSS documents carry none that matter.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Element {
    pub name: String,
    pub text: String,
    pub children: Vec<Element>,
}

impl Element {
    /// The first child called `name`.
    pub fn child(&self, name: &str) -> Option<&Element> {
        self.children.iter().find(|c| c.name == name)
    }

    /// Every child called `name`, in document order.
    pub fn children_named<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Element> + 'a {
        self.children.iter().filter(move |c| c.name == name)
    }

    /// The text of the first child called `name`.
    pub fn text_of(&self, name: &str) -> Option<&str> {
        self.child(name).map(|c| c.text.as_str())
    }

    /// The text of the child called `name`, which the document must have.
    pub fn required(&self, name: &str) -> Result<&str, XmlError> {
        self.text_of(name).ok_or_else(|| XmlError(format!("<{}> has no <{name}>", self.name)))
    }

    /// The child called `name` parsed as a number; absent is `None`, unparsable an error.
    pub fn number<T: std::str::FromStr>(&self, name: &str) -> Result<Option<T>, XmlError> {
        match self.text_of(name) {
            None => Ok(None),
            Some(text) => {
                text.trim().parse().map(Some).map_err(|_| XmlError(format!("<{name}> is not a number: {text:?}")))
            }
        }
    }

    /// The child called `name` as a boolean ("true"/"false"); absent is false.
    pub fn flag(&self, name: &str) -> Result<bool, XmlError> {
        match self.text_of(name).map(str::trim) {
            None | Some("false") => Ok(false),
            Some("true") => Ok(true),
            Some(other) => Err(XmlError(format!("<{name}> is not true or false: {other:?}"))),
        }
    }
}

/// Reads a whole document; the answer is its root element, which must be called `root`.
pub fn parse(document: &[u8], root: &str) -> Result<Element, XmlError> {
    if document.len() > MAX_DOCUMENT {
        return Err(XmlError(format!("the document is larger than {MAX_DOCUMENT} bytes")));
    }
    let text = std::str::from_utf8(document).map_err(|_| XmlError("the document is not UTF-8".into()))?;
    let mut reader = Reader::from_str(text);
    let mut open: Vec<Element> = Vec::new();
    let mut done: Option<Element> = None;
    loop {
        let event = reader.read_event().map_err(|e| XmlError(format!("malformed XML: {e}")))?;
        match event {
            Event::Start(start) => {
                if done.is_some() {
                    return Err(XmlError("content after the root element".into()));
                }
                if open.len() == MAX_DEPTH {
                    return Err(XmlError(format!("elements nest deeper than {MAX_DEPTH}")));
                }
                open.push(Element { name: local_name(start.local_name().as_ref())?, ..Element::default() });
            }
            Event::Empty(empty) => {
                let element = Element { name: local_name(empty.local_name().as_ref())?, ..Element::default() };
                close(&mut open, &mut done, element)?;
            }
            Event::End(_) => {
                let element = open.pop().ok_or_else(|| XmlError("an end tag without a start".into()))?;
                close(&mut open, &mut done, element)?;
            }
            Event::Text(text) => {
                let text = text.unescape().map_err(|e| XmlError(format!("bad text: {e}")))?;
                append_text(&mut open, &text)?;
            }
            Event::CData(data) => {
                let text = std::str::from_utf8(&data).map_err(|_| XmlError("CDATA is not UTF-8".into()))?;
                append_text(&mut open, text)?;
            }
            Event::Eof => break,
            Event::Decl(_) | Event::Comment(_) | Event::PI(_) | Event::DocType(_) => {}
        }
    }
    if !open.is_empty() {
        return Err(XmlError("the document ends inside an element".into()));
    }
    match done {
        Some(element) if element.name == root => Ok(element),
        Some(element) => Err(XmlError(format!("expected <{root}>, found <{}>", element.name))),
        None => Err(XmlError(format!("expected <{root}>, found no element"))),
    }
}

fn local_name(raw: &[u8]) -> Result<String, XmlError> {
    String::from_utf8(raw.to_vec()).map_err(|_| XmlError("an element name is not UTF-8".into()))
}

/// Hands a finished element to its parent, or makes it the root.
fn close(open: &mut [Element], done: &mut Option<Element>, element: Element) -> Result<(), XmlError> {
    match open.last_mut() {
        Some(parent) => parent.children.push(element),
        None if done.is_none() => *done = Some(element),
        None => return Err(XmlError("more than one root element".into())),
    }
    Ok(())
}

fn append_text(open: &mut [Element], text: &str) -> Result<(), XmlError> {
    match open.last_mut() {
        Some(element) => element.text.push_str(text),
        // Whitespace around the root is allowed; anything else is not.
        None if text.trim().is_empty() => {}
        None => return Err(XmlError("text outside the root element".into())),
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_nested_elements_text_and_entities() {
        let doc = br#"<?xml version="1.0" encoding="UTF-8"?>
<Root><A>1</A><B><C>x &amp; y</C><C><![CDATA[<raw>]]></C></B><Empty/><Flag>true</Flag></Root>"#;
        let root = parse(doc, "Root").unwrap();
        assert_eq!(root.number::<u32>("A").unwrap(), Some(1));
        let texts: Vec<_> = root.child("B").unwrap().children_named("C").map(|c| c.text.as_str()).collect();
        assert_eq!(texts, ["x & y", "<raw>"]);
        assert_eq!(root.text_of("Empty"), Some(""));
        assert!(root.flag("Flag").unwrap());
        assert!(!root.flag("Missing").unwrap());
        assert_eq!(root.required("Missing").unwrap_err().0, "<Root> has no <Missing>");
    }

    #[test]
    fn refuses_what_is_not_one_well_formed_document() {
        for (doc, root) in [
            (&b"<Root><A></Root>"[..], "Root"),
            (b"<Root>", "Root"),
            (b"", "Root"),
            (b"<Other/>", "Root"),
            (b"<Root/><Root/>", "Root"),
            (b"junk<Root/>", "Root"),
            (b"<Root><N>x</N></Root>", "Root"),
            (b"<Root>\xff</Root>", "Root"),
        ] {
            let result = parse(doc, root).and_then(|r| r.number::<u32>("N"));
            assert!(result.is_err(), "{:?} was accepted", String::from_utf8_lossy(doc));
        }
    }

    #[test]
    fn deep_nesting_is_refused_not_followed() {
        let doc = format!("<Root>{}{}</Root>", "<a>".repeat(10_000), "</a>".repeat(10_000));
        assert!(parse(doc.as_bytes(), "Root").unwrap_err().0.contains("deeper"));
    }
}
