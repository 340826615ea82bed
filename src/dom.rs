//! Small browser facts the widget needs, each in one place.

use leptos::prelude::window;

/// The origin of the page the widget runs in, which a same-origin API base stands for.
pub fn page_origin() -> String {
    window().location().origin().unwrap_or_default()
}

/// Copies text to the clipboard, made safe to paste into a spreadsheet (`clipboard_text`);
/// a refusal (no permission, insecure page) is ignored, since the text stays visible and selectable.
pub fn copy_to_clipboard(text: &str) {
    let promise = window().navigator().clipboard().write_text(&missing_kbs_core::clipboard_text(text));
    leptos::task::spawn_local(async move {
        let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
    });
}

/// Offers `text` as a file download named `file_name`.
pub fn download_text(file_name: &str, mime_type: &str, text: &str) {
    use wasm_bindgen::JsCast;
    let parts = js_sys::Array::of1(&text.into());
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime_type);
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) else { return };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else { return };
    if let Some(link) = leptos::prelude::document()
        .create_element("a")
        .ok()
        .and_then(|element| element.dyn_into::<web_sys::HtmlAnchorElement>().ok())
    {
        link.set_href(&url);
        link.set_download(file_name);
        link.click();
    }
    let _ = web_sys::Url::revoke_object_url(&url);
}

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

/// "3 minutes ago", "now" and the like, in the locale's words (`Intl.RelativeTimeFormat`).
pub fn relative_age(locale: missing_kbs_core::Locale, age_ms: f64) -> String {
    let (value, unit) = match age_ms / 1000.0 {
        seconds if seconds < 60.0 => (0.0, "second"),
        seconds if seconds < 3600.0 => ((seconds / 60.0).floor(), "minute"),
        seconds => ((seconds / 3600.0).floor(), "hour"),
    };
    let options = js_object(&[("numeric", "auto".into())]);
    let format = js_sys::Intl::RelativeTimeFormat::new(&js_sys::Array::of1(&locale.tag().into()), &options);
    String::from(format.format(-value, unit))
}

/// A plain JavaScript object with these fields, for events and exports.
pub fn js_object(fields: &[(&str, wasm_bindgen::JsValue)]) -> js_sys::Object {
    let object = js_sys::Object::new();
    for (key, value) in fields {
        let _ = js_sys::Reflect::set(&object, &(*key).into(), value);
    }
    object
}
