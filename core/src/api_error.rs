//! What a failed call means for the person who made it, and what they can do next.

use serde::de::{IgnoredAny, MapAccess};
use serde::Deserialize;
use thiserror::Error;

use crate::lenient::{next_text, Lenient, LenientValue};

/// Service error texts are shown to people; a hostile or broken answer must
/// not fill the screen.
const MAX_SERVICE_TEXT_CHARS: usize = 500;

/// The largest failed answer whose body is kept for [`ApiError::service`]: Defender's error
/// bodies take a few hundred bytes, and a longer one is not one of them.
pub const MAX_ERROR_BODY_BYTES: usize = 16 * 1024;

/// A failed call: what kind of failure, plus what the service said about it.
#[derive(Clone, PartialEq, Eq, Error)]
#[error("{kind}")]
pub struct ApiError {
    pub kind: ErrorKind,
    /// The body of the failed answer as sent, unless over [`MAX_ERROR_BODY_BYTES`]. It is read
    /// ([`ApiError::service`]) only where the failure is shown: that code is in the wasm part of
    /// the failure's view, not in the first download (ARCHITECTURE.md, "Code that loads later").
    pub body: Option<String>,
    /// On a 401 or 403: what the token's own claims say is wrong with it, if anything.
    pub token: Option<crate::access_token::TokenProblem>,
}

/// The kinds of failure, each with a message a person can act on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ErrorKind {
    BadRequest,
    Unauthorized,
    Forbidden,
    NotFound,
    Throttled {
        retry_after_secs: Option<u64>,
    },
    ServerError(u16),
    UnexpectedStatus(u16),
    Network,
    InvalidResponse,
    TokenUnavailable,
    Timeout(u64),
    /// The API never redirects; a redirect means something else answered for it.
    Redirected,
    /// One load read more than [`crate::answer_limits`] allows.
    TooLarge,
    /// The page used its share of the documented limits; waiting was cancelled.
    RateLimited(u64),
}

impl ErrorKind {
    /// Whether a fresh token may fix this failure: the rule is to ask the
    /// host's `getToken` once more and retry once after a 401.
    pub fn wants_fresh_token(&self) -> bool {
        matches!(self, ErrorKind::Unauthorized)
    }

    /// The HTTP status behind this failure, if there was an answer.
    pub fn http_status(&self) -> Option<u16> {
        match self {
            ErrorKind::BadRequest => Some(400),
            ErrorKind::Unauthorized => Some(401),
            ErrorKind::Forbidden => Some(403),
            ErrorKind::NotFound => Some(404),
            ErrorKind::Throttled { .. } => Some(429),
            ErrorKind::ServerError(status) | ErrorKind::UnexpectedStatus(status) => Some(*status),
            ErrorKind::Network
            | ErrorKind::InvalidResponse
            | ErrorKind::TokenUnavailable
            | ErrorKind::Timeout(_)
            | ErrorKind::Redirected
            | ErrorKind::TooLarge
            | ErrorKind::RateLimited(_) => None,
        }
    }

    /// A stable, short name for the kind, for events and test hooks.
    pub fn code(&self) -> &'static str {
        match self {
            ErrorKind::BadRequest => "bad-request",
            ErrorKind::Unauthorized => "unauthorized",
            ErrorKind::Forbidden => "forbidden",
            ErrorKind::NotFound => "not-found",
            ErrorKind::Throttled { .. } => "throttled",
            ErrorKind::ServerError(_) => "server-error",
            ErrorKind::UnexpectedStatus(_) => "unexpected-status",
            ErrorKind::Network => "network",
            ErrorKind::InvalidResponse => "invalid-response",
            ErrorKind::TokenUnavailable => "token-unavailable",
            ErrorKind::Timeout(_) => "timeout",
            ErrorKind::Redirected => "redirected",
            ErrorKind::TooLarge => "too-large",
            ErrorKind::RateLimited(_) => "rate-limited",
        }
    }
}

/// The body Defender sends with an error: `{"error": {"code", "message", "target"}}`.
///
/// `target` is the request's correlation id, which Microsoft support asks for.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ServiceError {
    pub code: Option<String>,
    pub message: Option<String>,
    pub target: Option<String>,
}

/// The body is the service's (or a proxy's) text: only its length is shown.
impl std::fmt::Debug for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ApiError")
            .field("kind", &self.kind)
            .field("body_bytes", &self.body.as_ref().map(String::len))
            .field("token", &self.token)
            .finish()
    }
}

impl ApiError {
    pub fn new(kind: ErrorKind) -> Self {
        Self { kind, body: None, token: None }
    }

    /// What Defender said about the failure, when its body is Defender's error body and holds
    /// anything to show.
    pub fn service(&self) -> Option<ServiceError> {
        parse_service_error(self.body.as_deref()?)
    }
}

/// Turns a non-success answer into an `ApiError`.
///
/// ```
/// use missing_kbs_core::{classify_response, ErrorKind};
///
/// let error = classify_response(429, Some(30), "");
/// assert_eq!(error.kind, ErrorKind::Throttled { retry_after_secs: Some(30) });
/// ```
/// `retry_after_secs` is the answer's `Retry-After`, read by `parse_retry_after`.
pub fn classify_response(status: u16, retry_after_secs: Option<u64>, body: &str) -> ApiError {
    let kind = match status {
        400 => ErrorKind::BadRequest,
        401 => ErrorKind::Unauthorized,
        403 => ErrorKind::Forbidden,
        404 => ErrorKind::NotFound,
        429 => ErrorKind::Throttled { retry_after_secs },
        500..=599 => ErrorKind::ServerError(status),
        _ => ErrorKind::UnexpectedStatus(status),
    };
    let body = (body.len() <= MAX_ERROR_BODY_BYTES).then(|| body.to_owned());
    ApiError { kind, body, token: None }
}

fn parse_service_error(body: &str) -> Option<ServiceError> {
    let body = serde_json::from_str::<Lenient<Envelope>>(body).ok()?.0?.error?;
    let shown = |text: Option<String>| text.and_then(|text| shown_text(&text, MAX_SERVICE_TEXT_CHARS));
    let error = ServiceError { code: shown(body.code), message: shown(body.message), target: shown(body.target) };
    (error != ServiceError::default()).then_some(error)
}

/// `{"error": {...}}`, as sent.
struct Envelope {
    error: Option<ServiceError>,
}

#[derive(Deserialize)]
#[serde(field_identifier, rename_all = "camelCase")]
enum EnvelopeKey {
    Error,
    #[serde(other)]
    Other,
}

impl LenientValue for Envelope {
    fn from_object<'de, A: MapAccess<'de>>(mut object: A) -> Result<Option<Self>, A::Error> {
        let mut envelope = Envelope { error: None };
        while let Some(key) = object.next_key()? {
            match key {
                EnvelopeKey::Error => envelope.error = object.next_value::<Lenient<_>>()?.0,
                EnvelopeKey::Other => drop(object.next_value::<IgnoredAny>()?),
            }
        }
        Ok(Some(envelope))
    }
}

#[derive(Deserialize)]
#[serde(field_identifier, rename_all = "camelCase")]
enum ServiceErrorKey {
    Code,
    Message,
    Target,
    #[serde(other)]
    Other,
}

/// The error's fields as sent, each unknown when missing or not a string.
impl LenientValue for ServiceError {
    fn from_object<'de, A: MapAccess<'de>>(mut object: A) -> Result<Option<Self>, A::Error> {
        let mut error = ServiceError::default();
        while let Some(key) = object.next_key()? {
            match key {
                ServiceErrorKey::Code => error.code = next_text(&mut object)?,
                ServiceErrorKey::Message => error.message = next_text(&mut object)?,
                ServiceErrorKey::Target => error.target = next_text(&mut object)?,
                ServiceErrorKey::Other => drop(object.next_value::<IgnoredAny>()?),
            }
        }
        Ok(Some(error))
    }
}

/// A text from the service, trimmed, without control characters and cut to
/// `max_chars`; `None` when it holds nothing to show.
pub(crate) fn shown_text(text: &str, max_chars: usize) -> Option<String> {
    let text: String = text.chars().filter(|c| !c.is_control()).take(max_chars).collect();
    let text = text.trim();
    (!text.is_empty()).then(|| text.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_status_gets_its_kind() {
        let cases = [
            (400, ErrorKind::BadRequest),
            (401, ErrorKind::Unauthorized),
            (403, ErrorKind::Forbidden),
            (404, ErrorKind::NotFound),
            (429, ErrorKind::Throttled { retry_after_secs: None }),
            (500, ErrorKind::ServerError(500)),
            (503, ErrorKind::ServerError(503)),
            (418, ErrorKind::UnexpectedStatus(418)),
        ];
        for (status, kind) in cases {
            let error = classify_response(status, None, "");
            assert_eq!(error.kind, kind);
            assert_eq!(error.kind.http_status(), Some(status));
            assert_eq!(error.service(), None);
        }
    }

    #[test]
    fn messages_say_what_to_do() {
        assert!(ErrorKind::Forbidden.to_string().contains("Software.Read"));
        assert!(ErrorKind::NotFound.to_string().contains("inventory"));
        assert!(ErrorKind::Unauthorized.to_string().contains("Sign in again"));
        assert!(ErrorKind::Network.to_string().contains("CORS"));
        assert!(classify_response(429, Some(30), "").to_string().contains("30 s"));
        assert!(classify_response(429, None, "").to_string().contains("a minute"));
    }

    #[test]
    fn reads_the_defender_error_body() {
        let body = r#"{"error":{"code":"Forbidden","message":"The application does not have any of the required application permissions (Software.Read.All) to access the resource.","target":"b5d8f12a-4c1e-4f7e-9d3a-0c5b1e2f3a4d"}}"#;
        let error = classify_response(403, None, body);
        let service = error.service().unwrap();
        assert_eq!(service.code.as_deref(), Some("Forbidden"));
        assert!(service.message.unwrap().starts_with("The application does not have"));
        assert_eq!(service.target.as_deref(), Some("b5d8f12a-4c1e-4f7e-9d3a-0c5b1e2f3a4d"));
    }

    #[test]
    fn odd_error_bodies_are_ignored_or_tamed() {
        assert_eq!(classify_response(500, None, "<html>Bad gateway</html>").service(), None);
        assert_eq!(classify_response(500, None, r#"{"error":{"code":7,"message":null}}"#).service(), None);
        assert_eq!(classify_response(500, None, r#"{"error":"boom"}"#).service(), None);
        let long = format!(r#"{{"error":{{"message":"{}\u0007end"}}}}"#, "x".repeat(5000));
        let message = classify_response(500, None, &long).service().unwrap().message.unwrap();
        assert_eq!(message.chars().count(), MAX_SERVICE_TEXT_CHARS);
        assert!(!message.contains('\u{7}'));
        let too_long = format!(r#"{{"error":{{"message":"hi"}},"padding":"{}"}}"#, " ".repeat(MAX_ERROR_BODY_BYTES));
        assert_eq!(classify_response(500, None, &too_long).body, None);
        let debug = format!("{:?}", classify_response(500, None, r#"{"error":{"message":"secret detail"}}"#));
        assert!(debug.contains("body_bytes: Some(37)") && !debug.contains("secret"), "{debug}");
    }

    #[test]
    fn kinds_have_stable_codes() {
        assert_eq!(ErrorKind::Throttled { retry_after_secs: Some(1) }.code(), "throttled");
        assert_eq!(ErrorKind::InvalidResponse.code(), "invalid-response");
        assert_eq!(ErrorKind::Network.http_status(), None);
    }

    #[test]
    fn only_a_401_asks_for_a_fresh_token() {
        assert!(ErrorKind::Unauthorized.wants_fresh_token());
        for kind in
            [ErrorKind::Forbidden, ErrorKind::NotFound, ErrorKind::TokenUnavailable, ErrorKind::ServerError(503)]
        {
            assert!(!kind.wants_fresh_token(), "{kind:?}");
        }
    }
}
