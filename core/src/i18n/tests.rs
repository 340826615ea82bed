use super::catalogue::{read_catalogue, Catalogued};
use super::texts::Template;
use super::*;
use crate::api_base::ApiBaseError;
use crate::api_error::ErrorKind;
use crate::host_config::ConfigProblem;
use crate::retry_policy::WaitReason;
use crate::software_id::SoftwareIdError;

/// Each language's catalogue modules in `web/i18n`: `<tag>.js` holds its `Texts`, and
/// `<tag>.later.js` its `LaterTexts`.
const MODULES: [(Locale, &str, &str); 5] = [
    (Locale::Japanese, include_str!("../../../web/i18n/ja.js"), include_str!("../../../web/i18n/ja.later.js")),
    (
        Locale::TraditionalChinese,
        include_str!("../../../web/i18n/zh-Hant.js"),
        include_str!("../../../web/i18n/zh-Hant.later.js"),
    ),
    (Locale::Swedish, include_str!("../../../web/i18n/sv.js"), include_str!("../../../web/i18n/sv.later.js")),
    (Locale::French, include_str!("../../../web/i18n/fr.js"), include_str!("../../../web/i18n/fr.later.js")),
    (
        Locale::BrazilianPortuguese,
        include_str!("../../../web/i18n/pt-BR.js"),
        include_str!("../../../web/i18n/pt-BR.later.js"),
    ),
];

/// Installs every language from its catalogue modules, as the page does when needed.
pub(crate) fn install_catalogues() {
    for (locale, first, later) in MODULES {
        let (first, later) = (module_entries(first), module_entries(later));
        locale.install_texts(&first).unwrap_or_else(|error| panic!("{locale:?}: {error}"));
        locale.install_later_texts(&later).unwrap_or_else(|error| panic!("{locale:?}, later texts: {error}"));
        assert!(locale.is_ready() && locale.later_texts_are_ready());
    }
}

/// A catalogue module's default export.
fn module_json(module: &str) -> serde_json::Value {
    let json = module.split_once("export default ").expect("an ES module with a default export").1;
    serde_json::from_str(json.trim_end().trim_end_matches(';')).unwrap()
}

/// Reads a catalogue module's default export, as the widget's `read_entry` does.
fn module_entries(module: &str) -> impl Fn(&str) -> Option<CatalogEntry> {
    let catalogue = module_json(module);
    move |key: &str| match catalogue.pointer(&format!("/{}", key.replace('.', "/")))? {
        serde_json::Value::String(text) => Some(CatalogEntry::Text(text.clone())),
        serde_json::Value::Array(list) => {
            list.iter().map(|value| value.as_str().map(str::to_owned)).collect::<Option<_>>().map(CatalogEntry::List)
        }
        _ => None,
    }
}

/// The catalogue keys of `T`'s fields.
fn keys_of<T: Catalogued>() -> Vec<&'static str> {
    let texts = T::TEXTS.iter().map(|(key, _)| *key);
    let plurals = T::PLURALS.iter().map(|(key, _)| *key);
    texts.chain(plurals).chain(T::LISTS.iter().map(|(key, _)| *key)).collect()
}

#[test]
fn each_catalogue_module_holds_only_the_texts_of_its_struct() {
    // A key missing from its module fails `install_catalogues`; this finds one in the wrong module.
    // Its keys, `page.sign_in` for `{"page": {"sign_in": …}}`.
    let keys = |module: &str| -> Vec<String> {
        let catalogue = module_json(module);
        let object = catalogue.as_object().expect("an object");
        object
            .iter()
            .flat_map(|(key, value)| match value.as_object() {
                Some(nested) => nested.keys().map(|inner| format!("{key}.{inner}")).collect(),
                None => vec![key.clone()],
            })
            .collect()
    };
    let (ours_first, ours_later) = (keys_of::<Texts>(), keys_of::<LaterTexts>());
    for (locale, first, later) in MODULES {
        let tag = locale.tag();
        for key in keys(first) {
            assert!(ours_first.contains(&key.as_str()), "{tag}.js has \"{key}\", which is no field of Texts");
        }
        // `loader` is read by load-failure.js, when there is no wasm to read anything.
        for key in keys(later).into_iter().filter(|key| !key.starts_with("loader.")) {
            assert!(
                ours_later.contains(&key.as_str()),
                "{tag}.later.js has \"{key}\", which is no field of LaterTexts"
            );
        }
    }
}

fn count(n: u64) -> Count<'static> {
    Count { shown: Box::leak(n.to_string().into_boxed_str()), n }
}

#[test]
fn each_locale_has_its_own_texts() {
    install_catalogues();
    for locale in Locale::ALL {
        assert_eq!((locale.texts().locale, locale.later_texts_or_english().locale), (locale, locale));
    }
    let labels: std::collections::HashSet<_> = Locale::ALL.iter().map(|l| l.texts().show_button).collect();
    assert_eq!(labels.len(), Locale::ALL.len(), "a language repeats another's text");
    let labels: std::collections::HashSet<_> =
        Locale::ALL.iter().map(|l| l.later_texts_or_english().find_software).collect();
    assert_eq!(labels.len(), Locale::ALL.len(), "a language repeats another's later text");
}

#[test]
fn a_catalogue_with_a_missing_or_misshapen_text_is_refused() {
    let english = Locale::English.later_texts_or_english();
    let catalogue = |skip: &'static str, plural_as_text: bool| {
        move |key: &str| -> Option<CatalogEntry> {
            let text = |value: &str| Some(CatalogEntry::Text(value.to_owned()));
            match key {
                _ if key == skip => None,
                "summary_all" | "summary_some" | "announce_loaded" | "software_found" if plural_as_text => {
                    text("{count}")
                }
                "summary_all" | "summary_some" | "announce_loaded" | "software_found" => {
                    Some(CatalogEntry::List(vec!["{count}".into(), "{count}s".into()]))
                }
                "csv_headings" => Some(CatalogEntry::List(english.csv_headings.map(str::to_owned).to_vec())),
                _ => text(key),
            }
        }
    };
    let texts: Texts = read_catalogue(Locale::Swedish, catalogue("", false)).unwrap();
    assert_eq!((texts.locale, texts.retry), (Locale::Swedish, "retry"));
    assert_eq!(texts.summary_all(Count { shown: "2", n: 2 }, "x"), "2s");
    let later: LaterTexts = read_catalogue(Locale::Swedish, catalogue("", false)).unwrap();
    assert_eq!(
        (later.locale, later.find_software, later.page.sign_in, later.csv_headings),
        (Locale::Swedish, "find_software", "page.sign_in", english.csv_headings)
    );
    assert_eq!(later.software_found(Count { shown: "1", n: 1 }), "1");
    let refused =
        |skip, plural_as_text| read_catalogue::<Texts>(Locale::Swedish, catalogue(skip, plural_as_text)).err();
    assert_eq!(refused("loading", false), Some(MissingText("loading".into())));
    assert_eq!(refused("", true), Some(MissingText("summary_all".into())));
    let refused_later =
        |skip, plural_as_text| read_catalogue::<LaterTexts>(Locale::Swedish, catalogue(skip, plural_as_text)).err();
    assert_eq!(refused_later("copied", false), Some(MissingText("copied".into())));
    assert_eq!(refused_later("page.msal_missing", false), Some(MissingText("page.msal_missing".into())));
    assert_eq!(refused_later("", true), Some(MissingText("software_found".into())));
    // The CSV headings are six.
    let short_headings = |key: &str| match key {
        "csv_headings" => Some(CatalogEntry::List(vec!["KB".into()])),
        _ => catalogue("", false)(key),
    };
    assert_eq!(
        read_catalogue::<LaterTexts>(Locale::Swedish, short_headings).err(),
        Some(MissingText("csv_headings".into()))
    );
}

#[test]
fn negotiation_takes_the_first_supported_language_and_falls_back_to_english() {
    assert_eq!(Locale::negotiate(["ja-JP"]), Locale::Japanese);
    assert_eq!(Locale::negotiate(["zh-Hant-TW"]), Locale::TraditionalChinese);
    assert_eq!(Locale::negotiate(["zh-HK"]), Locale::TraditionalChinese);
    assert_eq!(Locale::negotiate(["zh-Hans", "sv-SE"]), Locale::Swedish);
    assert_eq!(Locale::negotiate(["pt-BR"]), Locale::BrazilianPortuguese);
    assert_eq!(Locale::negotiate(["pt_PT"]), Locale::BrazilianPortuguese);
    assert_eq!(Locale::negotiate(["FR"]), Locale::French);
    assert_eq!(Locale::negotiate(["de", "ko"]), Locale::English);
    assert_eq!(Locale::negotiate([]), Locale::English);
    for locale in Locale::ALL {
        assert_eq!(Locale::negotiate([locale.tag()]), locale);
    }
}

#[test]
fn plural_forms_follow_each_language() {
    install_catalogues();
    let summary = |locale: Locale, n| locale.texts().summary_all(count(n), "x");
    assert_eq!(summary(Locale::English, 1), "1 missing KB for x");
    assert_eq!(summary(Locale::English, 0), "0 missing KBs for x");
    assert_eq!(summary(Locale::Swedish, 1), "1 saknad KB för x");
    assert_eq!(summary(Locale::Swedish, 2), "2 saknade KB för x");
    assert_eq!(summary(Locale::French, 0), "0 KB manquant pour x");
    assert_eq!(summary(Locale::French, 2), "2 KB manquants pour x");
    assert_eq!(summary(Locale::BrazilianPortuguese, 1), "1 KB ausente de x");
    assert_eq!(summary(Locale::BrazilianPortuguese, 5), "5 KBs ausentes de x");
    assert_eq!(summary(Locale::Japanese, 1), "x の不足している KB: 1 件");
    assert_eq!(summary(Locale::TraditionalChinese, 3), "x 遺失的 KB：3 個");
}

/// The named holes of a template, in order.
fn holes(template: &str) -> Vec<&str> {
    template
        .split('{')
        .skip(1)
        .filter_map(|part| part.split_once('}').map(|(name, _)| name))
        .filter(|name| !name.is_empty() && name.chars().all(|c| c.is_ascii_lowercase() || c == '_'))
        .collect()
}

fn templates(texts: &Texts, later: &LaterTexts) -> Vec<(&'static str, Template)> {
    let mut all = vec![
        ("loading", texts.loading),
        ("empty_body", texts.empty_body),
        ("announce_empty", texts.announce_empty),
        ("show_more", texts.show_more),
        ("opens_in_new_tab", texts.opens_in_new_tab),
        ("error_title", later.error_title),
        ("throttled_for", texts.throttled_for),
        ("server_error", texts.server_error),
        ("unexpected_status", texts.unexpected_status),
        ("timeout", texts.timeout),
        ("waiting_throttled", texts.waiting_throttled),
        ("waiting_retry", texts.waiting_retry),
        ("waiting_rate_limit", texts.waiting_rate_limit),
        ("too_large", texts.too_large),
        ("rate_limited", texts.rate_limited),
        ("inventory_loading", later.inventory_loading),
        ("no_software_found", later.no_software_found),
        ("inventory_failed", later.inventory_failed),
        ("inventory_incomplete", later.inventory_incomplete),
        ("show_more_rows", later.show_more_rows),
        ("loaded_age", later.loaded_age),
        ("id_too_long", texts.id_too_long),
        ("id_forbidden", texts.id_forbidden),
        ("paging_too_many", texts.paging_too_many),
        ("config_not_a_string", later.config_not_a_string),
        ("api_base_unknown_host", later.api_base_unknown_host),
        ("token_wrong_audience", later.token_wrong_audience),
        ("token_missing_permission", later.token_missing_permission),
        // Filled by the standalone page's script.
        ("page.config_http_error", later.page.config_http_error),
    ];
    for (name, forms) in [
        ("summary_all", texts.summary_all),
        ("summary_some", texts.summary_some),
        ("announce_loaded", texts.announce_loaded),
        ("software_found", later.software_found),
    ] {
        all.extend(forms.iter().map(|form| (name, *form)));
    }
    all
}

#[test]
fn every_template_has_the_holes_of_the_english_one() {
    install_catalogues();
    let english: std::collections::HashMap<_, _> =
        templates(Locale::English.texts(), Locale::English.later_texts_or_english()).into_iter().collect();
    for locale in Locale::ALL {
        let texts = locale.texts();
        for (name, template) in templates(texts, locale.later_texts_or_english()) {
            let (mut theirs, mut ours) = (holes(template), holes(english[name]));
            theirs.sort_unstable();
            theirs.dedup();
            ours.sort_unstable();
            ours.dedup();
            assert_eq!(theirs, ours, "{locale:?} {name}: {template}");
        }
        let plural_forms = if matches!(locale, Locale::Japanese | Locale::TraditionalChinese) { 1 } else { 2 };
        assert_eq!(texts.summary_all.len(), plural_forms, "{locale:?}");
        assert_eq!(texts.summary_some.len(), plural_forms, "{locale:?}");
        assert_eq!(texts.announce_loaded.len(), plural_forms, "{locale:?}");
        assert_eq!(locale.later_texts_or_english().software_found.len(), plural_forms, "{locale:?}");
    }
}

#[test]
fn every_language_keeps_the_values_it_is_given() {
    install_catalogues();
    for locale in Locale::ALL {
        let texts = locale.texts();
        assert!(texts.error_kind(&ErrorKind::ServerError(503), |n| n.to_string()).contains("503"), "{locale:?}");
        assert!(
            texts
                .error_kind(&ErrorKind::Throttled { retry_after_secs: Some(42) }, |n| format!("<{n}>"))
                .contains("<42>"),
            "{locale:?}"
        );
        assert!(texts.software_id_error(&SoftwareIdError::TooLong(300)).contains("300"), "{locale:?}");
        assert!(texts.software_id_error(&SoftwareIdError::Hash).contains('#'), "{locale:?}");
        assert!(
            locale
                .later_texts_or_english()
                .config_problem(texts, &ConfigProblem::ApiBase(ApiBaseError::UnknownHost("evil.example".into())))
                .contains("evil.example"),
            "{locale:?}"
        );
        assert!(texts.loading("microsoft-_-edge").contains("microsoft-_-edge"), "{locale:?}");
        let too_large = texts.error_kind(&ErrorKind::TooLarge, |n| format!("<{n}>"));
        assert!(too_large.contains("<64>") && too_large.contains("<200000>"), "{locale:?}: {too_large}");
        assert!(texts.waiting(WaitReason::RateLimit, "<7>").contains("<7>"), "{locale:?}");
        assert!(texts.summary_some("3", count(8), "id").contains('3'), "{locale:?}");
        assert!(texts.summary_some("3", count(8), "id").contains('8'), "{locale:?}");
        assert_eq!(locale.later_texts_or_english().csv_headings[0], "KB", "{locale:?}");
        assert!(!locale.later_texts_or_english().page.sign_in.is_empty(), "{locale:?}");
    }
}

#[test]
fn a_failure_leads_with_what_the_token_claims_say_else_the_status_text() {
    use crate::access_token::TokenProblem;
    use crate::api_error::ApiError;
    install_catalogues();
    for locale in Locale::ALL {
        let (texts, later) = (locale.texts(), locale.later_texts_or_english());
        let reason = |error: &ApiError| later.failure_reason(texts, error, |n| n.to_string());
        let mut refused = ApiError::new(ErrorKind::Unauthorized);
        assert_eq!(reason(&refused), texts.unauthorized, "{locale:?}");
        refused.token = Some(TokenProblem::WrongAudience("https://graph.microsoft.com".into()));
        let said = reason(&refused);
        assert!(said.contains("https://graph.microsoft.com"), "{locale:?}: {said}");
        assert!(!said.contains(texts.unauthorized), "{locale:?}: {said}");
        let mut forbidden = ApiError::new(ErrorKind::Forbidden);
        forbidden.token = Some(TokenProblem::MissingPermission("Vulnerability.Read"));
        let said = reason(&forbidden);
        assert!(said.contains("Vulnerability.Read") && !said.contains("Software.Read"), "{locale:?}: {said}");
    }
}
