//! Which language a widget speaks, and installing its texts from its catalogue, `web/i18n/<tag>.js`.
//!
//! English is built into the wasm; `web/wasm-loader.js` asks `textsToLoad` which
//! catalogue the widget needs, imports that language's module, and hands its default
//! export to `addTexts`, before it mounts a widget or switches its language.
//! The texts of the parts that load later are in a module of their own
//! (`web/i18n/<tag>.later.js`), which is asked for when the first such part needs it, through
//! a function the loader hands over: a part waits for it (`later_texts_arrived`), and its
//! code reads them (`later_texts`), so that neither their English, nor their keys, nor their
//! translations are in the first download, nor fetched before the first cards.

use std::cell::RefCell;

use js_sys::{Array, Function, Promise, Reflect};
use missing_kbs_core::{CatalogEntry, LaterTexts, Locale};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

/// A language's catalogue of the texts that load later, until they are read from it.
enum LaterCatalogue {
    /// Not asked for yet: the loader's function that asks for it, and returns `Coming`'s promise.
    Unasked(Function),
    /// On its way: a promise of the module's default export, or of null if it could not be loaded.
    Coming(Promise),
    Here(JsValue),
}

thread_local! {
    static LATER_CATALOGUES: RefCell<Vec<(Locale, LaterCatalogue)>> = const { RefCell::new(Vec::new()) };
}

/// The language to speak: `negotiate_locale`'s choice once its texts are installed
/// (`web/missing-kbs.js` loads them before it mounts or switches), else English.
pub fn choose_locale(requested: Option<&str>) -> Locale {
    Some(negotiate_locale(requested)).filter(|locale| locale.is_ready()).unwrap_or_default()
}

/// The `locale` option if the widget speaks it, else the browser's languages, else English.
pub fn negotiate_locale(requested: Option<&str>) -> Locale {
    let browser: Vec<String> =
        leptos::prelude::window().navigator().languages().iter().filter_map(|language| language.as_string()).collect();
    Locale::negotiate(requested.into_iter().chain(browser.iter().map(String::as_str)))
}

/// The tag of the catalogue to load before speaking `requested` (a tag such as `ja`;
/// empty or not a string for the browser's languages), or `undefined` when the texts are in.
#[wasm_bindgen(js_name = textsToLoad)]
pub fn texts_to_load(requested: JsValue) -> Option<String> {
    let requested = requested.as_string().filter(|tag| !tag.trim().is_empty());
    let locale = negotiate_locale(requested.as_deref());
    (!locale.is_ready()).then(|| locale.tag().to_owned())
}

/// Installs the texts of the language `tag` from its catalogue module's default export, and
/// keeps `later`, the function that asks for its later texts' module (and returns the promise
/// of its default export, or of null), for the first part that needs them. Throws an `Error`
/// naming the first missing text; the widget then keeps speaking English.
#[wasm_bindgen(js_name = addTexts)]
pub fn add_texts(tag: &str, catalogue: JsValue, later: Function) -> Result<(), JsError> {
    let Some(locale) = Locale::ALL.into_iter().find(|locale| locale.tag() == tag) else {
        return Err(JsError::new(&format!("missing-kbs has no language \"{tag}\"")));
    };
    locale.install_texts(|key| read_entry(&catalogue, key)).map_err(|missing| JsError::new(&missing.to_string()))?;
    LATER_CATALOGUES.with_borrow_mut(|catalogues| {
        if !locale.later_texts_are_ready() && !catalogues.iter().any(|(kept, _)| *kept == locale) {
            catalogues.push((locale, LaterCatalogue::Unasked(later)));
        }
    });
    Ok(())
}

/// Waits until the module of `locale`'s later texts is here, or could not be loaded, asking
/// for it the first time: each part awaits it before its code runs.
pub async fn later_texts_arrived(locale: Locale) {
    let coming = LATER_CATALOGUES.with_borrow_mut(|catalogues| {
        let (_, catalogue) = catalogues.iter_mut().find(|(kept, _)| *kept == locale)?;
        if let LaterCatalogue::Unasked(ask) = catalogue {
            // A loader that throws, or returns no promise, leaves these texts English.
            let promise = ask.call0(&JsValue::NULL).ok()?.dyn_into::<Promise>().ok()?;
            *catalogue = LaterCatalogue::Coming(promise);
        }
        match catalogue {
            LaterCatalogue::Coming(promise) => Some(promise.clone()),
            LaterCatalogue::Unasked(_) | LaterCatalogue::Here(_) => None,
        }
    });
    let Some(promise) = coming else { return };
    let catalogue = JsFuture::from(promise).await.ok().filter(JsValue::is_object);
    LATER_CATALOGUES.with_borrow_mut(|catalogues| {
        // Another part may have waited for the same module, and its texts been read since.
        let Some(index) = catalogues
            .iter()
            .position(|(kept, catalogue)| *kept == locale && matches!(catalogue, LaterCatalogue::Coming(_)))
        else {
            return;
        };
        match catalogue {
            Some(catalogue) => catalogues[index].1 = LaterCatalogue::Here(catalogue),
            // The loader said why in the console; these texts stay English.
            None => drop(catalogues.remove(index)),
        }
    });
}

/// The texts of the parts that load later, in `locale`: read from its catalogue the first
/// time a part asks (only their code calls this, after `later_texts_arrived`), English while
/// the language has none. A catalogue missing one of them is refused as a whole, as
/// `addTexts` does, and the console says why, once.
pub fn later_texts(locale: Locale) -> &'static LaterTexts {
    if !locale.later_texts_are_ready() {
        let catalogue = LATER_CATALOGUES.with_borrow(|catalogues| {
            catalogues.iter().find_map(|(kept, catalogue)| match catalogue {
                LaterCatalogue::Here(catalogue) if *kept == locale => Some(catalogue.clone()),
                _ => None,
            })
        });
        if let Some(catalogue) = catalogue {
            // Read once, whatever comes of it: a refused catalogue is said once, not again.
            LATER_CATALOGUES.with_borrow_mut(|catalogues| catalogues.retain(|(kept, _)| *kept != locale));
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
