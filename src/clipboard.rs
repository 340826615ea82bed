//! Copying text for the user.

use leptos::prelude::window;

/// Copies text to the clipboard, made safe to paste into a spreadsheet (`clipboard_text`);
/// a refusal (no permission, insecure page) is ignored, since the text stays visible and selectable.
pub fn copy_to_clipboard(text: &str) {
    let promise = window().navigator().clipboard().write_text(&missing_kbs_core::clipboard_text(text));
    leptos::task::spawn_local(async move {
        let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
    });
}
