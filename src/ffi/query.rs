//! `aos_query_params_to_string`: a query-parameter table as the `?a&b=x` string of a URL.
#![deny(unsafe_op_in_unsafe_fn)]

use std::ffi::c_int;

use super::boundary::{entry_or, try_mut, try_ref};
use super::define::aos_error_code_e;
use super::pool::aos_pool_t;
use super::string::aos_string_t;
use super::table::aos_table_t;
use crate::codec;

const OK: c_int = aos_error_code_e::AOSE_OK as c_int;
const INVALID_ARGUMENT: c_int = aos_error_code_e::AOSE_INVALID_ARGUMENT as c_int;
/// `AOS_MAX_QUERY_ARG_LEN`: the longest key, value, or encoded `key=value`.
const MAX_QUERY_ARG_LEN: usize = 1024;

/// The query string of `params`, in order: `?k1=v1&k2` (keys and values percent-encoded, an
/// empty value written as the bare key). `None` if a key, a value or an encoded pair is longer
/// than `AOS_MAX_QUERY_ARG_LEN`.
fn query_string<'a>(params: impl Iterator<Item = (&'a [u8], &'a [u8])>) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    for (i, (key, value)) in params.enumerate() {
        if key.len() > MAX_QUERY_ARG_LEN || value.len() > MAX_QUERY_ARG_LEN {
            return None;
        }
        let mut arg = vec![if i == 0 { b'?' } else { b'&' }];
        arg.extend(codec::url_encode(key, false));
        if !value.is_empty() {
            arg.push(b'=');
            arg.extend(codec::url_encode(value, false));
            if arg.len() > MAX_QUERY_ARG_LEN {
                return None;
            }
        }
        out.extend(arg);
    }
    Some(out)
}

/// Writes the query string of `query_params` (`?a&b=x`, percent-encoded, in order; in the pool)
/// to `*querystr`. An empty (or NULL) table leaves `*querystr` unchanged. AOSE_OK, or
/// AOSE_INVALID_ARGUMENT for an argument longer than `AOS_MAX_QUERY_ARG_LEN`, a NULL `p` or
/// `querystr`.
#[no_mangle]
pub unsafe extern "C" fn aos_query_params_to_string(
    p: *mut aos_pool_t,
    query_params: *mut aos_table_t,
    querystr: *mut aos_string_t,
) -> c_int {
    entry_or("aos_query_params_to_string", INVALID_ARGUMENT, || {
        let pool = try_ref!(p, INVALID_ARGUMENT);
        let querystr = try_mut!(querystr, INVALID_ARGUMENT);
        // SAFETY: NULL or a live table (the function's contract).
        let Some(table) = (unsafe { query_params.as_ref() }) else {
            return OK;
        };
        if table.is_empty() {
            return OK;
        }
        let Some(text) = query_string(table.iter().map(|(k, v)| (k.to_bytes(), v.to_bytes()))) else {
            return INVALID_ARGUMENT;
        };
        let Ok(len) = c_int::try_from(text.len()) else {
            return INVALID_ARGUMENT;
        };
        let data = pool.strdup_bytes(&text);
        if data.is_null() {
            return aos_error_code_e::AOSE_OUT_MEMORY as c_int;
        }
        *querystr = aos_string_t { len, data };
        OK
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builds_encoded_query_strings() {
        let pairs: Vec<(&[u8], &[u8])> = vec![(b"acl", b""), (b"prefix", b"a b/c"), (b"max-keys", b"10")];
        assert_eq!(query_string(pairs.into_iter()).unwrap(), b"?acl&prefix=a%20b%2Fc&max-keys=10");
        let long = vec![b'x'; 1025];
        assert!(query_string(std::iter::once((&long[..], &b""[..]))).is_none());
        let wide = vec![b' '; 400];
        assert!(query_string(std::iter::once((&b"k"[..], &wide[..]))).is_none());
    }
}
