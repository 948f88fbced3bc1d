//! The signed RTMP push URL of a live channel (`oss_gen_rtmp_signed_url`), built as the official
//! SDK builds it:
//!
//! - string to sign: `<expires>\n` + `playlistName:<name>\n` (the signed parameters, sorted; the
//!   official call has only this one, its value trimmed of spaces) + `/<bucket>/<channel>`;
//! - signature: base64(HMAC-SHA1(secret, string to sign)) — V1's;
//! - URL: `rtmp://<host>/<path>?playlistName=…&OSSAccessKeyId=…&Expires=…&Signature=…`, where the
//!   path is `live/<channel>` (`<bucket>/live/<channel>` for an IP endpoint, the host then being the
//!   endpoint; a domain is prefixed with the bucket unless it is a CNAME) and the path and every
//!   query value are percent-encoded with only `A-Za-z0-9-_.~` left bare — the official
//!   `aos_url_encode` encodes `/` too, so the path's slashes go out as `%2F`.
//!
//! One deliberate difference: the official code strips `strlen("rtmp://")` = 7 characters from
//! the configured endpoint whatever its scheme, so only an `http://` endpoint gives a usable host
//! there (an `https://` one gives an empty host, a scheme-less one loses its first 7 characters).
//! Here the endpoint's real scheme is removed, which gives the same URL for `http://` endpoints and
//! a usable one for the others.

use super::{uri_encode, v1};
use crate::url::Endpoint;

/// What the URL is for, and who signs it.
#[derive(Clone, Debug)]
pub struct RtmpUrlInput<'a> {
    pub endpoint: &'a Endpoint,
    pub is_cname: bool,
    pub access_key_id: &'a str,
    pub access_key_secret: &'a str,
    pub bucket: &'a str,
    pub channel: &'a str,
    pub playlist_name: &'a str,
    /// Seconds since the epoch, as the caller gave them.
    pub expires: i64,
}

/// The string the URL's signature covers.
pub fn string_to_sign(input: &RtmpUrlInput<'_>) -> String {
    format!(
        "{}\nplaylistName:{}\n/{}/{}",
        input.expires,
        input.playlist_name.trim_matches(' '),
        input.bucket,
        input.channel
    )
}

pub fn signed_url(input: &RtmpUrlInput<'_>) -> String {
    let signature = v1::signature(input.access_key_secret, &string_to_sign(input));
    let authority = &input.endpoint.authority;
    let (host, path) = if input.is_cname {
        (authority.clone(), format!("live/{}", input.channel))
    } else if input.endpoint.is_ip {
        (authority.clone(), format!("{}/live/{}", input.bucket, input.channel))
    } else {
        (format!("{}.{authority}", input.bucket), format!("live/{}", input.channel))
    };
    let query = [
        ("playlistName", input.playlist_name.to_string()),
        ("OSSAccessKeyId", input.access_key_id.to_string()),
        ("Expires", input.expires.to_string()),
        ("Signature", signature),
    ];
    let mut url = format!("rtmp://{host}/{}", uri_encode(&path, false));
    for (i, (name, value)) in query.iter().enumerate() {
        url.push(if i == 0 { '?' } else { '&' });
        url.push_str(name);
        url.push('=');
        url.push_str(&uri_encode(value, false));
    }
    url
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input<'a>(endpoint: &'a Endpoint, secret: &'a str) -> RtmpUrlInput<'a> {
        RtmpUrlInput {
            endpoint,
            is_cname: false,
            access_key_id: "LTAI5tLocalTestKey",
            access_key_secret: secret,
            bucket: "test-bucket",
            channel: "test-channel",
            playlist_name: "playlist.m3u8",
            expires: 1_700_000_000,
        }
    }

    // The signatures below were computed independently of this code, in a shell, with Python's
    // standard library:
    //   python3 -c "import hmac,hashlib,base64; print(base64.b64encode(hmac.new(SECRET, STS.encode(),
    //               hashlib.sha1).digest()).decode())"
    // with SECRET = b'LocalTestSecret0123456789abcdef' and
    // STS = '1700000000\nplaylistName:playlist.m3u8\n/test-bucket/test-channel'
    //   -> OSUQhQS3ISmkLYUPlmSyQo49hlU=
    // and SECRET = b'sk', STS = '4102444800\nplaylistName:a b.m3u8\n/bkt/ch 1'
    //   -> w0t8v0fXzfcMVGV2A26b/xmdJvk=
    #[test]
    fn a_virtual_hosted_url_matches_the_independently_computed_vector() {
        let endpoint = Endpoint::parse("http://oss-cn-hangzhou.aliyuncs.com").unwrap();
        let input = input(&endpoint, "LocalTestSecret0123456789abcdef");
        assert_eq!(string_to_sign(&input), "1700000000\nplaylistName:playlist.m3u8\n/test-bucket/test-channel");
        assert_eq!(
            signed_url(&input),
            "rtmp://test-bucket.oss-cn-hangzhou.aliyuncs.com/live%2Ftest-channel?playlistName=playlist.m3u8\
             &OSSAccessKeyId=LTAI5tLocalTestKey&Expires=1700000000&Signature=OSUQhQS3ISmkLYUPlmSyQo49hlU%3D"
        );
    }

    #[test]
    fn ip_and_cname_endpoints_and_encoded_names() {
        let ip = Endpoint::parse("http://127.0.0.1:9000").unwrap();
        let mut i = input(&ip, "sk");
        (i.bucket, i.channel, i.playlist_name, i.expires, i.access_key_id) =
            ("bkt", "ch 1", "a b.m3u8", 4102444800, "ak");
        assert_eq!(
            signed_url(&i),
            "rtmp://127.0.0.1:9000/bkt%2Flive%2Fch%201?playlistName=a%20b.m3u8&OSSAccessKeyId=ak&Expires=4102444800\
             &Signature=w0t8v0fXzfcMVGV2A26b%2FxmdJvk%3D"
        );
        let cname = Endpoint::parse("https://video.example.com").unwrap();
        let mut c = input(&cname, "LocalTestSecret0123456789abcdef");
        c.is_cname = true;
        assert!(signed_url(&c).starts_with("rtmp://video.example.com/live%2Ftest-channel?playlistName="));
        assert!(signed_url(&c).ends_with("&Signature=OSUQhQS3ISmkLYUPlmSyQo49hlU%3D"));
    }
}
