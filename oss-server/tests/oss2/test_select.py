"""SelectObject and CreateSelectObjectMeta on CSV objects, read through oss2's own frame decoder
(select_object, select_object_to_file, create_select_object_meta): WHERE / LIMIT / count(*),
header handling, output options, raw output, payload CRCs, line ranges, and both kinds of error
(a malformed expression is an HTTP 400; a data error ends the frames with its status)."""

import oss2
import pytest

from conftest import make_bucket, unique_bucket_name

PEOPLE = b"name,age,city\nAlice,31,Hangzhou\nBob,25,\"Beijing, China\"\nCarol,42,Shanghai\nDave,19,Hangzhou\n"


@pytest.fixture
def bucket(server):
    b = make_bucket(server, unique_bucket_name())
    b.create_bucket()
    b.put_object("people.csv", PEOPLE)
    return b


def select(bucket, sql, **params):
    return bucket.select_object("people.csv", sql, select_params=params or None).read()


def test_where_limit_count(bucket):
    use = {"CsvHeaderInfo": "Use"}
    assert select(bucket, "select * from ossobject where age > 30", **use) == b"Alice,31,Hangzhou\nCarol,42,Shanghai\n"
    assert select(bucket, "select name, _3 from ossobject where _2 = 25", **use) == b'Bob,"Beijing, China"\n'
    assert select(bucket, "select count(*) from ossobject where city like 'H%'", **use) == b"2\n"
    assert select(bucket, "select _1 from ossobject where _2 < 40 or _1 = 'Carol' limit 3", CsvHeaderInfo="Ignore") == b"Alice\nBob\nCarol\n"
    assert select(bucket, "select _1 from ossobject limit 1") == b"name\n"


def test_output_options_crc_and_ranges(bucket):
    got = select(bucket, "select name, age from ossobject where age < 26", CsvHeaderInfo="Use", OutputHeader=True,
                 OutputFieldDelimiter="|", EnablePayloadCrc=True)
    assert got == b"name|age\nBob|25\nDave|19\n"
    got = select(bucket, "select _2 from ossobject where _1 = 'Dave'", CsvHeaderInfo="Use", OutputRawData=True,
                 KeepAllColumns=True)
    assert got == b",19,\n"
    got = select(bucket, "select _1 from ossobject", CsvHeaderInfo="Use", LineRange=(1, 2))
    assert got == b"Bob\nCarol\n"


def test_to_file(bucket, tmp_path):
    target = tmp_path / "out.csv"
    bucket.select_object_to_file("people.csv", str(target), "select city from ossobject where name = 'Alice'",
                                 select_params={"CsvHeaderInfo": "Use"})
    assert target.read_bytes() == b"Hangzhou\n"


def test_errors(bucket):
    with pytest.raises(oss2.exceptions.ServerError) as error:
        select(bucket, "select * fro ossobject")
    assert (error.value.status, error.value.code) == (400, "InvalidSqlExpression")
    with pytest.raises(oss2.exceptions.SelectOperationFailed) as error:
        select(bucket, "select * from ossobject where _2 > 20")
    assert error.value.status == 400
    assert error.value.code == b"InvalidDataFormat"
    assert b"not an integer" in error.value.message


def test_meta(bucket):
    result = bucket.create_select_object_meta("people.csv")
    assert (result.rows, result.splits, result.select_resp.columns) == (5, 1, 3)
    bucket.put_object("semi.csv", b"a;b;c;d\r\ne;f\r\n")
    result = bucket.create_select_object_meta("semi.csv", {"RecordDelimiter": "\r\n", "FieldDelimiter": ";"})
    assert (result.rows, result.select_resp.columns) == (2, 4)


LINES = b'{"name":"Alice","age":31}\n{"name":"Bob","age":25,"tags":["x"]}\n\n{"name":"Carol","age":42}\n'
DOCUMENT = b'{"contacts":[{"name":"Alice","age":31},{"name":"Bob","age":25},{"name":"Carol","age":42}]}'


def test_json_lines_and_document(bucket):
    bucket.put_object("people.jsonl", LINES)
    bucket.put_object("people.json", DOCUMENT)
    lines = {"Json_Type": "LINES"}
    got = bucket.select_object("people.jsonl", "select s.name from ossobject s where s.age > 30", select_params=lines).read()
    assert got == b'{"name":"Alice"}\n{"name":"Carol"}\n'
    got = bucket.select_object("people.jsonl", "select * from ossobject s where s.name = 'Bob'", select_params=lines).read()
    assert got == b'{"age":25,"name":"Bob","tags":["x"]}\n'
    got = bucket.select_object("people.json", "select count(*) from ossobject.contacts[*] s where s.name like '%o%'",
                               select_params={"Json_Type": "DOCUMENT", "EnablePayloadCrc": True}).read()
    assert got == b'{"_1":2}\n'
    meta = bucket.create_select_object_meta("people.jsonl", {"Json_Type": "LINES"})
    assert (meta.rows, meta.splits) == (3, 1)
