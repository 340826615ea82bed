//! The standalone page's part (`parts::standalone`): its `config.json` checked by the core, and
//! its texts, as objects for `web/standalone.js` (through `standalone_exports.rs`).

use js_sys::{Array, Object};
use missing_kbs_core::{Locale, StandaloneConfig, MOCK_DEVELOPMENT_TOKEN};
use wasm_bindgen::JsValue;

use crate::js_object::js_object;
use crate::language_catalogue::later_texts;

/// What the standalone page asks of its part.
pub enum StandaloneQuestion {
    /// Its texts.
    PageTexts,
    /// The configuration in the text of its `config.json`.
    Config(String),
}

/// The answer to `question` in `locale`; `Err` says, in that language, what to put in `config.json`.
pub fn answer_standalone_question(question: StandaloneQuestion, locale: Locale) -> Result<Object, String> {
    match question {
        StandaloneQuestion::PageTexts => Ok(read_page_texts(locale)),
        StandaloneQuestion::Config(text) => read_standalone_config(text, locale),
    }
}

fn read_standalone_config(text: String, locale: Locale) -> Result<Object, String> {
    let config = StandaloneConfig::parse(&text, &crate::host_options::page_origin())
        .map_err(|error| later_texts(locale).config_json_error(locale.texts(), &error))?;
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
