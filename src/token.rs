//! Where the widget gets its bearer token: a string the host set, or the host's `getToken` function.

use js_sys::{Function, Promise};
use missing_kbs_core::{AccessToken, ApiError, ErrorKind, TokenClaims, TokenProblem};
use wasm_bindgen::JsValue;
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

/// Who `token` is for (`AccessToken::identity`), its JWT payload decoded by the browser's `atob`.
pub fn identity(token: &AccessToken) -> String {
    token.identity(decode_jwt_part)
}

/// What the token's own claims say is wrong with it for a request that needs `permission`
/// (read here, never logged, stored or sent; `TokenClaims::problem`).
pub fn token_problem(token: &AccessToken, permission: &'static str) -> Option<TokenProblem> {
    let now_secs = (crate::clock::now_ms() / 1000.0) as u64;
    TokenClaims::read(token, decode_jwt_part)?.problem(permission, now_secs)
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
