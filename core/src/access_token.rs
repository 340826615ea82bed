//! The bearer token, kept out of logs by construction.

use std::fmt;

use thiserror::Error;

/// An OAuth access token for the Defender API.
///
/// It has no `Display`, and its `Debug` prints a placeholder, so formatting a
/// value that holds it (an error, a request, a log line) cannot leak it.
///
/// ```
/// use missing_kbs_core::AccessToken;
///
/// let token = AccessToken::new("secret-value").unwrap();
/// assert_eq!(format!("{token:?}"), "AccessToken(<redacted>)");
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct AccessToken(String);

#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum AccessTokenError {
    #[error("The sign-in gave no access token.")]
    Empty,
    #[error("The access token has spaces or control characters, so it cannot be sent in a header.")]
    NotAHeaderValue,
}

impl AccessToken {
    pub fn new(raw: &str) -> Result<Self, AccessTokenError> {
        if raw.is_empty() {
            return Err(AccessTokenError::Empty);
        }
        // Header values must be visible ASCII; anything else would be refused
        // by fetch with an error that could echo the value.
        if !raw.bytes().all(|b| b.is_ascii_graphic()) {
            return Err(AccessTokenError::NotAHeaderValue);
        }
        Ok(Self(raw.to_owned()))
    }

    /// The `Authorization` header value.
    pub fn bearer_header(&self) -> String {
        format!("Bearer {}", self.0)
    }
}

impl fmt::Debug for AccessToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("AccessToken(<redacted>)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builds_the_bearer_header() {
        let token = AccessToken::new("abc.def-ghi").unwrap();
        assert_eq!(token.bearer_header(), "Bearer abc.def-ghi");
    }

    #[test]
    fn debug_output_never_contains_the_token() {
        let token = AccessToken::new("very-secret").unwrap();
        let shown = format!("{:?}", Some(token));
        assert!(!shown.contains("very-secret"), "{shown}");
    }

    #[test]
    fn rejects_empty_and_unsendable_tokens() {
        assert_eq!(AccessToken::new(""), Err(AccessTokenError::Empty));
        assert_eq!(AccessToken::new("a b"), Err(AccessTokenError::NotAHeaderValue));
        assert_eq!(AccessToken::new("a\r\nX-Evil: 1"), Err(AccessTokenError::NotAHeaderValue));
        assert_eq!(AccessToken::new("tökén"), Err(AccessTokenError::NotAHeaderValue));
    }
}
