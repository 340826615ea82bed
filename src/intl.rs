//! Numbers and ages written the locale's way, by the browser's `Intl`, and text in lower case
//! by the browser's `String.prototype.toLowerCase`.

use crate::js_object::js_object;

thread_local! {
    /// One `Intl.NumberFormat` per locale used, made once.
    static NUMBER_FORMATS: std::cell::RefCell<Vec<(&'static str, js_sys::Function)>> =
        const { std::cell::RefCell::new(Vec::new()) };
}

/// `n` written the locale's way (`1,234`, `1 234`, `1.234`), by the browser's `Intl.NumberFormat`.
pub fn format_number(locale: missing_kbs_core::Locale, n: u64) -> String {
    let tag = locale.tag();
    let format = NUMBER_FORMATS.with_borrow_mut(|formats| {
        if let Some((_, format)) = formats.iter().find(|(other, _)| *other == tag) {
            return format.clone();
        }
        let format = js_sys::Intl::NumberFormat::new(&js_sys::Array::of1(&tag.into()), &js_sys::Object::new()).format();
        formats.push((tag, format.clone()));
        format
    });
    // u64 counts of machines and CVEs are far below 2^53, where f64 stays exact.
    format
        .call1(&wasm_bindgen::JsValue::NULL, &(n as f64).into())
        .ok()
        .and_then(|text| text.as_string())
        .unwrap_or_else(|| n.to_string())
}

/// A count written the locale's way, or the language's "unknown" when Defender did not say.
pub fn format_count(texts: &missing_kbs_core::Texts, value: Option<u64>) -> String {
    value.map_or_else(|| texts.unknown.to_owned(), |n| format_number(texts.locale, n))
}

/// "3 minutes ago", "now" and the like, in the locale's words (`Intl.RelativeTimeFormat`).
pub fn relative_age(locale: missing_kbs_core::Locale, age_ms: f64) -> String {
    let (value, unit) = match age_ms / 1000.0 {
        seconds if seconds < 60.0 => (0.0, "second"),
        seconds if seconds < 3600.0 => ((seconds / 60.0).floor(), "minute"),
        seconds if seconds < 48.0 * 3600.0 => ((seconds / 3600.0).floor(), "hour"),
        seconds => ((seconds / 86_400.0).floor(), "day"),
    };
    let options = js_object(&[("numeric", "auto".into())]);
    let format = js_sys::Intl::RelativeTimeFormat::new(&js_sys::Array::of1(&locale.tag().into()), &options);
    String::from(format.format(-value, unit))
}

/// `text` in lower case, in the whole of Unicode (`missing_kbs_core::LowerCase`): by Rust when it
/// is ASCII, as device names mostly are, else by the browser's `toLowerCase`, so that the wasm
/// carries no Unicode case tables (docs/size.md).
pub fn lower_case(text: &str) -> String {
    if text.is_ascii() {
        text.to_ascii_lowercase()
    } else {
        js_sys::JsString::from(text).to_lower_case().into()
    }
}
