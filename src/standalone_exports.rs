//! What `web/standalone.js` asks of the wasm: the standalone page's texts (`pageTexts`) and its
//! `config.json`, checked by the core (`standaloneConfig`). Their code and texts are a wasm part of
//! the standalone page's own, which portals never load.

use js_sys::{Array, Object};
use leptos::wasm_split::{wasm_split, SplitLoaderError};
use missing_kbs_core::{Locale, StandaloneConfig, MOCK_DEVELOPMENT_TOKEN};
use wasm_bindgen::prelude::*;

use crate::host_options::choose_locale;
use crate::js_object::js_object;
use crate::language_catalogue::{later_texts, later_texts_arrived};

/// Returns `{mode: "mock", apiBase, token}` or `{mode: "signIn", clientId, authority, scopes, detailsScopes, apiBase, cloud}`;
/// rejects with an `Error` whose message says, in the page's language (`locale`), what to put in `config.json`.
#[wasm_bindgen(js_name = standaloneConfig)]
pub async fn standalone_config(text: String, locale: String) -> Result<Object, JsError> {
    let locale = choose_locale(Some(&locale));
    later_texts_arrived(locale).await;
    match read_standalone_config(text, locale).await {
        Ok(config) => Ok(config),
        Err(ConfigFailure::Invalid(message)) => Err(JsError::new(&message)),
        Err(ConfigFailure::NotLoaded) => Err(part_failed(locale)),
    }
}

/// The error of a call whose part could not be fetched.
fn part_failed(locale: Locale) -> JsError {
    JsError::new(locale.texts().part_failed)
}

/// Why `config.json` gave no configuration.
enum ConfigFailure {
    /// What to put in it, in the page's language.
    Invalid(String),
    /// The code that reads it could not be fetched.
    NotLoaded,
}

impl From<SplitLoaderError> for ConfigFailure {
    fn from(_: SplitLoaderError) -> Self {
        ConfigFailure::NotLoaded
    }
}

#[wasm_split(standalone, wasm_split_path = ::leptos::wasm_split, fallible)]
fn read_standalone_config(text: String, locale: Locale) -> Result<Object, ConfigFailure> {
    let config = StandaloneConfig::parse(&text, &crate::host_options::page_origin())
        .map_err(|error| ConfigFailure::Invalid(later_texts(locale).config_json_error(locale.texts(), &error)))?;
    Ok(match config {
        StandaloneConfig::MockApi { api_base } => js_object(&[
            ("mode", "mock".into()),
            ("apiBase", api_base.to_string().into()),
            ("token", MOCK_DEVELOPMENT_TOKEN.into()),
        ]),
        StandaloneConfig::SignIn(sign_in) => js_object(&[
            ("mode", "signIn".into()),
            ("clientId", sign_in.client_id.into()),
            ("authority", sign_in.authority.into()),
            ("scopes", Array::of1(&sign_in.scope.into()).into()),
            ("detailsScopes", sign_in.details_scope.map_or_else(Array::new, |scope| Array::of1(&scope.into())).into()),
            ("apiBase", sign_in.api_base.to_string().into()),
            ("cloud", sign_in.cloud.name().into()),
        ]),
    })
}

/// The standalone page's texts in the best language for `requested` (a tag such as
/// `ja`, or empty for the browser's languages): `{tag, widget_label, subtitle, …, languages: [{tag, name}]}`,
/// each text keyed as in the catalogues. Rejects with an `Error` when their part could not be fetched.
#[wasm_bindgen(js_name = pageTexts)]
pub async fn page_texts(requested: String) -> Result<Object, JsError> {
    let locale = choose_locale(Some(requested.as_str()).filter(|tag| !tag.trim().is_empty()));
    later_texts_arrived(locale).await;
    read_page_texts(locale).await.map_err(|_| part_failed(locale))
}

#[wasm_split(standalone, wasm_split_path = ::leptos::wasm_split, fallible)]
fn read_page_texts(locale: Locale) -> Result<Object, SplitLoaderError> {
    let texts = locale.texts();
    let page = &later_texts(locale).page;
    let languages: Array = Locale::ALL
        .into_iter()
        .map(|locale| JsValue::from(js_object(&[("tag", locale.tag().into()), ("name", locale.native_name().into())])))
        .collect();
    // Keyed as in the catalogues (`page.<key>` there) and as the fields of `PageTexts`: one spelling.
    Ok(js_object(&[
        ("tag", texts.locale.tag().into()),
        ("widget_label", texts.widget_label.into()),
        ("subtitle", page.subtitle.into()),
        ("demo_banner", page.demo_banner.into()),
        ("sign_in_prompt", page.sign_in_prompt.into()),
        ("sign_in", page.sign_in.into()),
        ("sign_out", page.sign_out.into()),
        ("grant_details", page.grant_details.into()),
        ("not_configured", page.not_configured.into()),
        ("sign_in_failed", page.sign_in_failed.into()),
        ("reload", page.reload.into()),
        ("language", page.language.into()),
        ("config_unreachable", page.config_unreachable.into()),
        ("config_http_error", page.config_http_error.into()),
        ("msal_missing", page.msal_missing.into()),
        ("languages", languages.into()),
    ]))
}
