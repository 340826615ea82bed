//! Installing a language's texts from its catalogue, `web/i18n/<tag>.js`.
//!
//! English is built into the wasm; `web/missing-kbs.js` asks `textsToLoad` which
//! catalogue the widget needs, imports that module only, and hands its default
//! export to `addTexts`, before it mounts a widget or switches its language.
//! The texts of the parts that load later are read from the same catalogue by
//! those parts' code (`later_texts`), so that neither their English nor their keys
//! are in the first download.

use std::cell::RefCell;

use js_sys::{Array, Reflect};
use missing_kbs_core::{CatalogEntry, LaterTexts, Locale};
use wasm_bindgen::prelude::*;

use crate::host_options::negotiate_locale;

thread_local! {
    /// The catalogues installed so far, kept until the texts that load later are read from them.
    static CATALOGUES: RefCell<Vec<(Locale, JsValue)>> = const { RefCell::new(Vec::new()) };
}

/// The tag of the catalogue to load before speaking `requested` (a tag such as `ja`;
/// empty or not a string for the browser's languages), or `undefined` when the texts are in.
#[wasm_bindgen(js_name = textsToLoad)]
pub fn texts_to_load(requested: JsValue) -> Option<String> {
    let requested = requested.as_string().filter(|tag| !tag.trim().is_empty());
    let locale = negotiate_locale(requested.as_deref());
    (!locale.is_ready()).then(|| locale.tag().to_owned())
}

/// Installs the texts of the language `tag` from its catalogue module's default export.
/// Throws an `Error` naming the first missing text; the widget then keeps speaking English.
#[wasm_bindgen(js_name = addTexts)]
pub fn add_texts(tag: &str, catalogue: JsValue) -> Result<(), JsError> {
    let Some(locale) = Locale::ALL.into_iter().find(|locale| locale.tag() == tag) else {
        return Err(JsError::new(&format!("missing-kbs has no language \"{tag}\"")));
    };
    locale.install_texts(|key| read_entry(&catalogue, key)).map_err(|missing| JsError::new(&missing.to_string()))?;
    CATALOGUES.with_borrow_mut(|catalogues| {
        if !catalogues.iter().any(|(installed, _)| *installed == locale) {
            catalogues.push((locale, catalogue));
        }
    });
    Ok(())
}

/// The texts of the parts that load later, in `locale`: read from its catalogue the first
/// time a part asks (only their code calls this), English while the language has none. A
/// catalogue missing one of them is refused as a whole, as `addTexts` does, and the console
/// says why, once.
pub fn later_texts(locale: Locale) -> &'static LaterTexts {
    if !locale.later_texts_are_ready() {
        let catalogue = CATALOGUES.with_borrow(|catalogues| {
            catalogues.iter().find(|(installed, _)| *installed == locale).map(|(_, catalogue)| catalogue.clone())
        });
        if let Some(catalogue) = catalogue {
            // Read once, whatever comes of it: a refused catalogue is said once, not again.
            CATALOGUES.with_borrow_mut(|catalogues| catalogues.retain(|(installed, _)| *installed != locale));
            if let Err(missing) = locale.install_later_texts(|key| read_entry(&catalogue, key)) {
                web_sys::console::warn_1(&format!("missing-kbs: {missing}, so these texts stay English").into());
            }
        }
    }
    locale.later_texts_or_english()
}

/// The catalogue's value at `key`, where `page.sign_in` is `catalogue.page.sign_in`.
fn read_entry(catalogue: &JsValue, key: &str) -> Option<CatalogEntry> {
    let value = key.split('.').try_fold(catalogue.clone(), |object, name| {
        object.is_object().then(|| Reflect::get(&object, &name.into()).ok()).flatten()
    })?;
    if let Some(text) = value.as_string() {
        return Some(CatalogEntry::Text(text));
    }
    let list = value.dyn_into::<Array>().ok()?;
    list.iter().map(|item| item.as_string()).collect::<Option<_>>().map(CatalogEntry::List)
}
