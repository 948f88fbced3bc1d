//! Bucket configuration documents: lifecycle, CORS, referer, website, logging and storage
//! capacity (`BucketUserQos`) — built as the official SDK builds them (the same elements, in the
//! same order, the same "not set" rules) and read back into the same fields.

use super::{parse, Element, Writer, XmlError};

/// An expiry: days after the last change, or a date (`date` for Expiration only, the
/// `created_before_date` cut-off for both). `days: None` is the official INT_MAX ("not set").
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Expiry {
    pub days: Option<i32>,
    pub date: String,
    pub created_before_date: String,
}

/// One lifecycle rule.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LifecycleRule {
    pub id: String,
    pub prefix: String,
    pub status: String,
    pub expiration: Expiry,
    pub abort_multipart: Expiry,
    pub tags: Vec<(String, String)>,
}

/// PutBucketLifecycle's body. Every rule has its `Expiration` (with the first of days, date,
/// created-before date that is set); `AbortMultipartUpload` only when it has days or a date.
pub fn lifecycle_document(rules: &[LifecycleRule]) -> String {
    let mut w = Writer::new();
    w.open("LifecycleConfiguration");
    for rule in rules {
        w.open("Rule").leaf("ID", &rule.id).leaf("Prefix", &rule.prefix).leaf("Status", &rule.status);
        w.open("Expiration");
        let e = &rule.expiration;
        if let Some(days) = e.days {
            w.leaf("Days", &days.to_string());
        } else if !e.date.is_empty() {
            w.leaf("Date", &e.date);
        } else if !e.created_before_date.is_empty() {
            w.leaf("CreatedBeforeDate", &e.created_before_date);
        }
        w.close();
        let a = &rule.abort_multipart;
        if let Some(days) = a.days {
            w.open("AbortMultipartUpload").leaf("Days", &days.to_string()).close();
        } else if !a.created_before_date.is_empty() {
            w.open("AbortMultipartUpload").leaf("CreatedBeforeDate", &a.created_before_date).close();
        }
        for (key, value) in &rule.tags {
            w.open("Tag").leaf("Key", key).leaf("Value", value).close();
        }
        w.close();
    }
    w.finish()
}

pub fn parse_lifecycle(document: &[u8]) -> Result<Vec<LifecycleRule>, XmlError> {
    let root = parse(document, "LifecycleConfiguration")?;
    root.children_named("Rule").map(lifecycle_rule).collect()
}

fn lifecycle_rule(rule: &Element) -> Result<LifecycleRule, XmlError> {
    let text = |name: &str| rule.text_of(name).unwrap_or_default().to_string();
    let tags = rule
        .children_named("Tag")
        .map(|t| Ok((t.required("Key")?.to_string(), t.text_of("Value").unwrap_or_default().to_string())))
        .collect::<Result<_, XmlError>>()?;
    Ok(LifecycleRule {
        id: text("ID"),
        prefix: text("Prefix"),
        status: text("Status"),
        expiration: rule.child("Expiration").map(expiry).transpose()?.unwrap_or_default(),
        abort_multipart: rule.child("AbortMultipartUpload").map(expiry).transpose()?.unwrap_or_default(),
        tags,
    })
}

fn expiry(e: &Element) -> Result<Expiry, XmlError> {
    Ok(Expiry {
        days: e.number("Days")?,
        date: e.text_of("Date").unwrap_or_default().to_string(),
        created_before_date: e.text_of("CreatedBeforeDate").unwrap_or_default().to_string(),
    })
}

/// One CORS rule; `max_age_seconds: None` is the official INT_MAX ("not set").
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CorsRule {
    pub allowed_origins: Vec<String>,
    pub allowed_methods: Vec<String>,
    pub allowed_headers: Vec<String>,
    pub expose_headers: Vec<String>,
    pub max_age_seconds: Option<i32>,
}

pub fn cors_document(rules: &[CorsRule]) -> String {
    let mut w = Writer::new();
    w.open("CORSConfiguration");
    for rule in rules {
        w.open("CORSRule");
        for (name, values) in [
            ("AllowedOrigin", &rule.allowed_origins),
            ("AllowedMethod", &rule.allowed_methods),
            ("AllowedHeader", &rule.allowed_headers),
            ("ExposeHeader", &rule.expose_headers),
        ] {
            for value in values {
                w.leaf(name, value);
            }
        }
        if let Some(age) = rule.max_age_seconds {
            w.leaf("MaxAgeSeconds", &age.to_string());
        }
        w.close();
    }
    w.finish()
}

pub fn parse_cors(document: &[u8]) -> Result<Vec<CorsRule>, XmlError> {
    let root = parse(document, "CORSConfiguration")?;
    root.children_named("CORSRule")
        .map(|rule| {
            let all = |name: &str| rule.children_named(name).map(|e| e.text.clone()).collect();
            Ok(CorsRule {
                allowed_origins: all("AllowedOrigin"),
                allowed_methods: all("AllowedMethod"),
                allowed_headers: all("AllowedHeader"),
                expose_headers: all("ExposeHeader"),
                max_age_seconds: rule.number("MaxAgeSeconds")?,
            })
        })
        .collect()
}

/// A referer whitelist.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RefererConfig {
    pub allow_empty: bool,
    pub referers: Vec<String>,
}

pub fn referer_document(config: &RefererConfig) -> String {
    let mut w = Writer::new();
    w.open("RefererConfiguration").leaf("AllowEmptyReferer", if config.allow_empty { "true" } else { "false" });
    w.open("RefererList");
    for referer in &config.referers {
        w.leaf("Referer", referer);
    }
    w.finish()
}

pub fn parse_referer(document: &[u8]) -> Result<RefererConfig, XmlError> {
    let root = parse(document, "RefererConfiguration")?;
    let referers = root.child("RefererList").map(|l| l.children_named("Referer").map(|r| r.text.clone()).collect());
    Ok(RefererConfig { allow_empty: root.flag("AllowEmptyReferer")?, referers: referers.unwrap_or_default() })
}

/// A static website: the index suffix and the error document's key (empty: none).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct WebsiteConfig {
    pub suffix: String,
    pub error_key: String,
}

pub fn website_document(config: &WebsiteConfig) -> String {
    let mut w = Writer::new();
    w.open("WebsiteConfiguration").open("IndexDocument").leaf("Suffix", &config.suffix).close();
    if !config.error_key.is_empty() {
        w.open("ErrorDocument").leaf("Key", &config.error_key).close();
    }
    w.finish()
}

pub fn parse_website(document: &[u8]) -> Result<WebsiteConfig, XmlError> {
    let root = parse(document, "WebsiteConfiguration")?;
    let inner =
        |outer: &str, name: &str| root.child(outer).and_then(|o| o.text_of(name)).unwrap_or_default().to_string();
    Ok(WebsiteConfig { suffix: inner("IndexDocument", "Suffix"), error_key: inner("ErrorDocument", "Key") })
}

/// Access logging: where the logs go; `enabled` false when the answer has no `LoggingEnabled`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LoggingConfig {
    pub enabled: bool,
    pub target_bucket: String,
    pub prefix: String,
}

/// PutBucketLogging's body: always `LoggingEnabled` (as the official SDK sends it), with the
/// target bucket and prefix when they are not empty.
pub fn logging_document(config: &LoggingConfig) -> String {
    let mut w = Writer::new();
    w.open("BucketLoggingStatus").open("LoggingEnabled");
    if !config.target_bucket.is_empty() {
        w.leaf("TargetBucket", &config.target_bucket);
    }
    if !config.prefix.is_empty() {
        w.leaf("TargetPrefix", &config.prefix);
    }
    w.finish()
}

pub fn parse_logging(document: &[u8]) -> Result<LoggingConfig, XmlError> {
    let root = parse(document, "BucketLoggingStatus")?;
    Ok(match root.child("LoggingEnabled") {
        None => LoggingConfig::default(),
        Some(e) => LoggingConfig {
            enabled: true,
            target_bucket: e.text_of("TargetBucket").unwrap_or_default().to_string(),
            prefix: e.text_of("TargetPrefix").unwrap_or_default().to_string(),
        },
    })
}

/// PutBucketStorageCapacity's body: the capacity in GB (−1: unlimited).
pub fn capacity_document(capacity: i64) -> String {
    let mut w = Writer::new();
    w.open("BucketUserQos").leaf("StorageCapacity", &capacity.to_string());
    w.finish()
}

pub fn parse_capacity(document: &[u8]) -> Result<i64, XmlError> {
    let root = parse(document, "BucketUserQos")?;
    root.number("StorageCapacity")?.ok_or_else(|| XmlError("<BucketUserQos> has no <StorageCapacity>".into()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lifecycle_round_trips_and_picks_the_first_expiry_set() {
        let rules = vec![
            LifecycleRule {
                id: "r1".into(),
                prefix: "logs/".into(),
                status: "Enabled".into(),
                expiration: Expiry { days: Some(7), date: "ignored".into(), ..Expiry::default() },
                abort_multipart: Expiry { created_before_date: "2026-01-01T00:00:00.000Z".into(), ..Expiry::default() },
                tags: vec![("k".into(), "v".into())],
            },
            LifecycleRule { id: "r2".into(), status: "Disabled".into(), ..LifecycleRule::default() },
        ];
        let doc = lifecycle_document(&rules);
        assert!(doc.contains("<Expiration><Days>7</Days></Expiration>"), "{doc}");
        assert!(
            doc.contains("<Rule><ID>r2</ID><Prefix></Prefix><Status>Disabled</Status><Expiration></Expiration></Rule>")
        );
        let back = parse_lifecycle(doc.as_bytes()).unwrap();
        assert_eq!(back[0].expiration, Expiry { days: Some(7), ..Expiry::default() });
        assert_eq!(back[0].abort_multipart, rules[0].abort_multipart);
        assert_eq!(back[0].tags, rules[0].tags);
        assert_eq!(back[1].id, "r2");
        assert!(parse_lifecycle(
            b"<LifecycleConfiguration><Rule><Expiration><Days>x</Days></Expiration></Rule></LifecycleConfiguration>"
        )
        .is_err());
    }

    #[test]
    fn cors_referer_website_logging_capacity_round_trip() {
        let cors = vec![CorsRule {
            allowed_origins: vec!["*".into()],
            allowed_methods: vec!["GET".into(), "PUT".into()],
            allowed_headers: vec!["x-a".into()],
            expose_headers: vec!["x-b".into()],
            max_age_seconds: Some(60),
        }];
        assert_eq!(parse_cors(cors_document(&cors).as_bytes()).unwrap(), cors);
        let referer = RefererConfig { allow_empty: true, referers: vec!["http://a/*".into(), "b".into()] };
        assert_eq!(parse_referer(referer_document(&referer).as_bytes()).unwrap(), referer);
        let website = WebsiteConfig { suffix: "index.html".into(), error_key: "404.html".into() };
        assert_eq!(parse_website(website_document(&website).as_bytes()).unwrap(), website);
        let only_index = website_document(&WebsiteConfig { suffix: "i.html".into(), ..WebsiteConfig::default() });
        assert!(!only_index.contains("ErrorDocument"));
        let logging = LoggingConfig { enabled: true, target_bucket: "t".into(), prefix: "p/".into() };
        assert_eq!(parse_logging(logging_document(&logging).as_bytes()).unwrap(), logging);
        assert!(!parse_logging(b"<BucketLoggingStatus/>").unwrap().enabled);
        assert_eq!(parse_capacity(capacity_document(-1).as_bytes()).unwrap(), -1);
        assert!(parse_capacity(b"<BucketUserQos/>").is_err());
        assert!(parse_referer(
            b"<RefererConfiguration><AllowEmptyReferer>maybe</AllowEmptyReferer></RefererConfiguration>"
        )
        .is_err());
        assert!(parse_cors(
            b"<CORSConfiguration><CORSRule><MaxAgeSeconds>-</MaxAgeSeconds></CORSRule></CORSConfiguration>"
        )
        .is_err());
    }
}
