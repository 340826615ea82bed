//! If the widget module ever stops, say so in every widget on the page instead of leaving broken markup.
//!
//! A panic aborts, and an abort (or running out of memory, which aborts without
//! any hook) is a wasm trap: a `WebAssembly.RuntimeError` thrown into whatever
//! JavaScript called the module. All widgets share that module, which the trap
//! leaves unusable, so `web/missing-kbs.js` catches the trap at the boundary,
//! replaces every widget's content with a plain "reload the page" card and fires
//! `missingkbs:error` with kind `panic`. Nothing here runs after a trap; this
//! module only gives that card its texts beforehand and logs a panic's message.

use wasm_bindgen::prelude::*;

use crate::dom::js_object;

/// Installs the hook once, when the module starts: a panic's message goes to the console.
pub fn install() {
    std::panic::set_hook(Box::new(console_error_panic_hook::hook));
}

/// `{tag, title, body}`: the "reload the page" card in the language a widget speaks for `requested`,
/// taken by `web/missing-kbs.js` before it is needed, since the module cannot be asked after a trap.
#[wasm_bindgen(js_name = stoppedTexts)]
pub fn stopped_texts(requested: &str) -> js_sys::Object {
    let texts = crate::host_options::choose_locale(Some(requested)).texts();
    js_object(&[
        ("tag", texts.locale.tag().into()),
        ("title", texts.widget_stopped_title.into()),
        ("body", texts.widget_stopped_body.into()),
    ])
}
