//! What `web/standalone.js` asks of the wasm: the standalone page's texts (`pageTexts`) and its
//! `config.json`, checked by the core (`standaloneConfig`). Their code and texts are a wasm part of
//! the standalone page's own, which portals never load.

use js_sys::{Array, Object, Promise};
use leptos::wasm_split::{wasm_split, SplitLoaderError};
use missing_kbs_core::{Locale, StandaloneConfig, MOCK_DEVELOPMENT_TOKEN};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::future_to_promise;

use crate::host_options::choose_locale;
use crate::js_object::js_object;
use crate::language_catalogue::{later_texts, later_texts_arrived};

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

/// What the standalone page asks of its part.
enum StandaloneQuestion {
    /// Its texts.
    PageTexts,
    /// The configuration in the text of its `config.json`.
    Config(String),
}

/// The answer of the standalone page's part to `question`, in `locale`, once the part and its
/// texts are here. Both exports share it, so that the first download holds one such future.
fn ask_standalone_part(question: StandaloneQuestion, locale: Locale) -> Promise {
    future_to_promise(async move {
        later_texts_arrived(locale).await;
        match answer_standalone(question, locale).await {
            Ok(answer) => Ok(answer.into()),
            Err(AnswerFailure::Invalid(message)) => Err(JsError::new(&message).into()),
            Err(AnswerFailure::NotLoaded) => Err(JsError::new(locale.texts().part_failed).into()),
        }
    })
}

/// Why the standalone page's part gave no answer.
enum AnswerFailure {
    /// What to put in `config.json`, in the page's language.
    Invalid(String),
    /// The part could not be fetched.
    NotLoaded,
}

impl From<SplitLoaderError> for AnswerFailure {
    fn from(_: SplitLoaderError) -> Self {
        AnswerFailure::NotLoaded
    }
}

#[wasm_split(standalone, wasm_split_path = ::leptos::wasm_split, fallible)]
fn answer_standalone(question: StandaloneQuestion, locale: Locale) -> Result<Object, AnswerFailure> {
    match question {
        StandaloneQuestion::PageTexts => Ok(read_page_texts(locale)),
        StandaloneQuestion::Config(text) => read_standalone_config(text, locale),
    }
}

fn read_standalone_config(text: String, locale: Locale) -> Result<Object, AnswerFailure> {
    let config = StandaloneConfig::parse(&text, &crate::host_options::page_origin())
        .map_err(|error| AnswerFailure::Invalid(later_texts(locale).config_json_error(locale.texts(), &error)))?;
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

fn read_page_texts(locale: Locale) -> Object {
    let texts = locale.texts();
    let page = &later_texts(locale).page;
    let languages: Array = Locale::ALL
        .into_iter()
        .map(|locale| JsValue::from(js_object(&[("tag", locale.tag().into()), ("name", locale.native_name().into())])))
        .collect();
    // Keyed as in the catalogues (`page.<key>` there) and as the fields of `PageTexts`: one spelling.
    js_object(&[
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
    ])
}
