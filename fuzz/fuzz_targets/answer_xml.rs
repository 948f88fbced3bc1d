//! Every answer-document parser of `oss_c_sdk::xml` on arbitrary input (the first byte picks the
//! parser, the rest is the document): never a panic, never unbounded work. An accepted document
//! is whatever the parser returns; a refused one is an `XmlError` the caller reports as
//! ParseXmlError.
#![no_main]

use libfuzzer_sys::fuzz_target;
use oss_c_sdk::xml::{bucket, bucket_config, listing, live, multipart, object};

fuzz_target!(|data: &[u8]| {
    let Some((&which, doc)) = data.split_first() else { return };
    let _ = match which % 24 {
        0 => listing::parse_object_listing(doc).map(drop),
        1 => object::parse_acl(doc).map(drop),
        2 => object::parse_tagging(doc).map(drop),
        3 => object::parse_delete_result(doc).map(drop),
        4 => object::parse_copy_result(doc).map(drop),
        5 => multipart::parse_initiate(doc).map(drop),
        6 => multipart::parse_copy_part(doc).map(drop),
        7 => multipart::parse_list_parts(doc).map(drop),
        8 => multipart::parse_list_uploads(doc).map(drop),
        9 => bucket::parse_location(doc).map(drop),
        10 => bucket::parse_bucket_info(doc).map(drop),
        11 => bucket::parse_bucket_stat(doc).map(drop),
        12 => bucket::parse_bucket_listing(doc).map(drop),
        13 => bucket_config::parse_lifecycle(doc).map(drop),
        14 => bucket_config::parse_cors(doc).map(drop),
        15 => bucket_config::parse_referer(doc).map(drop),
        16 => bucket_config::parse_website(doc).map(drop),
        17 => bucket_config::parse_logging(doc).map(drop),
        18 => bucket_config::parse_capacity(doc).map(drop),
        19 => live::parse_config(doc).map(drop),
        20 => live::parse_create_result(doc).map(drop),
        21 => live::parse_stat(doc).map(drop),
        22 => live::parse_listing(doc).map(drop),
        _ => live::parse_history(doc).map(drop),
    };
});
