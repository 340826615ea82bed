//! A Defender software ID that is safe to put in an API path.

use std::fmt;

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

/// The longest software ID accepted. Real IDs (`vendor-_-product`) are far
/// shorter; the bound keeps a pasted paragraph out of a URL.
pub const MAX_SOFTWARE_ID_LEN: usize = 256;

/// Everything but RFC 3986 "unreserved" characters is percent-encoded, so an
/// ID can never leave its path segment even if validation missed something.
const PATH_SEGMENT: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'_').remove(b'.').remove(b'~');

/// A software ID as Defender's inventory names it, for example
/// `microsoft-_-edge` or `microsoft-_-windows_10` (vendor `-_-` product).
///
/// ```
/// use missing_kbs_core::{SoftwareId, SoftwareIdError};
///
/// assert_eq!(SoftwareId::parse("microsoft-_-edge").unwrap().as_str(), "microsoft-_-edge");
/// assert_eq!(SoftwareId::parse("a/../b"), Err(SoftwareIdError::Slash));
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct SoftwareId(String);

/// Why a text is not a usable software ID. Each message tells the person what to change.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SoftwareIdError {
    Empty,
    TooLong(usize),
    Whitespace,
    ControlCharacter,
    Slash,
    Backslash,
    QuestionMark,
    Hash,
    Percent,
    DotDot,
    /// `.` alone: a URL parser drops it as "this folder", so `/api/Software/./getmissingkbs`
    /// would ask for `/api/Software/getmissingkbs`.
    OnlyDot,
}

impl SoftwareId {
    /// Checks `raw` exactly as given; callers that take typed input trim it first.
    pub fn parse(raw: &str) -> Result<Self, SoftwareIdError> {
        if raw.is_empty() {
            return Err(SoftwareIdError::Empty);
        }
        let len = raw.chars().count();
        if len > MAX_SOFTWARE_ID_LEN {
            return Err(SoftwareIdError::TooLong(len));
        }
        for c in raw.chars() {
            let problem = match c {
                c if c.is_whitespace() => SoftwareIdError::Whitespace,
                c if c.is_control() || is_invisible_format_char(c) => SoftwareIdError::ControlCharacter,
                '/' => SoftwareIdError::Slash,
                '\\' => SoftwareIdError::Backslash,
                '?' => SoftwareIdError::QuestionMark,
                '#' => SoftwareIdError::Hash,
                '%' => SoftwareIdError::Percent,
                _ => continue,
            };
            return Err(problem);
        }
        if raw.contains("..") {
            return Err(SoftwareIdError::DotDot);
        }
        if raw == "." {
            return Err(SoftwareIdError::OnlyDot);
        }
        Ok(Self(raw.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The ID as one percent-encoded URL path segment.
    pub fn path_segment(&self) -> String {
        utf8_percent_encode(&self.0, PATH_SEGMENT).to_string()
    }
}

impl fmt::Display for SoftwareId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Zero-width and bidirectional marks are not `is_control`, yet they make two
/// IDs that look the same differ; they have no place in an inventory ID.
fn is_invisible_format_char(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_real_inventory_ids() {
        for id in [
            "microsoft-_-edge",
            "microsoft-_-windows_10",
            "microsoft-_-windows_server_2019",
            "microsoft-_-.net_framework",
            "google-_-chrome",
        ] {
            assert_eq!(SoftwareId::parse(id).unwrap().as_str(), id);
        }
    }

    #[test]
    fn rejects_each_bad_input_with_its_own_reason() {
        let cases = [
            ("", SoftwareIdError::Empty),
            ("microsoft-_- edge", SoftwareIdError::Whitespace),
            ("edge\n", SoftwareIdError::Whitespace),
            ("edge\u{0}", SoftwareIdError::ControlCharacter),
            ("ed\u{200B}ge", SoftwareIdError::ControlCharacter),
            ("ed\u{202E}ge", SoftwareIdError::ControlCharacter),
            ("a/b", SoftwareIdError::Slash),
            ("a\\b", SoftwareIdError::Backslash),
            ("edge?x=1", SoftwareIdError::QuestionMark),
            ("edge#top", SoftwareIdError::Hash),
            ("edge%2F", SoftwareIdError::Percent),
            ("..", SoftwareIdError::DotDot),
            ("microsoft-_-..", SoftwareIdError::DotDot),
            (".", SoftwareIdError::OnlyDot),
        ];
        for (raw, expected) in cases {
            assert_eq!(SoftwareId::parse(raw), Err(expected), "input {raw:?}");
        }
    }

    #[test]
    fn every_accepted_id_is_one_path_segment_a_url_parser_keeps() {
        // The URL standard drops `.` and `..` segments (also as `%2e`); `%` is refused, and
        // everything else but unreserved characters is encoded.
        for raw in [".", "..", "...", "%2e", "%2E%2e", ".%2e"] {
            assert!(SoftwareId::parse(raw).is_err(), "{raw:?}");
        }
        for raw in [".net", "a.b", ".-_-.net", "~"] {
            assert_eq!(SoftwareId::parse(raw).unwrap().path_segment(), raw);
        }
    }

    #[test]
    fn length_limit_counts_characters_not_bytes() {
        let longest = "é".repeat(MAX_SOFTWARE_ID_LEN);
        assert!(SoftwareId::parse(&longest).is_ok());
        let too_long = "a".repeat(MAX_SOFTWARE_ID_LEN + 1);
        assert_eq!(SoftwareId::parse(&too_long), Err(SoftwareIdError::TooLong(257)));
    }

    #[test]
    fn messages_name_the_problem() {
        assert_eq!(SoftwareIdError::Slash.to_string(), "A software ID has no “/”.");
        assert!(SoftwareIdError::TooLong(300).to_string().contains("300"));
    }

    #[test]
    fn path_segment_keeps_unreserved_characters_and_encodes_the_rest() {
        let id = SoftwareId::parse("microsoft-_-.net_framework~4").unwrap();
        assert_eq!(id.path_segment(), "microsoft-_-.net_framework~4");
        let odd = SoftwareId::parse("vendor-_-app:1;x=<y>&é").unwrap();
        assert_eq!(odd.path_segment(), "vendor-_-app%3A1%3Bx%3D%3Cy%3E%26%C3%A9");
    }
}
