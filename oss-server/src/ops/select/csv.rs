//! Reading CSV records for SelectObject: records end at the record delimiter (one or two bytes,
//! default `\n`) outside quotes; fields end at the field delimiter (one byte, default `,`);
//! the quote character (default `"`) protects delimiters, and a doubled quote inside quotes is
//! one quote. Lines starting with the comment character (when one is set) are skipped.

#[derive(Clone, Debug)]
pub struct Format {
    pub record_delimiter: Vec<u8>,
    pub field_delimiter: u8,
    pub quote: u8,
    pub comment: Option<u8>,
}

impl Default for Format {
    fn default() -> Self {
        Format { record_delimiter: b"\n".to_vec(), field_delimiter: b',', quote: b'"', comment: None }
    }
}

/// One record: its fields (unquoted), and where it ends in the object (after its delimiter).
pub struct Record {
    pub fields: Vec<String>,
    pub end: usize,
}

/// Splits `data` into records, in order, skipping comment lines and a final empty line.
pub fn records<'d>(data: &'d [u8], format: &'d Format) -> impl Iterator<Item = Record> + 'd {
    let mut at = 0;
    std::iter::from_fn(move || loop {
        if at >= data.len() {
            return None;
        }
        let (line, end) = next_line(data, at, format);
        at = end;
        if format.comment.is_some_and(|c| line.first() == Some(&c)) {
            continue;
        }
        return Some(Record { fields: fields(line, format), end });
    })
}

/// The record starting at `start` (without its delimiter) and the index after its delimiter.
fn next_line<'d>(data: &'d [u8], start: usize, format: &Format) -> (&'d [u8], usize) {
    let delimiter = &format.record_delimiter;
    let mut quoted = false;
    let mut i = start;
    while i < data.len() {
        if data[i] == format.quote {
            quoted = !quoted;
        } else if !quoted && data[i..].starts_with(delimiter) {
            return (&data[start..i], i + delimiter.len());
        }
        i += 1;
    }
    (&data[start..], data.len())
}

fn fields(line: &[u8], format: &Format) -> Vec<String> {
    let mut out = Vec::new();
    let mut field = Vec::new();
    let mut quoted = false;
    let mut i = 0;
    while i < line.len() {
        let b = line[i];
        if b == format.quote {
            if quoted && line.get(i + 1) == Some(&format.quote) {
                field.push(b);
                i += 1;
            } else {
                quoted = !quoted;
            }
        } else if b == format.field_delimiter && !quoted {
            out.push(String::from_utf8_lossy(&field).into_owned());
            field.clear();
        } else {
            field.push(b);
        }
        i += 1;
    }
    out.push(String::from_utf8_lossy(&field).into_owned());
    out
}

/// A field as written to the output: quoted when it holds a delimiter or a quote.
pub fn write_field(out: &mut Vec<u8>, field: &str, field_delimiter: &[u8], record_delimiter: &[u8], quote: u8) {
    let bytes = field.as_bytes();
    let special = bytes.contains(&quote)
        || (!field_delimiter.is_empty() && bytes.windows(field_delimiter.len()).any(|w| w == field_delimiter))
        || (!record_delimiter.is_empty() && bytes.windows(record_delimiter.len()).any(|w| w == record_delimiter));
    if !special {
        out.extend_from_slice(bytes);
        return;
    }
    out.push(quote);
    for &b in bytes {
        if b == quote {
            out.push(quote);
        }
        out.push(b);
    }
    out.push(quote);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_delimiters_and_comments() {
        let format = Format { comment: Some(b'#'), ..Format::default() };
        let data = b"a,\"b,c\",\"say \"\"hi\"\"\"\n#skip\n\"multi\nline\",2\nlast";
        let got: Vec<Vec<String>> = records(data, &format).map(|r| r.fields).collect();
        assert_eq!(got, vec![vec!["a", "b,c", "say \"hi\""], vec!["multi\nline", "2"], vec!["last"]]);
        let mut out = Vec::new();
        write_field(&mut out, "b,c", b",", b"\n", b'"');
        assert_eq!(out, b"\"b,c\"");
    }

    #[test]
    fn two_byte_record_delimiter() {
        let format = Format { record_delimiter: b"\r\n".to_vec(), field_delimiter: b'|', ..Format::default() };
        let got: Vec<Vec<String>> = records(b"1|2\r\n3|4\r\n", &format).map(|r| r.fields).collect();
        assert_eq!(got, vec![vec!["1", "2"], vec!["3", "4"]]);
    }
}
