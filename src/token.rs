//! Where the widget gets its bearer token: a string the host set, or the host's `getToken` function.

use js_sys::{Array, Function, Promise, Reflect, JSON};
use missing_kbs_core::{AccessToken, ApiError, ClaimSource, ErrorKind, TokenClaims, TokenProblem};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

#[derive(Clone)]
pub enum TokenSource {
    /// A token the host passed (`token` or `setToken`); `None` until it passes one.
    Fixed(Option<AccessToken>),
    /// The host's `getToken`, called before each request so MSAL's cache can answer.
    Callback(Function),
}

impl TokenSource {
    pub fn is_refreshable(&self) -> bool {
        matches!(self, TokenSource::Callback(_))
    }

    pub async fn token(&self) -> Result<AccessToken, ApiError> {
        let unavailable = || ApiError::new(ErrorKind::TokenUnavailable);
        match self {
            TokenSource::Fixed(token) => token.clone().ok_or_else(unavailable),
            TokenSource::Callback(get_token) => {
                // The host may return a string or a Promise of one; a throw or a
                // rejection is reported without its text, which could hold anything.
                let returned = get_token.call0(&JsValue::NULL).map_err(|_| unavailable())?;
                let value = JsFuture::from(Promise::resolve(&returned)).await.map_err(|_| unavailable())?;
                let text = value.as_string().ok_or_else(unavailable)?;
                AccessToken::new(&text).map_err(|_| unavailable())
            }
        }
    }
}

/// Who `token` is for (`AccessToken::identity`).
pub fn identity(token: &AccessToken) -> String {
    token.identity(read_payload)
}

/// The account `token`'s claims name, if they do (`AccessToken::account`).
pub fn account(token: &AccessToken) -> Option<String> {
    token.account(read_payload)
}

/// What the token's own claims say is wrong with it for a request that needs `permission`
/// (read here, never logged, stored or sent; `TokenClaims::problem`).
pub fn token_problem(token: &AccessToken, permission: &'static str) -> Option<TokenProblem> {
    let now_secs = (crate::clock::now_ms() / 1000.0) as u64;
    token.claims(read_payload)?.problem(permission, now_secs)
}

/// The claims of a JWT's payload part, decoded by the browser's `atob` and parsed by its
/// `JSON.parse`: no JSON reader of the wasm's own for them (1.8 KB gzip of the first download).
fn read_payload(part: &str) -> Option<TokenClaims> {
    let payload = JSON::parse(&decode_jwt_part(part)?).ok().filter(JsValue::is_object)?;
    Some(TokenClaims::read(&ParsedPayload(payload)))
}

/// A JWT payload as `JSON.parse` gave it.
struct ParsedPayload(JsValue);

impl ParsedPayload {
    fn field(&self, key: &str) -> JsValue {
        Reflect::get(&self.0, &key.into()).unwrap_or_default()
    }
}

impl ClaimSource for ParsedPayload {
    fn text(&self, key: &str) -> Option<String> {
        self.field(key).as_string()
    }

    fn texts(&self, key: &str) -> Vec<String> {
        let Ok(items) = self.field(key).dyn_into::<Array>() else { return Vec::new() };
        items.iter().filter_map(|item| item.as_string()).collect()
    }

    fn count(&self, key: &str) -> Option<u64> {
        // A whole number from 0 that a u64 holds, as serde_json's `as_u64` reads one.
        let number = self.field(key).as_f64()?;
        (number >= 0.0 && number.fract() == 0.0 && number < u64::MAX as f64).then_some(number as u64)
    }
}

/// A base64url part of a JWT as text, by the browser's `atob`.
fn decode_jwt_part(part: &str) -> Option<String> {
    let mut base64: String = part
        .chars()
        .map(|c| match c {
            '-' => '+',
            '_' => '/',
            c => c,
        })
        .collect();
    while base64.len() % 4 != 0 {
        base64.push('=');
    }
    // atob gives one character per byte; the bytes are the payload's UTF-8.
    let bytes = leptos::prelude::window().atob(&base64).ok()?;
    let bytes: Option<Vec<u8>> = bytes.chars().map(|c| u8::try_from(u32::from(c)).ok()).collect();
    String::from_utf8(bytes?).ok()
}
