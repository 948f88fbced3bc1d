//! The Content-Type an upload gets when the caller sets none: from the extension of the file
//! name (uploads from a file) or of the key, as the official SDK does, with the same mapping (the
//! common nginx `mime.types` entries); anything else is `application/octet-stream`.

/// What OSS stores for bytes of unknown type.
pub const DEFAULT: &str = "application/octet-stream";

/// Types by extension, grouped by type.
const TYPES: &[(&str, &[&str])] = &[
    ("text/html", &["html", "htm", "shtml"]),
    ("text/css", &["css"]),
    ("text/xml", &["xml"]),
    ("text/plain", &["txt"]),
    ("text/mathml", &["mml"]),
    ("text/vnd.sun.j2me.app-descriptor", &["jad"]),
    ("text/vnd.wap.wml", &["wml"]),
    ("text/x-component", &["htc"]),
    ("image/gif", &["gif"]),
    ("image/jpeg", &["jpeg", "jpg"]),
    ("image/png", &["png"]),
    ("image/svg+xml", &["svg", "svgz"]),
    ("image/tiff", &["tif", "tiff"]),
    ("image/vnd.wap.wbmp", &["wbmp"]),
    ("image/webp", &["webp"]),
    ("image/x-icon", &["ico"]),
    ("image/x-jng", &["jng"]),
    ("image/x-ms-bmp", &["bmp"]),
    ("audio/midi", &["mid", "midi", "kar"]),
    ("audio/mpeg", &["mp3"]),
    ("audio/ogg", &["ogg"]),
    ("audio/x-m4a", &["m4a"]),
    ("audio/x-realaudio", &["ra"]),
    ("video/3gpp", &["3gpp", "3gp"]),
    ("video/mp4", &["mp4"]),
    ("video/mpeg", &["mpeg", "mpg"]),
    ("video/quicktime", &["mov"]),
    ("video/webm", &["webm"]),
    ("video/x-flv", &["flv"]),
    ("video/x-m4v", &["m4v"]),
    ("video/x-mng", &["mng"]),
    ("video/x-ms-asf", &["asx"]),
    ("application/x-javascript", &["js"]),
    ("application/atom+xml", &["atom"]),
    ("application/rss+xml", &["rss"]),
    ("application/xhtml+xml", &["xhtml"]),
    ("application/java-archive", &["jar", "war", "ear"]),
    ("application/x-java-archive-diff", &["jardiff"]),
    ("application/x-java-jnlp-file", &["jnlp"]),
    ("application/mac-binhex40", &["hqx"]),
    ("application/msword", &["doc"]),
    ("application/pdf", &["pdf"]),
    ("application/postscript", &["ps", "eps", "ai"]),
    ("application/rtf", &["rtf"]),
    ("application/vnd.ms-excel", &["xls"]),
    ("application/vnd.ms-powerpoint", &["ppt"]),
    ("application/vnd.wap.wmlc", &["wmlc"]),
    ("application/vnd.google-earth.kml+xml", &["kml"]),
    ("application/vnd.google-earth.kmz", &["kmz"]),
    ("application/x-7z-compressed", &["7z"]),
    ("application/x-cocoa", &["cco"]),
    ("application/x-makeself", &["run"]),
    ("application/x-nokia-widget", &["wgz"]),
    ("application/x-perl", &["pl", "pm"]),
    ("application/x-pilot", &["prc", "pdb"]),
    ("application/x-rar-compressed", &["rar"]),
    ("application/x-redhat-package-manager", &["rpm"]),
    ("application/x-sea", &["sea"]),
    ("application/x-shockwave-flash", &["swf"]),
    ("application/x-stuffit", &["sit"]),
    ("application/x-tcl", &["tcl", "tk"]),
    ("application/x-x509-ca-cert", &["der", "pem", "crt"]),
    ("application/x-xpinstall", &["xpi"]),
    ("application/zip", &["zip"]),
    (DEFAULT, &["bin", "exe", "dll", "deb", "dmg", "eot", "iso", "img", "msi", "msp", "msm"]),
];

/// The type for a name: by the text after its last `.` (any case), else [`DEFAULT`].
pub fn content_type_for(name: &str) -> &'static str {
    let Some((_, extension)) = name.rsplit_once('.') else {
        return DEFAULT;
    };
    TYPES
        .iter()
        .find(|(_, extensions)| extensions.iter().any(|e| e.eq_ignore_ascii_case(extension)))
        .map_or(DEFAULT, |(content_type, _)| content_type)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn by_last_extension_in_any_case() {
        assert_eq!(content_type_for("a/b.JPG"), "image/jpeg");
        assert_eq!(content_type_for("archive.tar.zip"), "application/zip");
        assert_eq!(content_type_for("page.html"), "text/html");
        assert_eq!(content_type_for("script.js"), "application/x-javascript");
        assert_eq!(content_type_for("data.json"), DEFAULT);
        assert_eq!(content_type_for("noextension"), DEFAULT);
        assert_eq!(content_type_for("dir.d/"), DEFAULT);
    }
}
