//! Small browser facts the widget needs, each in one place.

use leptos::prelude::window;

/// The origin of the page the widget runs in, which a same-origin API base stands for.
pub fn page_origin() -> String {
    window().location().origin().unwrap_or_default()
}

/// Copies text to the clipboard; a refusal (no permission, insecure page) is ignored,
/// since the text stays visible and selectable.
pub fn copy_to_clipboard(text: &str) {
    let promise = window().navigator().clipboard().write_text(text);
    leptos::task::spawn_local(async move {
        let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
    });
}
