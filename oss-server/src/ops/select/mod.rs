//! SelectObject (`POST ?x-oss-process=csv/select`) and CreateSelectObjectMeta
//! (`POST ?x-oss-process=csv/meta`) over CSV objects: the request document, a small SQL subset
//! (`sql`), CSV records (`csv`) and the framed answer (`frame`).
//!
//! The whole object and the whole result are held in memory (objects up to `MAX_OBJECT`): this
//! server's objects are test data. As OSS does, errors found before the scan (SQL, arguments) are
//! ordinary HTTP errors; an error found in the data during the scan ends the framed 206 answer
//! with an end frame carrying the status and `Code.message`. JSON objects are not supported.

mod csv;
mod frame;
mod json;
mod output;
mod sql;

use std::io::Read;

use base64::Engine;

use super::OpContext;
use crate::errors::OssError;
use crate::http::body::BodyReader;
use crate::http::response::{Body, Response};
use crate::xml;
use output::Output;
use sql::{Column, Projection, Query};

const MAX_DOCUMENT: u64 = 64 * 1024;
const MAX_OBJECT: u64 = 256 << 20;
/// The unit CreateSelectObjectMeta counts splits in.
const SPLIT_BYTES: u64 = 1 << 20;

fn invalid_sql(detail: &str) -> OssError {
    OssError::new(400, "InvalidSqlExpression", format!("The SQL expression is invalid: {detail}"))
        .with_ec("0016-00000803")
}

fn invalid_argument(detail: &str) -> OssError {
    OssError::new(400, "InvalidArgument", detail.to_string())
}

/// Routes `?x-oss-process=...` on an object.
pub fn handle(ctx: &OpContext, bucket: &str, key: &str, body: &mut BodyReader) -> Result<Response, OssError> {
    match (ctx.head.method.as_str(), ctx.query("x-oss-process").unwrap_or("")) {
        ("POST", "csv/select") => select(ctx, bucket, key, body),
        ("POST", "csv/meta") => meta(ctx, bucket, key, body),
        ("POST", "json/select") => json::select(ctx, bucket, key, body),
        ("POST", "json/meta") => json::meta(ctx, bucket, key, body),
        (_, process) => Err(OssError::new(
            501,
            "NotImplemented",
            format!("x-oss-process={process} is not implemented by this server (csv/ and json/ select and meta are)."),
        )),
    }
}

/// A base64 element of the document, decoded; absent or empty is `None`.
fn decoded(node: Option<roxmltree::Node>, name: &str) -> Result<Option<Vec<u8>>, OssError> {
    match node.and_then(|n| xml::child_text(n, name)).filter(|t| !t.trim().is_empty()) {
        None => Ok(None),
        Some(text) => base64::engine::general_purpose::STANDARD
            .decode(text.trim())
            .map(Some)
            .map_err(|_| invalid_argument(&format!("{name} is not base64"))),
    }
}

fn child<'a, 'i>(node: Option<roxmltree::Node<'a, 'i>>, name: &str) -> Option<roxmltree::Node<'a, 'i>> {
    node?.children().find(|c| c.is_element() && c.tag_name().name() == name)
}

fn is_true(node: Option<roxmltree::Node>, name: &str) -> bool {
    node.and_then(|n| xml::child_text(n, name)).is_some_and(|t| t.trim().eq_ignore_ascii_case("true"))
}

/// The CSV reading options of an `InputSerialization/CSV` element.
fn input_format(csv: Option<roxmltree::Node>) -> Result<csv::Format, OssError> {
    let mut format = csv::Format::default();
    if let Some(d) = decoded(csv, "RecordDelimiter")? {
        if !(1..=2).contains(&d.len()) {
            return Err(invalid_argument("RecordDelimiter must be one or two characters"));
        }
        format.record_delimiter = d;
    }
    let one = |name: &str| -> Result<Option<u8>, OssError> {
        match decoded(csv, name)? {
            None => Ok(None),
            Some(d) if d.len() == 1 => Ok(Some(d[0])),
            Some(_) => Err(invalid_argument(&format!("{name} must be one character"))),
        }
    };
    format.field_delimiter = one("FieldDelimiter")?.unwrap_or(b',');
    format.quote = one("QuoteCharacter")?.unwrap_or(b'"');
    format.comment = one("CommentCharacter")?;
    Ok(format)
}

fn read_object(ctx: &OpContext, bucket: &str, key: &str) -> Result<Vec<u8>, OssError> {
    let (file, record) = ctx.state.store.open_object(bucket, key)?;
    if record.meta().size > MAX_OBJECT {
        return Err(OssError::new(501, "NotImplemented", "Objects over 256 MiB cannot be selected on this server."));
    }
    let mut data = Vec::new();
    file.take(MAX_OBJECT).read_to_end(&mut data).map_err(crate::store::io_error)?;
    Ok(data)
}

/// What one SelectRequest asks for.
struct Plan {
    query: Query,
    format: csv::Format,
    /// `Use`, `Ignore` or `None`.
    header_info: String,
    lines: Option<(u64, u64)>,
    out_field: Vec<u8>,
    out_record: Vec<u8>,
    keep_all: bool,
    raw: bool,
    crc: bool,
    output_header: bool,
}

/// `line-range=a-b` (inclusive, 0-based data lines; `a-` or `-b` open).
fn line_range(text: &str) -> Result<Option<(u64, u64)>, OssError> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    let bad = || invalid_argument("Range must be line-range=start-end (split-range is not supported here)");
    let (a, b) = text.strip_prefix("line-range=").and_then(|r| r.split_once('-')).ok_or_else(bad)?;
    let a = if a.is_empty() { 0 } else { a.parse().map_err(|_| bad())? };
    let b = if b.is_empty() { u64::MAX } else { b.parse().map_err(|_| bad())? };
    if a > b {
        return Err(bad());
    }
    Ok(Some((a, b)))
}

fn plan(text: &str) -> Result<Plan, OssError> {
    let document = xml::parse(text, "SelectRequest")?;
    let root = document.root_element();
    let query = query(root)?;
    if !query.from_path.is_empty() {
        return Err(invalid_sql("a path after ossobject is for JSON objects"));
    }
    let input = child(Some(root), "InputSerialization");
    uncompressed(input)?;
    let csv_in = child(input, "CSV");
    let header_info = csv_in.and_then(|c| xml::child_text(c, "FileHeaderInfo")).unwrap_or("None").trim();
    let header_info = ["Use", "Ignore", "None"]
        .into_iter()
        .find(|h| h.eq_ignore_ascii_case(header_info))
        .ok_or_else(|| invalid_argument("FileHeaderInfo must be Use, Ignore or None"))?;
    let output = child(Some(root), "OutputSerialization");
    let csv_out = child(output, "CSV");
    Ok(Plan {
        query,
        format: input_format(csv_in)?,
        header_info: header_info.to_string(),
        lines: line_range(csv_in.and_then(|c| xml::child_text(c, "Range")).unwrap_or(""))?,
        out_field: decoded(csv_out, "FieldDelimiter")?.unwrap_or_else(|| b",".to_vec()),
        out_record: decoded(csv_out, "RecordDelimiter")?.unwrap_or_else(|| b"\n".to_vec()),
        keep_all: is_true(output, "KeepAllColumns"),
        raw: is_true(output, "OutputRawData"),
        crc: is_true(output, "EnablePayloadCrc"),
        output_header: is_true(output, "OutputHeader"),
    })
}

/// Refuses compressed input (GZIP): not implemented here.
fn uncompressed(input: Option<roxmltree::Node>) -> Result<(), OssError> {
    let compression = input.and_then(|i| xml::child_text(i, "CompressionType")).unwrap_or("None").trim();
    if compression.eq_ignore_ascii_case("none") || compression.is_empty() {
        return Ok(());
    }
    Err(OssError::new(501, "NotImplemented", "Only CompressionType None is implemented by this server."))
}

/// The SQL of a SelectRequest, parsed.
fn query(root: roxmltree::Node) -> Result<Query, OssError> {
    let sql = decoded(Some(root), "Expression")?.ok_or_else(|| invalid_sql("the Expression is empty"))?;
    let sql = String::from_utf8(sql).map_err(|_| invalid_sql("the Expression is not UTF-8"))?;
    sql::parse(&sql).map_err(|e| invalid_sql(&e))
}

/// Output columns (0-based) of the projection, with names checked against the header.
fn columns(plan: &Plan, header: Option<&[String]>) -> Result<Option<Vec<usize>>, OssError> {
    let resolve = |c: &Column| -> Result<usize, OssError> {
        match c {
            Column::Index(n) => Ok(n - 1),
            Column::Name(name) => header
                .ok_or_else(|| invalid_sql(&format!("column {name} needs FileHeaderInfo Use")))?
                .iter()
                .position(|h| h == name)
                .ok_or_else(|| invalid_sql(&format!("there is no column {name}"))),
        }
    };
    let mut used = Vec::new();
    collect_columns(plan.query.filter.as_ref(), &mut used);
    for c in &used {
        resolve(c)?;
    }
    match &plan.query.projection {
        Projection::Columns(cs) => Ok(Some(cs.iter().map(resolve).collect::<Result<_, _>>()?)),
        _ => Ok(None),
    }
}

fn collect_columns(cond: Option<&sql::Cond>, out: &mut Vec<Column>) {
    match cond {
        Some(sql::Cond::Or(a, b) | sql::Cond::And(a, b)) => {
            collect_columns(Some(a), out);
            collect_columns(Some(b), out);
        }
        Some(sql::Cond::Not(a)) => collect_columns(Some(a), out),
        Some(sql::Cond::Cmp(l, _, r)) => {
            for v in [l, r] {
                if let sql::Value::Column(c) = v {
                    out.push(c.clone());
                }
            }
        }
        None => {}
    }
}

/// Runs the plan over `data`: the answer.
fn scan(plan: &Plan, data: &[u8]) -> Result<Response, OssError> {
    let mut records = csv::records(data, &plan.format).peekable();
    let header = match plan.header_info.as_str() {
        "Use" => records.next().map(|r| r.fields),
        "Ignore" => records.next().map(|_| Vec::new()),
        _ => None,
    };
    let names = header.as_deref().filter(|_| plan.header_info == "Use");
    let selected = columns(plan, names)?;
    let resolve = |c: &Column| match c {
        Column::Index(n) => Some(n - 1),
        Column::Name(name) => names.and_then(|h| h.iter().position(|x| x == name)),
    };
    let (field, record) = (plan.out_field.clone(), plan.out_record.clone());
    let mut out = Output::new(field, record, plan.format.quote, plan.raw, plan.crc);
    if let (true, Some(h)) = (plan.output_header, names) {
        let head: Vec<&str> = match &selected {
            Some(cols) => cols.iter().map(|&i| h.get(i).map_or("", String::as_str)).collect(),
            None => h.iter().map(String::as_str).collect(),
        };
        out.record(&head);
    }
    let (mut scanned, mut matched, mut error) = (0usize, 0u64, None);
    for (line, record) in records.enumerate() {
        scanned = record.end;
        if plan.lines.is_some_and(|(a, b)| (line as u64) < a || (line as u64) > b) {
            continue;
        }
        if plan.query.limit.is_some_and(|l| matched >= l) {
            break;
        }
        let passes = match &plan.query.filter {
            None => Ok(true),
            Some(cond) => sql::eval(cond, &sql::Record { fields: &record.fields, resolve: &resolve }),
        };
        match passes {
            Ok(false) => {}
            Ok(true) => {
                matched += 1;
                emit(&mut out, plan, selected.as_deref(), &record.fields);
            }
            Err(e) => {
                error = Some(format!("InvalidDataFormat.line {}: {e}", line + 1));
                break;
            }
        }
        out.flush(scanned, false);
    }
    if plan.query.projection == Projection::Count && error.is_none() {
        out.record(&[&matched.to_string()]);
    }
    out.answer(scanned, error)
}

fn emit(out: &mut Output, plan: &Plan, selected: Option<&[usize]>, fields: &[String]) {
    let field = |i: usize| fields.get(i).map_or("", String::as_str);
    match (&plan.query.projection, selected) {
        (Projection::Count, _) => {}
        (_, None) => out.record(&fields.iter().map(String::as_str).collect::<Vec<_>>()),
        (_, Some(cols)) if plan.keep_all => {
            let width = cols.iter().max().map_or(0, |m| m + 1).max(fields.len());
            let row: Vec<&str> = (0..width).map(|i| if cols.contains(&i) { field(i) } else { "" }).collect();
            out.record(&row);
        }
        (_, Some(cols)) => out.record(&cols.iter().map(|&i| field(i)).collect::<Vec<_>>()),
    }
}

fn select(ctx: &OpContext, bucket: &str, key: &str, body: &mut BodyReader) -> Result<Response, OssError> {
    let plan = plan(&xml::read_document(body, MAX_DOCUMENT)?)?;
    scan(&plan, &read_object(ctx, bucket, key)?)
}

fn meta(ctx: &OpContext, bucket: &str, key: &str, body: &mut BodyReader) -> Result<Response, OssError> {
    let text = xml::read_document(body, MAX_DOCUMENT)?;
    let document = xml::parse(&text, "CsvMetaRequest")?;
    let csv_in = child(child(Some(document.root_element()), "InputSerialization"), "CSV");
    let format = input_format(csv_in)?;
    let data = read_object(ctx, bucket, key)?;
    let (mut rows, mut columns) = (0u64, 0usize);
    for record in csv::records(&data, &format) {
        rows += 1;
        columns = columns.max(record.fields.len());
    }
    let splits = (data.len() as u64).div_ceil(SPLIT_BYTES);
    let mut answer = Vec::new();
    frame::meta_end(&mut answer, data.len() as u64, splits as u32, rows, columns as u32);
    Ok(Response::new(200, Body::Bytes(answer)).with_header("x-oss-select-output-raw", "false"))
}
