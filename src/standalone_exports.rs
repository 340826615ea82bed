//! `standaloneConfig(text)`: the standalone page's `config.json`, checked by the core, for `web/standalone.js`.

use js_sys::{Array, Object, Reflect};
use missing_kbs_core::{Locale, StandaloneConfig, MOCK_DEVELOPMENT_TOKEN};
use wasm_bindgen::prelude::*;

/// Returns `{mode: "mock", apiBase, token}` or `{mode: "signIn", clientId, authority, scopes, apiBase, cloud}`;
/// throws an `Error` whose message says, in the page's language (`locale`), what to put in `config.json`.
#[wasm_bindgen(js_name = standaloneConfig)]
pub fn standalone_config(text: &str, locale: &str) -> Result<Object, JsError> {
    let texts = crate::host_options::choose_locale(Some(locale)).texts();
    let config = StandaloneConfig::parse(text).map_err(|error| JsError::new(&texts.config_json_error(&error)))?;
    let object = Object::new();
    let set = |key: &str, value: JsValue| {
        let _ = Reflect::set(&object, &key.into(), &value);
    };
    match config {
        StandaloneConfig::MockApi { api_base } => {
            set("mode", "mock".into());
            set("apiBase", api_base.to_string().into());
            set("token", MOCK_DEVELOPMENT_TOKEN.into());
        }
        StandaloneConfig::SignIn(sign_in) => {
            set("mode", "signIn".into());
            set("clientId", sign_in.client_id.into());
            set("authority", sign_in.authority.into());
            set("scopes", Array::of1(&sign_in.scope.into()).into());
            set("apiBase", sign_in.api_base.to_string().into());
            set("cloud", sign_in.cloud.name().into());
        }
    }
    Ok(object)
}

/// The standalone page's texts in the best language for `requested` (a tag such as
/// `ja`, or empty for the browser's languages): `{tag, title, subtitle, …, languages: [{tag, name}]}`.
#[wasm_bindgen(js_name = pageTexts)]
pub fn page_texts(requested: &str) -> Object {
    let requested = Some(requested).filter(|tag| !tag.trim().is_empty());
    let texts = crate::host_options::choose_locale(requested).texts();
    let page = &texts.page;
    let object = Object::new();
    let set = |key: &str, value: JsValue| {
        let _ = Reflect::set(&object, &key.into(), &value);
    };
    set("tag", texts.locale.tag().into());
    set("title", texts.widget_label.into());
    for (key, text) in [
        ("subtitle", page.subtitle),
        ("demoBanner", page.demo_banner),
        ("signInPrompt", page.sign_in_prompt),
        ("signIn", page.sign_in),
        ("signOut", page.sign_out),
        ("notConfigured", page.not_configured),
        ("signInFailed", page.sign_in_failed),
        ("reload", page.reload),
        ("language", page.language),
        ("configUnreachable", page.config_unreachable),
        ("configHttpError", page.config_http_error),
        ("msalMissing", page.msal_missing),
    ] {
        set(key, text.into());
    }
    let languages = Array::new();
    for locale in Locale::ALL {
        let language = Object::new();
        let _ = Reflect::set(&language, &"tag".into(), &locale.tag().into());
        let _ = Reflect::set(&language, &"name".into(), &locale.native_name().into());
        languages.push(&language);
    }
    set("languages", languages.into());
    object
}
