//! One GET to the API, within the page-wide rate limit, a timeout and a bound on the answer's
//! size, never following a redirect (`send`). Each endpoint's own requests are in `endpoints/`.

use js_sys::{Reflect, Uint8Array};
use missing_kbs_core::{classify_response, decode_utf8, parse_retry_after, ApiBase, ApiError, ApiRequest, ErrorKind};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    AbortSignal, Headers, ReadableStreamDefaultReader, ReferrerPolicy, RequestCache, RequestInit, RequestRedirect,
    Response, ResponseType,
};

use crate::clock::{now_ms, with_timeout};
use crate::rate_limit::{wait_for_rate_limit, RateLimitWait};

/// Where and how one load's calls are made.
pub struct Connection {
    /// Absolute: a same-origin base was resolved against the page's origin when it was read.
    pub api_base: ApiBase,
    /// Aborts every call of the load (a new load, Cancel, unmount).
    pub signal: AbortSignal,
    pub timeout_ms: u32,
    /// Told the seconds left, once a second, while a call waits for the page-wide rate limit.
    pub on_rate_limit_wait: Box<dyn Fn(u64)>,
    /// Told how many items a load has read so far, after each page.
    pub on_progress: Box<dyn Fn(usize)>,
}

/// One GET; the body of a 2xx answer, or the classified failure.
///
/// Every call first waits its turn under the page-wide rate limit (or, when it
/// may not wait, fails at once), and is aborted (as a `Timeout`) if it takes
/// longer than the connection's timeout, body included. The body is read as it
/// arrives and counted against `bytes_left`. A redirect is never followed:
/// the API does not redirect, so one means something else is answering.
pub async fn send(
    request: &ApiRequest,
    connection: &Connection,
    bytes_left: &mut usize,
    may_wait: bool,
) -> Result<String, ApiError> {
    let Connection { signal, timeout_ms, on_rate_limit_wait, .. } = connection;
    match wait_for_rate_limit(signal, may_wait.then_some(on_rate_limit_wait.as_ref())).await {
        RateLimitWait::Acquired => {}
        RateLimitWait::Aborted => return Err(ApiError::new(ErrorKind::Network)),
        RateLimitWait::WouldWait(seconds) => return Err(ApiError::new(ErrorKind::RateLimited(seconds))),
    }
    let (signal, timeout) = with_timeout(signal, *timeout_ms);
    let network_error = || {
        ApiError::new(if timeout.aborted() {
            ErrorKind::Timeout(u64::from(timeout_ms / 1000))
        } else {
            ErrorKind::Network
        })
    };
    let response = fetch(request, &signal).await.map_err(|_| network_error())?;
    if response.type_() == ResponseType::Opaqueredirect {
        return Err(ApiError::new(ErrorKind::Redirected));
    }
    let body = read_body(&response, bytes_left).await.map_err(|error| error.unwrap_or_else(network_error))?;
    if response.ok() {
        Ok(body)
    } else {
        let retry_after_secs = response.headers().get("retry-after").ok().flatten().and_then(|value| {
            parse_retry_after(&value, (now_ms() / 1000.0) as u64, |date| {
                // The browser's Date.parse reads HTTP dates; NaN (not a date) fails the check.
                let at_ms = js_sys::Date::parse(date);
                (at_ms >= 0.0).then(|| (at_ms / 1000.0) as u64)
            })
        });
        Err(classify_response(response.status(), retry_after_secs, &body))
    }
}

/// The browser's `fetch` of a GET, answered once the headers are in.
async fn fetch(request: &ApiRequest, signal: &AbortSignal) -> Result<Response, JsValue> {
    let headers = Headers::new()?;
    for (name, value) in &request.headers {
        headers.append(name, value)?;
    }
    let init = RequestInit::new();
    init.set_headers(&headers);
    // The portal's own URL is none of the API's business.
    init.set_referrer_policy(ReferrerPolicy::NoReferrer);
    init.set_redirect(RequestRedirect::Manual);
    // Answers are kept per account by the session cache alone: the browser's HTTP cache is keyed
    // by URL, not by token, so an answer cached there for one account would reach the next one,
    // and Refresh would not reach Defender at all.
    init.set_cache(RequestCache::NoStore);
    init.set_signal(Some(signal));
    let promise = leptos::prelude::window().fetch_with_str_and_init(&request.url, &init);
    Ok(JsFuture::from(promise).await?.unchecked_into())
}

/// The body as text, read chunk by chunk and never past `bytes_left` (which it
/// lowers). `Err(None)` when the stream failed (the caller tells a timeout from
/// a network failure), `Err(Some(TooLarge))` when the bound was reached.
/// Each chunk is copied straight into the wasm's memory and the whole decoded as
/// `Response.text()` does (UTF-8, a leading byte order mark dropped, each invalid
/// sequence a U+FFFD): a JavaScript string would be copied in again, one character
/// at a time by the glue, which a first visit runs before the engine has compiled it.
async fn read_body(response: &Response, bytes_left: &mut usize) -> Result<String, Option<ApiError>> {
    let Some(stream) = response.body() else { return Ok(String::new()) };
    let reader: ReadableStreamDefaultReader = stream.get_reader().unchecked_into();
    let mut body = Vec::new();
    loop {
        let chunk = JsFuture::from(reader.read()).await.map_err(|_| None)?;
        if Reflect::get(&chunk, &"done".into()).map_err(|_| None)?.is_truthy() {
            break;
        }
        let chunk: Uint8Array = Reflect::get(&chunk, &"value".into()).map_err(|_| None)?.unchecked_into();
        let length = chunk.length() as usize;
        if length > *bytes_left {
            // Stops the download; what was read is dropped with `body`.
            let _ = reader.cancel();
            return Err(Some(ApiError::new(ErrorKind::TooLarge)));
        }
        *bytes_left -= length;
        let start = body.len();
        body.resize(start + length, 0);
        chunk.copy_to(&mut body[start..]);
    }
    Ok(decode_utf8(body))
}
