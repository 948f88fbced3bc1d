//! The checkpoint reader on arbitrary bytes: never a panic, and what it
//! accepts is self-consistent (the valid prefix parses to the same records).
#![no_main]

use libfuzzer_sys::fuzz_target;
use oss_c_sdk::download::checkpoint::parse;

fuzz_target!(|data: &[u8]| {
    if let Some(parsed) = parse(data) {
        assert!(parsed.valid_len <= data.len());
        let again = parse(&data[..parsed.valid_len]).expect("the valid prefix parses");
        assert_eq!(again.parts, parsed.parts);
        assert_eq!(again.identity, parsed.identity);
        assert_eq!(again.valid_len, parsed.valid_len);
    }
});
