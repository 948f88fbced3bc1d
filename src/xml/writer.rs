//! Building a document: elements in order, every text escaped.

use quick_xml::escape::escape;

/// A document being written. Elements are opened and closed in order; `leaf` writes an element
/// holding only text.
pub struct Writer {
    out: String,
    open: Vec<&'static str>,
}

impl Default for Writer {
    fn default() -> Self {
        Writer::new()
    }
}

impl Writer {
    /// What every document starts with.
    pub const DECLARATION: &'static str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";

    pub fn new() -> Writer {
        Writer { out: String::from(Self::DECLARATION), open: Vec::new() }
    }

    /// A piece of a document, without the declaration (see `http::Pieces`).
    pub fn fragment() -> Writer {
        Writer { out: String::new(), open: Vec::new() }
    }

    pub fn open(&mut self, name: &'static str) -> &mut Writer {
        self.out.push('<');
        self.out.push_str(name);
        self.out.push('>');
        self.open.push(name);
        self
    }

    /// Closes the innermost open element.
    pub fn close(&mut self) -> &mut Writer {
        if let Some(name) = self.open.pop() {
            self.out.push_str("</");
            self.out.push_str(name);
            self.out.push('>');
        }
        self
    }

    pub fn leaf(&mut self, name: &'static str, text: &str) -> &mut Writer {
        self.open(name);
        self.out.push_str(&escape(text));
        self.close()
    }

    /// The document, with every element still open closed.
    pub fn finish(mut self) -> String {
        while !self.open.is_empty() {
            self.close();
        }
        self.out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_text_and_closes_in_order() {
        let mut w = Writer::new();
        w.open("A").leaf("B", "x<y&\"z\"").open("C").leaf("D", "");
        let doc = w.finish();
        assert!(doc.ends_with("<A><B>x&lt;y&amp;&quot;z&quot;</B><C><D></D></C></A>"), "{doc}");
        let root = super::super::parse(doc.as_bytes(), "A").unwrap();
        assert_eq!(root.text_of("B"), Some("x<y&\"z\""));
    }
}
