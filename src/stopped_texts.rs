//! If the widget module ever stops, say so in every widget on the page instead of leaving broken markup.
//!
//! The release build's panics abort at once (`-Cpanic=immediate-abort`, see
//! `scripts/setup.sh`), and an abort, like running out of memory, is a wasm trap:
//! a `WebAssembly.RuntimeError` thrown into whatever JavaScript called the
//! module. No Rust code runs after it, and all widgets share the module it leaves
//! unusable, so `web/missing-kbs.js` catches the trap at the boundary, replaces
//! every widget's content with a plain "reload the page" card and fires
//! `missingkbs:error` with kind `panic`. This module only gives that card its
//! texts beforehand.

use wasm_bindgen::prelude::*;

use crate::js_object::js_object;

/// `{tag, title, body}`: the "reload the page" card in the language a widget speaks for `requested`,
/// taken by `web/missing-kbs.js` before it is needed, since the module cannot be asked after a trap.
#[wasm_bindgen(js_name = stoppedTexts)]
pub fn stopped_texts(requested: &str) -> js_sys::Object {
    let texts = crate::language_catalogue::choose_locale(Some(requested)).texts();
    js_object(&[
        ("tag", texts.locale.tag().into()),
        ("title", texts.widget_stopped_title.into()),
        ("body", texts.widget_stopped_body.into()),
    ])
}
