//! SelectObject and CreateSelectObjectMeta on JSON objects (`json/select`, `json/meta`): JSON
//! LINES (one object a line) or a JSON DOCUMENT (its records are the array at the `FROM
//! ossobject.path[*]` path, or the document itself). Columns are top-level member names
//! (`s.name` or `name`); a record's values compare as text (numbers as written, `true`/`false`,
//! missing or null as ""), as the CSV path does. `SELECT *` writes each record as compact JSON (members in name order),
//! a column list an object of those members, `count(*)` `{"_1":N}`.

use serde_json::{Map, Value};

use super::output::Output;
use super::sql::{self, Column, Projection, Query};
use super::{child, decoded, frame, invalid_argument, invalid_sql, is_true, read_object, uncompressed};
use super::{OpContext, MAX_DOCUMENT, SPLIT_BYTES};
use crate::errors::OssError;
use crate::http::body::BodyReader;
use crate::http::response::{Body, Response};
use crate::xml;

/// `Type` of `InputSerialization/JSON`: true for DOCUMENT, false for LINES.
fn is_document(input: Option<roxmltree::Node>) -> Result<bool, OssError> {
    let kind = child(input, "JSON").and_then(|j| xml::child_text(j, "Type")).unwrap_or("").trim();
    match kind.to_ascii_uppercase().as_str() {
        "DOCUMENT" => Ok(true),
        "LINES" => Ok(false),
        _ => Err(invalid_argument("JSON Type must be DOCUMENT or LINES")),
    }
}

/// The member names the query reads, in first-use order.
fn names(query: &Query) -> Result<Vec<String>, OssError> {
    let mut columns = Vec::new();
    if let Projection::Columns(cs) = &query.projection {
        columns.extend(cs.iter().cloned());
    }
    super::collect_columns(query.filter.as_ref(), &mut columns);
    let mut names = Vec::new();
    for column in columns {
        match column {
            Column::Name(n) if !names.contains(&n) => names.push(n),
            Column::Name(_) => {}
            Column::Index(_) => return Err(invalid_sql("_N columns are for CSV objects; name JSON members")),
        }
    }
    Ok(names)
}

fn text(value: Option<&Value>) -> String {
    match value {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(s)) => s.clone(),
        Some(other) => other.to_string(),
    }
}

/// The records of the object with where each ends (for frame offsets), or the data error.
fn records(data: &[u8], document: bool, path: &[String]) -> Result<Vec<(Value, usize)>, String> {
    if !document {
        let mut out = Vec::new();
        let mut at = 0;
        for (n, line) in data.split(|&b| b == b'\n').enumerate() {
            at += line.len() + 1;
            if line.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            let value = serde_json::from_slice(line).map_err(|e| format!("InvalidJsonData.line {}: {e}", n + 1))?;
            out.push((value, at.min(data.len())));
        }
        return Ok(out);
    }
    let mut value: Value = serde_json::from_slice(data).map_err(|e| format!("InvalidJsonData.{e}"))?;
    for step in path {
        value = value.get_mut(step).map(Value::take).unwrap_or(Value::Null);
    }
    Ok(match value {
        Value::Array(items) => items.into_iter().map(|v| (v, data.len())).collect(),
        other => vec![(other, data.len())],
    })
}

/// Runs `query` over `data`: the answer.
fn scan(query: &Query, data: &[u8], document: bool, mut out: Output) -> Result<Response, OssError> {
    let names = names(query)?;
    let resolve = |c: &Column| match c {
        Column::Name(n) => names.iter().position(|x| x == n),
        Column::Index(_) => None,
    };
    let (mut scanned, mut matched) = (0, 0u64);
    let records = match records(data, document, &query.from_path) {
        Ok(records) => records,
        Err(e) => return out.answer(0, Some(e)),
    };
    for (record, end) in records {
        if query.limit.is_some_and(|l| matched >= l) {
            break;
        }
        scanned = end;
        let fields: Vec<String> = names.iter().map(|n| text(record.get(n))).collect();
        let passes = match &query.filter {
            None => Ok(true),
            Some(cond) => sql::eval(cond, &sql::Record { fields: &fields, resolve: &resolve }),
        };
        match passes {
            Ok(false) => {}
            Ok(true) => {
                matched += 1;
                emit(&mut out, query, record);
            }
            Err(e) => return out.answer(scanned, Some(format!("InvalidDataFormat.record {}: {e}", matched + 1))),
        }
        out.flush(scanned, false);
    }
    if query.projection == Projection::Count {
        out.line(format!("{{\"_1\":{matched}}}").as_bytes());
    }
    out.answer(scanned.max(data.len()), None)
}

fn emit(out: &mut Output, query: &Query, record: Value) {
    match &query.projection {
        Projection::Count => {}
        Projection::All => out.line(record.to_string().as_bytes()),
        Projection::Columns(columns) => {
            let mut object = Map::new();
            for column in columns {
                if let Column::Name(n) = column {
                    object.insert(n.clone(), record.get(n).cloned().unwrap_or(Value::Null));
                }
            }
            out.line(Value::Object(object).to_string().as_bytes());
        }
    }
}

pub fn select(ctx: &OpContext, bucket: &str, key: &str, body: &mut BodyReader) -> Result<Response, OssError> {
    let text = xml::read_document(body, MAX_DOCUMENT)?;
    let document = xml::parse(&text, "SelectRequest")?;
    let root = document.root_element();
    let query = super::query(root)?;
    let input = child(Some(root), "InputSerialization");
    uncompressed(input)?;
    let is_doc = is_document(input)?;
    let output = child(Some(root), "OutputSerialization");
    let record = decoded(child(output, "JSON"), "RecordDelimiter")?.unwrap_or_else(|| b"\n".to_vec());
    let out =
        Output::new(Vec::new(), record, b'"', is_true(output, "OutputRawData"), is_true(output, "EnablePayloadCrc"));
    scan(&query, &read_object(ctx, bucket, key)?, is_doc, out)
}

/// JSON LINES only, as OSS: rows (non-empty lines) and splits in a JSON meta end frame.
pub fn meta(ctx: &OpContext, bucket: &str, key: &str, body: &mut BodyReader) -> Result<Response, OssError> {
    let text = xml::read_document(body, MAX_DOCUMENT)?;
    let document = xml::parse(&text, "JsonMetaRequest")?;
    if is_document(child(Some(document.root_element()), "InputSerialization"))? {
        return Err(invalid_argument("CreateSelectObjectMeta reads JSON LINES objects only"));
    }
    let data = read_object(ctx, bucket, key)?;
    let rows = data.split(|&b| b == b'\n').filter(|l| !l.iter().all(u8::is_ascii_whitespace)).count() as u64;
    let splits = (data.len() as u64).div_ceil(SPLIT_BYTES);
    let mut answer = Vec::new();
    frame::json_meta_end(&mut answer, data.len() as u64, splits as u32, rows);
    Ok(Response::new(200, Body::Bytes(answer)).with_header("x-oss-select-output-raw", "false"))
}
