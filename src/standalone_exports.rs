//! What `web/standalone.js` asks of the wasm: the standalone page's texts (`pageTexts`), its
//! `config.json`, checked by the core (`standaloneConfig`), and the finder's part early
//! (`prepareFinder`). Their code and texts are a wasm part of
//! the standalone page's own, which portals never load (`standalone_page.rs`, through `parts.rs`).

use js_sys::Promise;
use missing_kbs_core::Locale;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::future_to_promise;

use crate::language_catalogue::choose_locale;
use crate::standalone_page::StandaloneQuestion;

/// Returns `{mode: "mock", apiBase, token}` or `{mode: "signIn", clientId, authority, scopes, detailsScopes, apiBase, cloud}`;
/// rejects with an `Error` whose message says, in the page's language (`locale`), what to put in `config.json`.
#[wasm_bindgen(js_name = standaloneConfig, unchecked_return_type = "Promise<object>")]
pub fn standalone_config(text: String, locale: String) -> Promise {
    ask_standalone_part(StandaloneQuestion::Config(text), choose_locale(Some(&locale)))
}

/// The standalone page's texts in the best language for `requested` (a tag such as
/// `ja`, or empty for the browser's languages): `{tag, widget_label, subtitle, …, languages: [{tag, name}]}`,
/// each text keyed as in the catalogues. Rejects with an `Error` when their part could not be fetched.
#[wasm_bindgen(js_name = pageTexts, unchecked_return_type = "Promise<object>")]
pub fn page_texts(requested: String) -> Promise {
    let locale = choose_locale(Some(requested.as_str()).filter(|tag| !tag.trim().is_empty()));
    ask_standalone_part(StandaloneQuestion::PageTexts, locale)
}

/// Starts fetching the finder's part, unless it is here or on its way: the standalone page asks
/// for it first thing when its first screen is the finder, so that the part arrives while the page
/// reads its `config.json` and signs in, not after. Should it not come, the finder's own slot says
/// so, with Retry.
#[wasm_bindgen(js_name = prepareFinder)]
pub fn prepare_finder() {
    // Not Leptos' executor: the page may ask before it mounts a widget, which starts that.
    wasm_bindgen_futures::spawn_local(crate::parts::prepare_finder());
}

/// The standalone page's part's answer to `question`, in `locale`, as a promise: its object, or
/// an `Error` whose message says what is wrong (with `config.json`, or that the part could not be
/// fetched). Both exports share it, so that the first download holds one such future.
fn ask_standalone_part(question: StandaloneQuestion, locale: Locale) -> Promise {
    future_to_promise(async move {
        match crate::parts::standalone(question, locale).await {
            Ok(Ok(answer)) => Ok(answer.into()),
            Ok(Err(words)) => Err(JsError::new(&words).into()),
            Err(_) => Err(JsError::new(locale.texts().part_failed).into()),
        }
    })
}
