//! An answer's bytes as text, decoded as the browser's `Response.text()` decodes them.

/// `body` as UTF-8 text, as the Fetch standard's "UTF-8 decode" reads it: a leading byte
/// order mark is dropped, and each invalid sequence (each maximal subpart of one) becomes a
/// U+FFFD, which the parser then sees as an ordinary character.
///
/// ```
/// use missing_kbs_core::decode_utf8;
///
/// assert_eq!(decode_utf8(b"\xEF\xBB\xBF{\"value\":[]}".to_vec()), "{\"value\":[]}");
/// assert_eq!(decode_utf8(b"a\xFFb".to_vec()), "a\u{FFFD}b");
/// ```
pub fn decode_utf8(body: Vec<u8>) -> String {
    let mut text = match String::from_utf8(body) {
        Ok(text) => text,
        Err(error) => String::from_utf8_lossy(error.as_bytes()).into_owned(),
    };
    if text.starts_with('\u{FEFF}') {
        text.drain(..'\u{FEFF}'.len_utf8());
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn valid_text_is_kept_as_it_is() {
        let text = "{\"name\":\"Windows 10 – 更新 😀\"}";
        assert_eq!(decode_utf8(text.as_bytes().to_vec()), text);
        assert_eq!(decode_utf8(Vec::new()), "");
    }

    #[test]
    fn only_a_leading_byte_order_mark_is_dropped() {
        assert_eq!(decode_utf8(b"\xEF\xBB\xBFab".to_vec()), "ab");
        assert_eq!(decode_utf8(b"a\xEF\xBB\xBFb".to_vec()), "a\u{FEFF}b");
        // Only the first: TextDecoder drops one.
        assert_eq!(decode_utf8(b"\xEF\xBB\xBF\xEF\xBB\xBFa".to_vec()), "\u{FEFF}a");
    }

    #[test]
    fn each_maximal_invalid_subpart_becomes_one_replacement_character() {
        // What TextDecoder('utf-8') gives for the same bytes (WHATWG Encoding, "UTF-8 decoder").
        assert_eq!(decode_utf8(b"a\xFFb".to_vec()), "a\u{FFFD}b");
        // A truncated three-byte sequence is one maximal subpart.
        assert_eq!(decode_utf8(b"a\xE2\x82b".to_vec()), "a\u{FFFD}b");
        // An overlong encoding and a surrogate: each byte on its own.
        assert_eq!(decode_utf8(b"\xC0\xAF".to_vec()), "\u{FFFD}\u{FFFD}");
        assert_eq!(decode_utf8(b"\xED\xA0\x80".to_vec()), "\u{FFFD}\u{FFFD}\u{FFFD}");
        // A truncated sequence at the very end.
        assert_eq!(decode_utf8(b"ok\xF0\x9F\x98".to_vec()), "ok\u{FFFD}");
        // A byte order mark after a replacement is not leading.
        assert_eq!(decode_utf8(b"\xFF\xEF\xBB\xBF".to_vec()), "\u{FFFD}\u{FEFF}");
    }
}
