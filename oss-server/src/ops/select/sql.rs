//! The SQL subset SelectObject accepts here, parsed by hand and evaluated per record:
//!
//! ```text
//! query  := SELECT items FROM ossobject [alias] [WHERE cond] [LIMIT n]
//! items  := * | count(*) | column [, column]...      column := _N | name (FileHeaderInfo Use)
//! cond   := and [OR and]...      and := unary [AND unary]...
//! unary  := NOT unary | ( cond ) | value op value    op := = != <> < > <= >= LIKE
//! value  := column | 'string' | integer
//! ```
//!
//! Keywords are case-insensitive. A comparison with an integer literal compares numbers: a
//! column value that is not an integer is a scan error (the end frame's, as OSS reports data that
//! does not match the SQL). Everything else compares strings; LIKE takes `%` and `_`.

use std::cmp::Ordering;

#[derive(Debug, Clone, PartialEq)]
enum Token {
    Word(String),
    Int(i64),
    Str(String),
    Sym(&'static str),
}

#[derive(Debug, Clone, PartialEq)]
pub enum Column {
    /// `_N`, 1-based.
    Index(usize),
    Name(String),
}

#[derive(Debug, Clone, PartialEq)]
pub enum Projection {
    All,
    Count,
    Columns(Vec<Column>),
}

#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Column(Column),
    Str(String),
    Int(i64),
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Op {
    Eq,
    Ne,
    Lt,
    Gt,
    Le,
    Ge,
    Like,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Cond {
    Or(Box<Cond>, Box<Cond>),
    And(Box<Cond>, Box<Cond>),
    Not(Box<Cond>),
    Cmp(Value, Op, Value),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Query {
    pub projection: Projection,
    /// `FROM ossobject.a.b[*]`: the JSON path to the records (`["a", "b"]`); empty for CSV.
    pub from_path: Vec<String>,
    pub filter: Option<Cond>,
    pub limit: Option<u64>,
}

const SYMBOLS: [&str; 11] = ["<=", ">=", "!=", "<>", "=", "<", ">", "(", ")", ",", "*"];

fn tokenize(sql: &str) -> Result<Vec<Token>, String> {
    let mut tokens = Vec::new();
    let b = sql.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c.is_ascii_whitespace() || c == b';' {
            i += 1;
        } else if c.is_ascii_alphabetic() || c == b'_' {
            let start = i;
            while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'_' || b[i] == b'.') {
                i += 1;
                // `ossobject.contacts[*]`: a JSON path's array step stays in the word.
                if sql[i..].starts_with("[*]") {
                    i += 3;
                }
            }
            tokens.push(Token::Word(sql[start..i].to_string()));
        } else if c.is_ascii_digit() || (c == b'-' && b.get(i + 1).is_some_and(u8::is_ascii_digit)) {
            let start = i;
            i += 1;
            while i < b.len() && b[i].is_ascii_digit() {
                i += 1;
            }
            tokens.push(Token::Int(sql[start..i].parse().map_err(|_| format!("bad number {}", &sql[start..i]))?));
        } else if c == b'\'' {
            let (text, end) = string_literal(sql, i)?;
            tokens.push(Token::Str(text));
            i = end;
        } else if let Some(sym) = SYMBOLS.iter().find(|s| sql[i..].starts_with(**s)) {
            tokens.push(Token::Sym(sym));
            i += sym.len();
        } else {
            return Err(format!("unexpected character at position {i}"));
        }
    }
    Ok(tokens)
}

/// The string literal opening at `start` (`''` is a quote) and the index after it.
fn string_literal(sql: &str, start: usize) -> Result<(String, usize), String> {
    let mut text = String::new();
    let mut chars = sql[start + 1..].char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c == '\'' {
            if chars.peek().is_some_and(|&(_, n)| n == '\'') {
                chars.next();
                text.push('\'');
                continue;
            }
            return Ok((text, start + 1 + i + 1));
        }
        text.push(c);
    }
    Err("unterminated string literal".into())
}

struct Parser {
    tokens: Vec<Token>,
    at: usize,
}

impl Parser {
    fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.at)
    }

    fn next(&mut self) -> Option<Token> {
        let t = self.tokens.get(self.at).cloned();
        self.at += 1;
        t
    }

    fn keyword(&mut self, word: &str) -> bool {
        if matches!(self.peek(), Some(Token::Word(w)) if w.eq_ignore_ascii_case(word)) {
            self.at += 1;
            return true;
        }
        false
    }

    fn symbol(&mut self, sym: &str) -> bool {
        if matches!(self.peek(), Some(Token::Sym(s)) if *s == sym) {
            self.at += 1;
            return true;
        }
        false
    }

    fn expect_keyword(&mut self, word: &str) -> Result<(), String> {
        self.keyword(word).then_some(()).ok_or_else(|| format!("expected {word}"))
    }

    fn column(word: &str) -> Column {
        // `s._1` / `s.name`: an alias prefix is accepted and dropped.
        let word = word.rsplit('.').next().unwrap_or(word);
        match word.strip_prefix('_').and_then(|n| n.parse::<usize>().ok()) {
            Some(n) if n >= 1 => Column::Index(n),
            _ => Column::Name(word.to_string()),
        }
    }

    fn projection(&mut self) -> Result<Projection, String> {
        if self.symbol("*") {
            return Ok(Projection::All);
        }
        if self.keyword("count") {
            if self.symbol("(") && self.symbol("*") && self.symbol(")") {
                return Ok(Projection::Count);
            }
            return Err("only count(*) is supported".into());
        }
        let mut columns = Vec::new();
        loop {
            match self.next() {
                Some(Token::Word(w)) if !w.eq_ignore_ascii_case("from") => columns.push(Parser::column(&w)),
                _ => return Err("expected a column".into()),
            }
            if !self.symbol(",") {
                return Ok(Projection::Columns(columns));
            }
        }
    }

    fn value(&mut self) -> Result<Value, String> {
        match self.next() {
            Some(Token::Word(w)) => Ok(Value::Column(Parser::column(&w))),
            Some(Token::Str(s)) => Ok(Value::Str(s)),
            Some(Token::Int(n)) => Ok(Value::Int(n)),
            _ => Err("expected a column, a string or a number".into()),
        }
    }

    fn op(&mut self) -> Result<Op, String> {
        if self.keyword("like") {
            return Ok(Op::Like);
        }
        match self.next() {
            Some(Token::Sym("=")) => Ok(Op::Eq),
            Some(Token::Sym("!=" | "<>")) => Ok(Op::Ne),
            Some(Token::Sym("<")) => Ok(Op::Lt),
            Some(Token::Sym(">")) => Ok(Op::Gt),
            Some(Token::Sym("<=")) => Ok(Op::Le),
            Some(Token::Sym(">=")) => Ok(Op::Ge),
            _ => Err("expected a comparison operator".into()),
        }
    }

    fn unary(&mut self) -> Result<Cond, String> {
        if self.keyword("not") {
            return Ok(Cond::Not(Box::new(self.unary()?)));
        }
        if self.symbol("(") {
            let inner = self.or()?;
            return self.symbol(")").then_some(inner).ok_or_else(|| "expected )".into());
        }
        let left = self.value()?;
        let op = self.op()?;
        Ok(Cond::Cmp(left, op, self.value()?))
    }

    fn and(&mut self) -> Result<Cond, String> {
        let mut cond = self.unary()?;
        while self.keyword("and") {
            cond = Cond::And(Box::new(cond), Box::new(self.unary()?));
        }
        Ok(cond)
    }

    fn or(&mut self) -> Result<Cond, String> {
        let mut cond = self.and()?;
        while self.keyword("or") {
            cond = Cond::Or(Box::new(cond), Box::new(self.and()?));
        }
        Ok(cond)
    }
}

/// Parses `sql`; the error says what was expected.
pub fn parse(sql: &str) -> Result<Query, String> {
    let mut p = Parser { tokens: tokenize(sql)?, at: 0 };
    p.expect_keyword("select")?;
    let projection = p.projection()?;
    p.expect_keyword("from")?;
    let from_path = match p.next() {
        Some(Token::Word(w)) if w.len() >= 9 && w[..9].eq_ignore_ascii_case("ossobject") => w[9..]
            .split('.')
            .map(|step| step.trim_end_matches("[*]").to_string())
            .filter(|step| !step.is_empty())
            .collect(),
        _ => return Err("expected ossobject".into()),
    };
    if matches!(p.peek(), Some(Token::Word(w)) if !["where", "limit"].iter().any(|k| w.eq_ignore_ascii_case(k))) {
        p.at += 1; // alias
    }
    let filter = if p.keyword("where") { Some(p.or()?) } else { None };
    let limit = if p.keyword("limit") {
        match p.next() {
            Some(Token::Int(n)) if n >= 0 => Some(n as u64),
            _ => return Err("LIMIT takes a non-negative integer".into()),
        }
    } else {
        None
    };
    match p.peek() {
        None => Ok(Query { projection, from_path, filter, limit }),
        Some(t) => Err(format!("unexpected {t:?} after the query")),
    }
}

/// A record's fields by column: `resolve` maps a column to its 0-based index (names through the
/// header); a missing field is empty.
pub struct Record<'r> {
    pub fields: &'r [String],
    pub resolve: &'r dyn Fn(&Column) -> Option<usize>,
}

impl Record<'_> {
    fn get(&self, column: &Column) -> &str {
        (self.resolve)(column).and_then(|i| self.fields.get(i)).map_or("", String::as_str)
    }

    fn text<'v>(&'v self, value: &'v Value) -> std::borrow::Cow<'v, str> {
        match value {
            Value::Column(c) => self.get(c).into(),
            Value::Str(s) => s.as_str().into(),
            Value::Int(n) => n.to_string().into(),
        }
    }

    fn number(&self, value: &Value) -> Result<i64, String> {
        match value {
            Value::Int(n) => Ok(*n),
            other => {
                let text = self.text(other);
                text.trim().parse().map_err(|_| format!("the value '{text}' is not an integer"))
            }
        }
    }
}

/// Whether the record passes `cond`; `Err` is a data error (a non-integer compared with a number).
pub fn eval(cond: &Cond, record: &Record) -> Result<bool, String> {
    Ok(match cond {
        Cond::Or(a, b) => eval(a, record)? || eval(b, record)?,
        Cond::And(a, b) => eval(a, record)? && eval(b, record)?,
        Cond::Not(a) => !eval(a, record)?,
        Cond::Cmp(l, Op::Like, r) => like(record.text(l).as_bytes(), record.text(r).as_bytes()),
        Cond::Cmp(l, op, r) => {
            let ordering = if matches!(l, Value::Int(_)) || matches!(r, Value::Int(_)) {
                record.number(l)?.cmp(&record.number(r)?)
            } else {
                record.text(l).cmp(&record.text(r))
            };
            match op {
                Op::Eq => ordering == Ordering::Equal,
                Op::Ne => ordering != Ordering::Equal,
                Op::Lt => ordering == Ordering::Less,
                Op::Gt => ordering == Ordering::Greater,
                Op::Le => ordering != Ordering::Greater,
                Op::Ge => ordering != Ordering::Less,
                Op::Like => unreachable!("handled above"),
            }
        }
    })
}

/// SQL LIKE: `%` any run, `_` one byte.
fn like(text: &[u8], pattern: &[u8]) -> bool {
    match pattern.split_first() {
        None => text.is_empty(),
        Some((b'%', rest)) => (0..=text.len()).any(|i| like(&text[i..], rest)),
        Some((&p, rest)) => text.split_first().is_some_and(|(&t, tail)| (p == b'_' || p == t) && like(tail, rest)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn passes(sql: &str, fields: &[&str]) -> Result<bool, String> {
        let q = parse(sql)?;
        let fields: Vec<String> = fields.iter().map(|s| s.to_string()).collect();
        let resolve = |c: &Column| match c {
            Column::Index(n) => Some(n - 1),
            Column::Name(n) => ["name", "age"].iter().position(|h| h == n),
        };
        eval(&q.filter.unwrap(), &Record { fields: &fields, resolve: &resolve })
    }

    #[test]
    fn parses_the_subset() {
        let q = parse("SELECT _1, name FROM ossobject s WHERE _2 >= 3 LIMIT 5").unwrap();
        assert_eq!(q.projection, Projection::Columns(vec![Column::Index(1), Column::Name("name".into())]));
        assert_eq!(q.limit, Some(5));
        assert_eq!(parse("select count(*) from ossobject").unwrap().projection, Projection::Count);
        assert_eq!(parse("select * from ossobject.contacts[*] s").unwrap().from_path, vec!["contacts"]);
        for bad in [
            "select",
            "select * from t",
            "selec * from ossobject",
            "select * from ossobject where",
            "select * from ossobject limit x",
            "select * from ossobject where _1 = 'a",
        ] {
            assert!(parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn evaluates_comparisons() {
        assert_eq!(passes("select * from ossobject where age > 30 and name like 'A%'", &["Alice", "31"]), Ok(true));
        assert_eq!(
            passes("select * from ossobject where _2 < 30 or (_1 = 'Bob' and not _1 != 'Bob')", &["Bob", "40"]),
            Ok(true)
        );
        assert_eq!(passes("select * from ossobject where name like '_o%'", &["Alice", "1"]), Ok(false));
        assert!(passes("select * from ossobject where _1 > 3", &["x"]).is_err());
        assert_eq!(passes("select * from ossobject where _1 = 'it''s'", &["it's"]), Ok(true));
    }
}
