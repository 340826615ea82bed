//! The bearer token, kept out of logs by construction.

use std::fmt;
use std::hash::{DefaultHasher, Hash, Hasher};

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use serde::de::{IgnoredAny, MapAccess};
use serde::Deserialize;
use thiserror::Error;

use crate::lenient::{next_text, Lenient, LenientValue};

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

    /// Who the token is for, to key what was loaded with it: the tenant and
    /// user (`tid` and `oid` of a Microsoft Entra access token, read from its
    /// payload without checking the signature, which is the API's job), or a
    /// hash of the token when it is not such a JWT. A refreshed token for the
    /// same account has the same identity; a token for another account does not.
    ///
    /// ```
    /// use missing_kbs_core::AccessToken;
    ///
    /// // {"tid":"t1","oid":"o1"} and {"tid":"t1","oid":"o2"}, base64url-encoded.
    /// let a = AccessToken::new("e30.eyJ0aWQiOiJ0MSIsIm9pZCI6Im8xIn0.sig-a").unwrap();
    /// let a_refreshed = AccessToken::new("e30.eyJ0aWQiOiJ0MSIsIm9pZCI6Im8xIn0.sig-b").unwrap();
    /// let b = AccessToken::new("e30.eyJ0aWQiOiJ0MSIsIm9pZCI6Im8yIn0.sig-c").unwrap();
    /// assert_eq!(a.identity(), a_refreshed.identity());
    /// assert_ne!(a.identity(), b.identity());
    /// ```
    pub fn identity(&self) -> String {
        match TokenClaims::read(self) {
            Some(TokenClaims { tenant: Some(tenant), object: Some(object) }) => format!("account {tenant} {object}"),
            _ => {
                let mut hasher = DefaultHasher::new();
                self.0.hash(&mut hasher);
                format!("token {}", hasher.finish())
            }
        }
    }
}

/// The claims of an access token that the widget reads, locally: never logged, stored or sent.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct TokenClaims {
    /// `tid`: the Microsoft Entra tenant.
    pub tenant: Option<String>,
    /// `oid`: the user (or app) in that tenant.
    pub object: Option<String>,
}

impl TokenClaims {
    /// The payload of a JWT (`header.payload.signature`, base64url JSON), or `None` for any other token.
    pub fn read(token: &AccessToken) -> Option<Self> {
        let mut parts = token.0.split('.');
        let (_header, payload, _signature) = (parts.next()?, parts.next()?, parts.next()?);
        if parts.next().is_some() {
            return None;
        }
        let json = URL_SAFE_NO_PAD.decode(payload.trim_end_matches('=')).ok()?;
        serde_json::from_str::<Lenient<TokenClaims>>(std::str::from_utf8(&json).ok()?).ok()?.0
    }
}

#[derive(Deserialize)]
#[serde(field_identifier)]
enum ClaimKey {
    #[serde(rename = "tid")]
    Tenant,
    #[serde(rename = "oid")]
    Object,
    #[serde(other)]
    Other,
}

impl LenientValue for TokenClaims {
    fn from_object<'de, A: MapAccess<'de>>(mut object: A) -> Result<Option<Self>, A::Error> {
        let mut claims = TokenClaims::default();
        while let Some(key) = object.next_key()? {
            match key {
                ClaimKey::Tenant => claims.tenant = next_text(&mut object)?,
                ClaimKey::Object => claims.object = next_text(&mut object)?,
                ClaimKey::Other => drop(object.next_value::<IgnoredAny>()?),
            }
        }
        Ok(Some(claims))
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

    /// A JWT whose payload is `claims`, as the tests of the cache and the e2e pages make them.
    fn jwt(claims: &str, signature: &str) -> AccessToken {
        AccessToken::new(&format!("e30.{}.{signature}", URL_SAFE_NO_PAD.encode(claims))).unwrap()
    }

    #[test]
    fn the_identity_is_the_account_of_a_jwt() {
        let a = jwt(r#"{"tid":"t1","oid":"o1","exp":1}"#, "one");
        assert_eq!(TokenClaims::read(&a), Some(TokenClaims { tenant: Some("t1".into()), object: Some("o1".into()) }));
        assert_eq!(a.identity(), jwt(r#"{"exp":2,"oid":"o1","tid":"t1"}"#, "two").identity());
        assert_ne!(a.identity(), jwt(r#"{"tid":"t1","oid":"o2"}"#, "one").identity());
        assert_ne!(a.identity(), jwt(r#"{"tid":"t2","oid":"o1"}"#, "one").identity());
    }

    #[test]
    fn any_other_token_is_known_by_its_hash() {
        let opaque = AccessToken::new("mock-development-token").unwrap();
        assert_eq!(TokenClaims::read(&opaque), None);
        assert!(opaque.identity().starts_with("token "));
        assert!(!opaque.identity().contains("mock-development-token"));
        assert_eq!(opaque.identity(), AccessToken::new("mock-development-token").unwrap().identity());
        assert_ne!(opaque.identity(), AccessToken::new("mock-development-token2").unwrap().identity());
        // A JWT without both claims, or with a payload that is not JSON, is known by its hash too.
        for odd in
            [jwt(r#"{"tid":"t1"}"#, "s"), jwt("[1]", "s"), jwt("not json", "s"), AccessToken::new("a.%%%.c").unwrap()]
        {
            assert!(odd.identity().starts_with("token "), "{:?}", TokenClaims::read(&odd));
        }
        assert_ne!(jwt(r#"{"tid":"t1"}"#, "s").identity(), jwt(r#"{"tid":"t1"}"#, "t").identity());
    }
}
