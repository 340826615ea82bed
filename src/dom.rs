//! Small browser facts the widget needs, each in one place.

use leptos::prelude::window;

/// The origin of the page the widget runs in, which a same-origin API base stands for.
pub fn page_origin() -> String {
    window().location().origin().unwrap_or_default()
}

/// A query parameter of the page's URL.
pub fn query_param(name: &str) -> Option<String> {
    let search = window().location().search().ok()?;
    web_sys::UrlSearchParams::new_with_str(&search).ok()?.get(name)
}

/// Puts `value` in the page's URL (without a new history entry), so the view can be shared as a link.
pub fn set_query_param(name: &str, value: &str) {
    let location = window().location();
    let (Ok(search), Ok(path)) = (location.search(), location.pathname()) else { return };
    let Ok(params) = web_sys::UrlSearchParams::new_with_str(&search) else { return };
    params.set(name, value);
    let url = format!("{path}?{}{}", String::from(params.to_string()), location.hash().unwrap_or_default());
    if let Ok(history) = window().history() {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
    }
}

/// Copies text to the clipboard; a refusal (no permission, insecure page) is ignored,
/// since the text stays visible and selectable.
pub fn copy_to_clipboard(text: &str) {
    let promise = window().navigator().clipboard().write_text(text);
    leptos::task::spawn_local(async move {
        let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
    });
}
