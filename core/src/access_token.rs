//! The bearer token, kept out of logs by construction.

use std::fmt;
use std::hash::{DefaultHasher, Hash, Hasher};

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

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AccessTokenError {
    Empty,
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
    /// same account has the same identity; a token for another account does not. The
    /// identity names its own end, so a key that starts with it is unambiguous.
    /// `read_payload` reads the claims of a JWT's payload part (`claims`).
    ///
    /// ```
    /// use missing_kbs_core::{AccessToken, TokenClaims};
    ///
    /// let account = |object: &str| TokenClaims { tenant: Some("t1".into()), object: Some(object.into()), ..TokenClaims::default() };
    /// let read = |part: &str| Some(if part == "P2" { account("o2") } else { account("o1") });
    /// let a = AccessToken::new("e30.P1.sig-a").unwrap();
    /// let a_refreshed = AccessToken::new("e30.P1.sig-b").unwrap();
    /// let b = AccessToken::new("e30.P2.sig-c").unwrap();
    /// assert_eq!(a.identity(read), a_refreshed.identity(read));
    /// assert_ne!(a.identity(read), b.identity(read));
    /// ```
    pub fn identity(&self, read_payload: impl FnOnce(&str) -> Option<TokenClaims>) -> String {
        self.account(read_payload).unwrap_or_else(|| {
            let mut hasher = DefaultHasher::new();
            self.0.hash(&mut hasher);
            format!("token {}", hasher.finish())
        })
    }

    /// The account the token's claims name (`tid` and `oid`), written as [`AccessToken::identity`]
    /// writes it, or `None` when its claims do not say: two tokens are known to be for different
    /// accounts only when both name theirs.
    pub fn account(&self, read_payload: impl FnOnce(&str) -> Option<TokenClaims>) -> Option<String> {
        match self.claims(read_payload)? {
            // Each claim's length before it: no two pairs of claims make one key, whatever they hold.
            TokenClaims { tenant: Some(tenant), object: Some(object), .. } => {
                Some(format!("account {}:{tenant} {}:{object}", tenant.len(), object.len()))
            }
            _ => None,
        }
    }

    /// The claims of a JWT (`header.payload.signature`, base64url JSON), or `None` for any
    /// other token. `read_payload` reads the payload part: the widget decodes it with the
    /// browser's `atob`, parses it with `JSON.parse` and reads it with `TokenClaims::read`,
    /// so the wasm holds no base64 or JSON reader of its own for it.
    pub fn claims(&self, read_payload: impl FnOnce(&str) -> Option<TokenClaims>) -> Option<TokenClaims> {
        let mut parts = self.0.split('.');
        let (_header, payload, _signature) = (parts.next()?, parts.next()?, parts.next()?);
        if parts.next().is_some() || payload.is_empty() {
            return None;
        }
        read_payload(payload)
    }
}

/// The claims of an access token that the widget reads, locally: never logged, stored or sent.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct TokenClaims {
    /// `tid`: the Microsoft Entra tenant.
    pub tenant: Option<String>,
    /// `oid`: the user (or app) in that tenant.
    pub object: Option<String>,
    /// `aud`: the API the token is for.
    pub audience: Option<String>,
    /// `scp` (delegated, space-separated) and `roles` (application) together: what it may do.
    pub permissions: Vec<String>,
    /// `exp`: when it expires, in seconds since 1970.
    pub expires: Option<u64>,
}

/// What a token's claims say is wrong with it for a request that needs `permission`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TokenProblem {
    /// Its `exp` has passed.
    Expired,
    /// Its `aud` is another API (shown, cut to 100 characters).
    WrongAudience(String),
    /// Neither `scp` nor `roles` holds the permission (such as `Vulnerability.Read`).
    MissingPermission(&'static str),
}

/// The audiences of a Defender for Endpoint API token: its application ID
/// (WindowsDefenderATP) and the API's URIs of every cloud, which all name the
/// security center (`https://api.securitycenter.microsoft.com`,
/// `https://api-gov.securitycenter.microsoft.us`, `https://securitycenter.onmicrosoft.com/windowsatpservice`)
/// or the security API (`https://api.security.microsoft.com`); see
/// <https://learn.microsoft.com/defender-endpoint/api/exposed-apis-create-app-nativeapp>.
const DEFENDER_APP_ID: &str = "fc780465-2017-40d4-a0c5-307022471b92";

impl TokenClaims {
    /// What is wrong with the token for a request that needs `permission` (`Software.Read`,
    /// `Vulnerability.Read`; its `.All` application form counts), at `now_secs`; `None` when
    /// the claims show nothing wrong (or there are none to read).
    ///
    /// ```
    /// use missing_kbs_core::{TokenClaims, TokenProblem};
    ///
    /// let claims = TokenClaims {
    ///     audience: Some("https://api.securitycenter.microsoft.com".into()),
    ///     permissions: vec!["Software.Read".into()],
    ///     expires: Some(2_000),
    ///     ..TokenClaims::default()
    /// };
    /// assert_eq!(claims.problem("Software.Read", 1_000), None);
    /// assert_eq!(claims.problem("Vulnerability.Read", 1_000), Some(TokenProblem::MissingPermission("Vulnerability.Read")));
    /// assert_eq!(claims.problem("Software.Read", 3_000), Some(TokenProblem::Expired));
    /// ```
    pub fn problem(&self, permission: &'static str, now_secs: u64) -> Option<TokenProblem> {
        if self.expires.is_some_and(|expires| expires <= now_secs) {
            return Some(TokenProblem::Expired);
        }
        if let Some(audience) = &self.audience {
            let lower = audience.to_ascii_lowercase();
            let defender = lower == DEFENDER_APP_ID
                || lower.contains("securitycenter")
                || lower.contains("api.security.microsoft");
            if !defender {
                return Some(TokenProblem::WrongAudience(audience.chars().take(100).collect()));
            }
        }
        let granted = |held: &String| held == permission || held.strip_prefix(permission) == Some(".All");
        (self.audience.is_some() && !self.permissions.iter().any(granted))
            .then_some(TokenProblem::MissingPermission(permission))
    }
}

/// A JWT payload, parsed: its fields as the JSON reader that parsed it gives them.
pub trait ClaimSource {
    /// The field `key` if it is a string.
    fn text(&self, key: &str) -> Option<String>;
    /// The strings of the field `key` if it is an array (its other items left out).
    fn texts(&self, key: &str) -> Vec<String>;
    /// The field `key` if it is a whole number from 0.
    fn count(&self, key: &str) -> Option<u64>;
}

impl TokenClaims {
    /// The claims of a parsed JWT payload: `scp` is a space-separated string, `roles` an
    /// array; a field of another shape counts as missing.
    pub fn read(payload: &impl ClaimSource) -> Self {
        let scopes = payload.text("scp").unwrap_or_default();
        let mut permissions: Vec<String> =
            scopes.split(' ').filter(|scope| !scope.is_empty()).map(str::to_owned).collect();
        permissions.extend(payload.texts("roles"));
        TokenClaims {
            tenant: payload.text("tid"),
            object: payload.text("oid"),
            audience: payload.text("aud"),
            permissions,
            expires: payload.count("exp"),
        }
    }
}

impl fmt::Debug for AccessToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("AccessToken(<redacted>)")
    }
}

#[cfg(test)]
mod tests {
    use base64::engine::general_purpose::URL_SAFE_NO_PAD;
    use base64::Engine;

    use super::*;

    /// Stands in for what the widget passes: the payload decoded (`atob`), parsed
    /// (`JSON.parse`; an object, an array included, or nothing) and read.
    fn read(part: &str) -> Option<TokenClaims> {
        let text = String::from_utf8(URL_SAFE_NO_PAD.decode(part.trim_end_matches('=')).ok()?).ok()?;
        let payload: serde_json::Value = serde_json::from_str(&text).ok()?;
        (payload.is_object() || payload.is_array()).then(|| TokenClaims::read(&Json(payload)))
    }

    /// A payload as serde_json parsed it, where the widget has what `JSON.parse` gives.
    struct Json(serde_json::Value);

    impl ClaimSource for Json {
        fn text(&self, key: &str) -> Option<String> {
            self.0.get(key)?.as_str().map(str::to_owned)
        }

        fn texts(&self, key: &str) -> Vec<String> {
            let items = self.0.get(key).and_then(serde_json::Value::as_array);
            items.into_iter().flatten().filter_map(|item| item.as_str().map(str::to_owned)).collect()
        }

        fn count(&self, key: &str) -> Option<u64> {
            self.0.get(key)?.as_u64()
        }
    }

    #[test]
    fn reads_audience_permissions_and_expiry_and_names_what_is_wrong() {
        let delegated = jwt(
            r#"{"aud":"https://api.securitycenter.microsoft.com","scp":"Software.Read  Machine.Read","exp":2000}"#,
            "sig",
        );
        let claims = delegated.claims(read).unwrap();
        assert_eq!(claims.permissions, ["Software.Read", "Machine.Read"]);
        assert_eq!(claims.problem("Software.Read", 1_000), None);
        assert_eq!(
            claims.problem("Vulnerability.Read", 1_000),
            Some(TokenProblem::MissingPermission("Vulnerability.Read"))
        );
        assert_eq!(claims.problem("Software.Read", 2_000), Some(TokenProblem::Expired));

        let application = jwt(
            r#"{"aud":"fc780465-2017-40d4-a0c5-307022471b92","roles":["Vulnerability.Read.All",7],"exp":"soon"}"#,
            "sig",
        );
        let claims = application.claims(read).unwrap();
        assert_eq!(claims.problem("Vulnerability.Read", u64::MAX), None);
        assert_eq!(claims.problem("Software.Read", 0), Some(TokenProblem::MissingPermission("Software.Read")));

        let graph = jwt(r#"{"aud":"https://graph.microsoft.com","scp":"Software.Read"}"#, "sig");
        let claims = graph.claims(read).unwrap();
        assert_eq!(
            claims.problem("Software.Read", 0),
            Some(TokenProblem::WrongAudience("https://graph.microsoft.com".into()))
        );
        // A "Software.ReadWrite" does not hold "Software.Read"'s place by its prefix.
        let near = jwt(r#"{"aud":"https://api.security.microsoft.com","scp":"Software.ReadWrite"}"#, "sig");
        assert!(near.claims(read).unwrap().problem("Software.Read", 0).is_some());
        // No claims to read: nothing to say.
        assert_eq!(AccessToken::new("opaque").unwrap().claims(read), None);
    }

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
        assert_eq!(
            a.claims(read),
            Some(TokenClaims {
                tenant: Some("t1".into()),
                object: Some("o1".into()),
                expires: Some(1),
                ..TokenClaims::default()
            })
        );
        assert_eq!(a.identity(read), jwt(r#"{"exp":2,"oid":"o1","tid":"t1"}"#, "two").identity(read));
        assert_ne!(a.identity(read), jwt(r#"{"tid":"t1","oid":"o2"}"#, "one").identity(read));
        assert_ne!(a.identity(read), jwt(r#"{"tid":"t2","oid":"o1"}"#, "one").identity(read));
        // Claims that hold the separator: each pair is its own account.
        assert_ne!(
            jwt(r#"{"tid":"contoso alice","oid":"bob"}"#, "s").identity(read),
            jwt(r#"{"tid":"contoso","oid":"alice bob"}"#, "s").identity(read)
        );
        assert_ne!(
            jwt(r#"{"tid":"t 1:o","oid":"x"}"#, "s").identity(read),
            jwt(r#"{"tid":"t","oid":"o 1:x"}"#, "s").identity(read)
        );
    }

    #[test]
    fn any_other_token_is_known_by_its_hash() {
        let opaque = AccessToken::new("mock-development-token").unwrap();
        assert_eq!(opaque.claims(read), None);
        assert!(opaque.identity(read).starts_with("token "));
        assert_eq!(opaque.account(read), None);
        assert!(!opaque.identity(read).contains("mock-development-token"));
        assert_eq!(opaque.identity(read), AccessToken::new("mock-development-token").unwrap().identity(read));
        assert_ne!(opaque.identity(read), AccessToken::new("mock-development-token2").unwrap().identity(read));
        // A JWT without both claims, or with a payload that is not JSON, is known by its hash too.
        for odd in
            [jwt(r#"{"tid":"t1"}"#, "s"), jwt("[1]", "s"), jwt("not json", "s"), AccessToken::new("a.%%%.c").unwrap()]
        {
            assert!(odd.identity(read).starts_with("token "), "{:?}", odd.claims(read));
        }
        assert_ne!(jwt(r#"{"tid":"t1"}"#, "s").identity(read), jwt(r#"{"tid":"t1"}"#, "t").identity(read));
    }
}
