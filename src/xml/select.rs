//! The request documents of SelectObject (`SelectRequest`) and CreateSelectObjectMeta
//! (`CsvMetaRequest`). The SQL expression and every delimiter or quote travel base64-encoded, as
//! OSS requires; an element the caller left unset is not written (OSS's default applies).

use super::Writer;
use crate::codec::base64_encode;

/// How the CSV object is read; empty strings are "not set".
#[derive(Clone, Debug, Default)]
pub struct CsvInput {
    pub compression: String,
    /// `Use`, `Ignore` or `None`.
    pub file_header_info: String,
    pub record_delimiter: Vec<u8>,
    pub field_delimiter: Vec<u8>,
    pub quote_character: Vec<u8>,
    pub comment_character: Vec<u8>,
    /// `line-range=a-b` or `split-range=a-b`.
    pub range: String,
}

/// How results are written; `None` is "not set".
#[derive(Clone, Debug, Default)]
pub struct CsvOutput {
    pub record_delimiter: Vec<u8>,
    pub field_delimiter: Vec<u8>,
    pub keep_all_columns: Option<bool>,
    pub output_raw_data: Option<bool>,
    pub enable_payload_crc: Option<bool>,
    pub output_header: bool,
}

#[derive(Clone, Debug, Default)]
pub struct SelectOptions {
    pub input: CsvInput,
    pub output: CsvOutput,
    pub skip_partial_data_record: bool,
}

/// What CreateSelectObjectMeta reads the object with.
#[derive(Clone, Debug, Default)]
pub struct MetaOptions {
    pub record_delimiter: Vec<u8>,
    pub field_delimiter: Vec<u8>,
    pub quote_character: Vec<u8>,
    pub overwrite_if_exists: Option<bool>,
}

fn flag(value: bool) -> &'static str {
    if value {
        "true"
    } else {
        "false"
    }
}

/// Writes `<name>` with the base64 of `value`, unless `value` is empty.
fn encoded(w: &mut Writer, name: &'static str, value: &[u8]) {
    if !value.is_empty() {
        w.leaf(name, &base64_encode(value));
    }
}

fn plain(w: &mut Writer, name: &'static str, value: &str) {
    if !value.is_empty() {
        w.leaf(name, value);
    }
}

fn input(w: &mut Writer, input: &CsvInput) {
    let csv = !input.file_header_info.is_empty()
        || !input.record_delimiter.is_empty()
        || !input.field_delimiter.is_empty()
        || !input.quote_character.is_empty()
        || !input.comment_character.is_empty()
        || !input.range.is_empty();
    if input.compression.is_empty() && !csv {
        return;
    }
    w.open("InputSerialization");
    plain(w, "CompressionType", &input.compression);
    if csv {
        w.open("CSV");
        plain(w, "FileHeaderInfo", &input.file_header_info);
        encoded(w, "RecordDelimiter", &input.record_delimiter);
        encoded(w, "FieldDelimiter", &input.field_delimiter);
        encoded(w, "QuoteCharacter", &input.quote_character);
        encoded(w, "CommentCharacter", &input.comment_character);
        plain(w, "Range", &input.range);
        w.close();
    }
    w.close();
}

fn output(w: &mut Writer, output: &CsvOutput) {
    w.open("OutputSerialization");
    if !output.record_delimiter.is_empty() || !output.field_delimiter.is_empty() {
        w.open("CSV");
        encoded(w, "RecordDelimiter", &output.record_delimiter);
        encoded(w, "FieldDelimiter", &output.field_delimiter);
        w.close();
    }
    let flags = [
        ("KeepAllColumns", output.keep_all_columns),
        ("OutputRawData", output.output_raw_data),
        ("EnablePayloadCrc", output.enable_payload_crc),
    ];
    for (name, value) in flags {
        if let Some(value) = value {
            w.leaf(name, flag(value));
        }
    }
    w.leaf("OutputHeader", flag(output.output_header));
    w.close();
}

/// The `SelectRequest` body for `expression` (any bytes; sent base64-encoded).
pub fn select_request(expression: &[u8], options: &SelectOptions) -> String {
    let mut w = Writer::new();
    w.open("SelectRequest").leaf("Expression", &base64_encode(expression));
    input(&mut w, &options.input);
    output(&mut w, &options.output);
    w.open("Options").leaf("SkipPartialDataRecord", flag(options.skip_partial_data_record));
    w.finish()
}

/// The `CsvMetaRequest` body.
pub fn meta_request(options: &MetaOptions) -> String {
    let mut w = Writer::new();
    w.open("CsvMetaRequest").open("InputSerialization").leaf("CompressionType", "None");
    if !options.record_delimiter.is_empty()
        || !options.field_delimiter.is_empty()
        || !options.quote_character.is_empty()
    {
        w.open("CSV");
        encoded(&mut w, "RecordDelimiter", &options.record_delimiter);
        encoded(&mut w, "FieldDelimiter", &options.field_delimiter);
        encoded(&mut w, "QuoteCharacter", &options.quote_character);
        w.close();
    }
    w.close();
    if let Some(overwrite) = options.overwrite_if_exists {
        w.leaf("OverwriteIfExists", flag(overwrite));
    }
    w.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn select_request_encodes_expression_and_delimiters() {
        let mut options = SelectOptions::default();
        options.input.file_header_info = "Use".into();
        options.input.field_delimiter = b";".to_vec();
        options.output.keep_all_columns = Some(true);
        let doc = select_request(b"select * from ossobject", &options);
        let root = crate::xml::parse(doc.as_bytes(), "SelectRequest").unwrap();
        assert_eq!(root.text_of("Expression"), Some("c2VsZWN0ICogZnJvbSBvc3NvYmplY3Q="));
        assert!(doc.contains("<CSV><FileHeaderInfo>Use</FileHeaderInfo><FieldDelimiter>Ow==</FieldDelimiter></CSV>"));
        assert!(doc.contains("<KeepAllColumns>true</KeepAllColumns><OutputHeader>false</OutputHeader>"));
        assert!(!doc.contains("OutputRawData"), "{doc}");
        assert!(
            doc.ends_with("<Options><SkipPartialDataRecord>false</SkipPartialDataRecord></Options></SelectRequest>")
        );
    }

    #[test]
    fn meta_request_defaults() {
        let doc = meta_request(&MetaOptions::default());
        assert!(doc.ends_with("<CsvMetaRequest><InputSerialization><CompressionType>None</CompressionType></InputSerialization></CsvMetaRequest>"), "{doc}");
    }
}
