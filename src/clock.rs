//! The browser's clock: the time, abortable waits, request timeouts and jitter.

use js_sys::{Array, Promise};
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortSignal, AddEventListenerOptions};

/// Milliseconds since the Unix epoch, from the browser's clock.
pub fn now_ms() -> f64 {
    js_sys::Date::now()
}

/// Waits `ms` milliseconds, or less if `signal` aborts. Returns whether it was aborted.
pub async fn sleep(ms: f64, signal: &AbortSignal) -> bool {
    if signal.aborted() {
        return true;
    }
    let promise = Promise::new(&mut |resolve, _reject| {
        let _ = leptos::prelude::window()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms.clamp(0.0, 2_147_483_647.0) as i32);
        let once = AddEventListenerOptions::new();
        once.set_once(true);
        let _ = signal.add_event_listener_with_callback_and_add_event_listener_options("abort", &resolve, &once);
    });
    let _ = JsFuture::from(promise).await;
    signal.aborted()
}

/// A countdown of `left_ms`: the whole seconds it shows, and how long until that number
/// changes, so a wait can tick on the second.
pub fn countdown(left_ms: f64) -> (u64, f64) {
    let seconds = (left_ms / 1000.0).ceil() as u64;
    (seconds, left_ms - seconds.saturating_sub(1) as f64 * 1000.0)
}

/// A signal that aborts when `outer` does or when `timeout_ms` has passed, and the timeout's own signal.
pub fn with_timeout(outer: &AbortSignal, timeout_ms: u32) -> (AbortSignal, AbortSignal) {
    let timeout = AbortSignal::timeout_with_u32(timeout_ms);
    let either = AbortSignal::any(&Array::of2(outer, &timeout).into());
    (either, timeout)
}

/// A number in `[0, 1)` for retry jitter.
pub fn jitter() -> f64 {
    js_sys::Math::random()
}
