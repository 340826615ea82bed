//! Every text the widget shows, in its six languages, and how the language is chosen.
//!
//! Each language is one `Texts` value. English is built in; the other
//! languages are catalogues (`web/i18n/<tag>.js`) that the page loads only
//! when the widget speaks them, and `Locale::install_texts` reads. A text
//! missing in a catalogue fails the install (the widget then speaks English),
//! and the tests install every catalogue.
//! Texts with values are templates with named holes (`{id}`), which the
//! methods of `Texts` fill: one small function for every text and language,
//! instead of a formatting function each. Numbers come already formatted for
//! the locale (the browser's `Intl.NumberFormat`); a count's raw value picks
//! its plural form.

use std::sync::OnceLock;

use crate::access_token::AccessTokenError;
use crate::answer_limits::{MAX_ANSWER_MEGABYTES, MAX_KBS_SHOWN};
use crate::api_base::ApiBaseError;
use crate::api_error::ErrorKind;
use crate::host_config::ConfigProblem;
use crate::paging::PagingError;
use crate::retry_policy::WaitReason;
use crate::software_id::{SoftwareIdError, MAX_SOFTWARE_ID_LEN};
use crate::standalone_config::ConfigError;

/// The languages of the getmissingkbs documentation, which the widget speaks.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Locale {
    #[default]
    English,
    Japanese,
    TraditionalChinese,
    Swedish,
    French,
    BrazilianPortuguese,
}

impl Locale {
    pub const ALL: [Locale; 6] = [
        Locale::English,
        Locale::Japanese,
        Locale::TraditionalChinese,
        Locale::Swedish,
        Locale::French,
        Locale::BrazilianPortuguese,
    ];

    /// The BCP 47 tag, for `lang` attributes and `Intl`.
    pub fn tag(self) -> &'static str {
        match self {
            Locale::English => "en",
            Locale::Japanese => "ja",
            Locale::TraditionalChinese => "zh-Hant",
            Locale::Swedish => "sv",
            Locale::French => "fr",
            Locale::BrazilianPortuguese => "pt-BR",
        }
    }

    /// The language's own name, for a language switcher.
    pub fn native_name(self) -> &'static str {
        match self {
            Locale::English => "English",
            Locale::Japanese => "日本語",
            Locale::TraditionalChinese => "繁體中文",
            Locale::Swedish => "Svenska",
            Locale::French => "Français",
            Locale::BrazilianPortuguese => "Português (Brasil)",
        }
    }

    /// The first supported language among `requested` (a `locale` option, then
    /// `navigator.languages`), falling back to English.
    ///
    /// ```
    /// use missing_kbs_core::Locale;
    ///
    /// assert_eq!(Locale::negotiate(["de-DE", "fr-CA", "en"]), Locale::French);
    /// assert_eq!(Locale::negotiate(["zh-TW"]), Locale::TraditionalChinese);
    /// assert_eq!(Locale::negotiate(["zh-CN"]), Locale::English);
    /// ```
    pub fn negotiate<'a>(requested: impl IntoIterator<Item = &'a str>) -> Locale {
        requested.into_iter().find_map(Locale::from_tag).unwrap_or_default()
    }

    fn from_tag(tag: &str) -> Option<Locale> {
        let tag = tag.trim().to_ascii_lowercase().replace('_', "-");
        let mut parts = tag.split('-');
        let language = parts.next()?;
        let rest: Vec<&str> = parts.collect();
        Some(match language {
            "en" => Locale::English,
            "ja" => Locale::Japanese,
            "sv" => Locale::Swedish,
            "fr" => Locale::French,
            // Brazilian Portuguese is the Portuguese the widget has; closer than English for pt-PT too.
            "pt" => Locale::BrazilianPortuguese,
            // Traditional script: zh-Hant, or the regions that write it (Taiwan, Hong Kong, Macao).
            "zh" if rest.iter().any(|part| matches!(*part, "hant" | "tw" | "hk" | "mo")) => Locale::TraditionalChinese,
            _ => return None,
        })
    }

    /// The language's texts: English until its catalogue is installed (see `is_ready`).
    pub fn texts(self) -> &'static Texts {
        self.installed().and_then(OnceLock::get).unwrap_or(&EN)
    }

    /// Whether the widget can speak the language: English always, the others once installed.
    pub fn is_ready(self) -> bool {
        self.installed().is_none_or(|texts| texts.get().is_some())
    }

    /// Installs the language's texts from its catalogue (`web/i18n/<tag>.js`): `entry(key)`
    /// gives a key's value, the standalone page's texts under `page.<key>`. Fails with the
    /// first key that is missing or has the wrong shape. Installing twice keeps the first.
    pub fn install_texts(self, entry: impl Fn(&str) -> Option<CatalogEntry>) -> Result<(), MissingText> {
        let Some(slot) = self.installed() else { return Ok(()) };
        if slot.get().is_none() {
            let _ = slot.set(read_catalogue(self, entry)?);
        }
        Ok(())
    }

    /// Where the language's installed texts are; English, which is built in, has none.
    fn installed(self) -> Option<&'static OnceLock<Texts>> {
        static INSTALLED: [OnceLock<Texts>; 5] = [const { OnceLock::new() }; 5];
        let index = match self {
            Locale::English => return None,
            Locale::Japanese => 0,
            Locale::TraditionalChinese => 1,
            Locale::Swedish => 2,
            Locale::French => 3,
            Locale::BrazilianPortuguese => 4,
        };
        Some(&INSTALLED[index])
    }
}

/// One value of a language catalogue.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CatalogEntry {
    Text(String),
    /// A template's plural forms, or the CSV export's headings.
    List(Vec<String>),
}

/// A catalogue key with no value of the right shape.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("the language catalogue has no usable \"{0}\"")]
pub struct MissingText(pub String);

/// Reads every text of `Texts` from a catalogue. Once all are read, the strings are leaked:
/// a page installs each language at most once, and its texts live as long as the page.
/// A catalogue that is refused leaks nothing.
fn read_catalogue(locale: Locale, entry: impl Fn(&str) -> Option<CatalogEntry>) -> Result<Texts, MissingText> {
    let missing = |key: &str| MissingText(key.to_owned());
    let text = |key: &str| match entry(key) {
        Some(CatalogEntry::Text(text)) => Ok(text),
        _ => Err(missing(key)),
    };
    let list = |key: &str, lengths: std::ops::RangeInclusive<usize>| match entry(key) {
        Some(CatalogEntry::List(list)) if lengths.contains(&list.len()) => Ok(list),
        _ => Err(missing(key)),
    };
    // Everything is read before anything is kept, in field order.
    let mut strings = Vec::new();
    for (key, _) in TEXT_FIELDS {
        strings.push(text(key)?);
    }
    let mut form_counts = Vec::new();
    for (key, _) in PLURAL_FIELDS {
        let forms = list(key, 1..=2)?;
        form_counts.push(forms.len());
        strings.extend(forms);
    }
    strings.extend(list("csv_headings", 6..=6)?);

    // English first, then each text from the catalogue: a loop over the fields, which is
    // far less wasm than a struct literal of a hundred reads.
    let mut read = Texts { locale, ..EN };
    let mut kept = strings.into_iter().map(|text| -> Text { Box::leak(text.into_boxed_str()) });
    let mut next = || kept.next().unwrap_or_default();
    for (_, field) in TEXT_FIELDS {
        *field(&mut read) = next();
    }
    for ((_, field), count) in PLURAL_FIELDS.iter().zip(form_counts) {
        *field(&mut read) = Box::leak((0..count).map(|_| next()).collect());
    }
    for heading in &mut read.csv_headings {
        *heading = next();
    }
    Ok(read)
}

/// Each field of `Texts` and the catalogue key it is read from.
macro_rules! catalogue_fields {
    (texts { $($text:ident),* $(,)? } plural { $($plural:ident),* $(,)? } page { $($page:ident),* $(,)? }) => {
        const TEXT_FIELDS: &[(&str, fn(&mut Texts) -> &mut Text)] = &[
            $((stringify!($text), |texts| &mut texts.$text),)*
            $((concat!("page.", stringify!($page)), |texts| &mut texts.page.$page),)*
        ];
        const PLURAL_FIELDS: &[(&str, fn(&mut Texts) -> &mut PluralTemplate)] =
            &[$((stringify!($plural), |texts| &mut texts.$plural),)*];

        /// Does not compile while a field of `Texts` is missing from the lists above,
        /// so no text of a catalogue can stay English by mistake.
        #[allow(dead_code)]
        fn every_field_is_listed(texts: &Texts) {
            let Texts { locale: _, csv_headings: _, page: PageTexts { $($page: _),* }, $($text: _,)* $($plural: _,)* } = texts;
        }
    };
}

catalogue_fields! {
    texts {
        widget_label, software_id_label, software_id_hint, show_button, idle, loading, empty_title,
        empty_body, announce_empty, missing_installs, exposed_machines, cves_addressed, filter_label,
        filter_placeholder, product_filter_label, sort_label, sort_machines, sort_cves, sort_kb, sort_name,
        export_csv, copy_kbs, kbs_copied, no_match, show_more, unknown_kb, name_unknown, machines_missing_it,
        products, os_build, unknown, none_listed, open_in_catalog, opens_in_new_tab, no_catalog_link,
        error_title, defender_said, correlation_id, copy, copied, retry, config_error_title, bad_request,
        unauthorized, forbidden, not_found, throttled_for, throttled, server_error, unexpected_status,
        network, invalid_response, token_unavailable, timeout, redirected, too_large, rate_limited,
        waiting_throttled, waiting_retry, waiting_rate_limit, cancel,
        loaded_age, refresh, widget_stopped_title, widget_stopped_body, id_empty, id_too_long, id_whitespace,
        id_control, id_forbidden, paging_other_host, paging_too_many, config_not_an_object,
        config_no_token_source, config_get_token_not_a_function, config_not_a_string, token_empty,
        token_not_a_header, api_base_unknown_host, api_base_not_https, api_base_unsafe, api_base_malformed,
        api_base_no_page_origin,
        config_json_not_json, config_json_client_id, config_json_tenant_id, config_json_cloud,
        config_json_scope, config_json_api_base,
    }
    plural { summary_all, summary_some, announce_loaded }
    page {
        subtitle, demo_banner, sign_in_prompt, sign_in, sign_out, not_configured, sign_in_failed, reload,
        language, config_unreachable, config_http_error, msal_missing,
    }
}

/// Plural forms, from the CLDR plural rules for integers: English and Swedish
/// use "one" for 1 only; French and Portuguese (pt) for 0 and 1; Japanese and
/// Chinese have one form.
fn is_one(locale: Locale, n: u64) -> bool {
    match locale {
        Locale::English | Locale::Swedish => n == 1,
        Locale::French | Locale::BrazilianPortuguese => n <= 1,
        Locale::Japanese | Locale::TraditionalChinese => false,
    }
}

/// A count, already formatted for the locale, and its value for the plural form.
#[derive(Clone, Copy, Debug)]
pub struct Count<'a> {
    pub shown: &'a str,
    pub n: u64,
}

type Text = &'static str;
/// A text with holes, such as `{id}`, that a method of `Texts` fills.
type Template = &'static str;
/// A template in each plural form of the language, in CLDR order: one, other.
/// A language without plural forms (Japanese, Chinese) has one.
type PluralTemplate = &'static [Template];

/// Replaces each `{name}` in `template` with its value. Holes with no value and
/// other braces stay as they are; values are never read as templates themselves.
///
/// ```
/// use missing_kbs_core::fill;
///
/// assert_eq!(fill("{n} of {m}", &[("n", "3"), ("m", "{n}")]), "3 of {n}");
/// assert_eq!(fill("{ as is }", &[]), "{ as is }");
/// ```
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut filled = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        filled.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let hole = after.find('}').and_then(|close| {
            let value = values.iter().find(|(name, _)| *name == &after[..close])?.1;
            Some((close, value))
        });
        match hole {
            Some((close, value)) => {
                filled.push_str(value);
                rest = &after[close + 1..];
            }
            None => {
                filled.push('{');
                rest = after;
            }
        }
    }
    filled.push_str(rest);
    filled
}

/// Every text of the widget, in one language.
#[derive(Clone, Copy)]
pub struct Texts {
    pub locale: Locale,
    pub widget_label: Text,
    pub software_id_label: Text,
    pub software_id_hint: Text,
    pub show_button: Text,
    pub idle: Text,
    /// `{id}`: the software ID.
    pub loading: Template,
    pub empty_title: Text,
    pub empty_body: Template,
    /// `{count}` KBs, `{id}`.
    pub summary_all: PluralTemplate,
    /// `{shown}` of `{count}` KBs (the plural follows `{count}`), `{id}`.
    pub summary_some: PluralTemplate,
    pub announce_loaded: PluralTemplate,
    pub announce_empty: Template,
    pub missing_installs: Text,
    pub exposed_machines: Text,
    pub cves_addressed: Text,
    pub filter_label: Text,
    pub filter_placeholder: Text,
    pub product_filter_label: Text,
    pub sort_label: Text,
    pub sort_machines: Text,
    pub sort_cves: Text,
    pub sort_kb: Text,
    pub sort_name: Text,
    pub export_csv: Text,
    pub copy_kbs: Text,
    pub kbs_copied: Text,
    pub no_match: Text,
    /// The button under a very long list: `{count}` more cards.
    pub show_more: Template,
    pub csv_headings: [Text; 6],
    pub unknown_kb: Text,
    pub name_unknown: Text,
    pub machines_missing_it: Text,
    pub products: Text,
    pub os_build: Text,
    pub unknown: Text,
    pub none_listed: Text,
    pub open_in_catalog: Text,
    /// `{kb}`: the KB's number.
    pub opens_in_new_tab: Template,
    pub no_catalog_link: Text,
    pub error_title: Template,
    pub defender_said: Text,
    pub correlation_id: Text,
    pub copy: Text,
    pub copied: Text,
    pub retry: Text,
    pub config_error_title: Text,
    pub bad_request: Text,
    pub unauthorized: Text,
    pub forbidden: Text,
    pub not_found: Text,
    pub throttled_for: Template,
    pub throttled: Text,
    /// `{status}`: the HTTP status.
    pub server_error: Template,
    pub unexpected_status: Template,
    pub network: Text,
    pub invalid_response: Text,
    pub token_unavailable: Text,
    /// `{seconds}`, formatted for the locale.
    pub timeout: Template,
    pub redirected: Text,
    /// `{megabytes}` and `{kbs}`: the bounds of `answer_limits`, formatted for the locale.
    pub too_large: Template,
    /// `{seconds}` until the page may call again.
    pub rate_limited: Template,
    /// Shown with a countdown (`{seconds}`) while Defender's `Retry-After` runs out.
    pub waiting_throttled: Template,
    /// Shown with a countdown (`{seconds}`) before a transient failure is tried again.
    pub waiting_retry: Template,
    /// Shown with a countdown (`{seconds}`) while the page waits for its turn under Defender's call limit.
    pub waiting_rate_limit: Template,
    pub cancel: Text,
    /// `{age}` is the browser's relative time ("3 minutes ago").
    pub loaded_age: Template,
    pub refresh: Text,
    pub widget_stopped_title: Text,
    pub widget_stopped_body: Text,
    pub id_empty: Text,
    /// `{max}` and `{length}` in characters.
    pub id_too_long: Template,
    pub id_whitespace: Text,
    pub id_control: Text,
    pub id_forbidden: Template,
    pub paging_other_host: Text,
    pub paging_too_many: Template,
    pub config_not_an_object: Text,
    pub config_no_token_source: Text,
    pub config_get_token_not_a_function: Text,
    pub config_not_a_string: Template,
    pub token_empty: Text,
    pub token_not_a_header: Text,
    pub api_base_unknown_host: Template,
    pub api_base_not_https: Text,
    pub api_base_unsafe: Text,
    pub api_base_malformed: Text,
    pub api_base_no_page_origin: Text,
    pub config_json_not_json: Text,
    pub config_json_client_id: Text,
    pub config_json_tenant_id: Text,
    pub config_json_cloud: Text,
    pub config_json_scope: Text,
    /// Put before the API base problem: `config.json has an unusable "apiBase": …`.
    pub config_json_api_base: Text,
    /// The standalone page around the widget.
    pub page: PageTexts,
}

/// The standalone page's own texts.
#[derive(Clone, Copy)]
pub struct PageTexts {
    pub subtitle: Text,
    pub demo_banner: Text,
    pub sign_in_prompt: Text,
    pub sign_in: Text,
    pub sign_out: Text,
    pub not_configured: Text,
    pub sign_in_failed: Text,
    pub reload: Text,
    pub language: Text,
    pub config_unreachable: Text,
    /// `{status}` stands for the HTTP status.
    pub config_http_error: Text,
    pub msal_missing: Text,
}

impl Texts {
    /// The template for `n` among `forms`, by the language's plural rules.
    fn plural(&self, forms: PluralTemplate, n: u64) -> Template {
        let form = usize::from(!is_one(self.locale, n));
        forms.get(form).or(forms.last()).copied().unwrap_or_default()
    }

    pub fn loading(&self, id: &str) -> String {
        fill(self.loading, &[("id", id)])
    }

    pub fn empty_body(&self, id: &str) -> String {
        fill(self.empty_body, &[("id", id)])
    }

    pub fn summary_all(&self, count: Count<'_>, id: &str) -> String {
        fill(self.plural(self.summary_all, count.n), &[("count", count.shown), ("id", id)])
    }

    pub fn summary_some(&self, shown: &str, count: Count<'_>, id: &str) -> String {
        fill(self.plural(self.summary_some, count.n), &[("shown", shown), ("count", count.shown), ("id", id)])
    }

    pub fn announce_loaded(&self, count: Count<'_>, id: &str) -> String {
        fill(self.plural(self.announce_loaded, count.n), &[("count", count.shown), ("id", id)])
    }

    pub fn announce_empty(&self, id: &str) -> String {
        fill(self.announce_empty, &[("id", id)])
    }

    pub fn show_more(&self, count: &str) -> String {
        fill(self.show_more, &[("count", count)])
    }

    pub fn opens_in_new_tab(&self, kb: &str) -> String {
        fill(self.opens_in_new_tab, &[("kb", kb)])
    }

    pub fn error_title(&self, id: &str) -> String {
        fill(self.error_title, &[("id", id)])
    }

    /// The countdown before the next attempt.
    pub fn waiting(&self, reason: WaitReason, seconds: &str) -> String {
        let template = match reason {
            WaitReason::Throttled => self.waiting_throttled,
            WaitReason::Retry => self.waiting_retry,
            WaitReason::RateLimit => self.waiting_rate_limit,
        };
        fill(template, &[("seconds", seconds)])
    }

    pub fn loaded_age(&self, age: &str) -> String {
        fill(self.loaded_age, &[("age", age)])
    }

    pub fn error_kind(&self, kind: &ErrorKind, format_number: impl Fn(u64) -> String) -> String {
        match kind {
            ErrorKind::BadRequest => self.bad_request.to_owned(),
            ErrorKind::Unauthorized => self.unauthorized.to_owned(),
            ErrorKind::Forbidden => self.forbidden.to_owned(),
            ErrorKind::NotFound => self.not_found.to_owned(),
            ErrorKind::Throttled { retry_after_secs: Some(seconds) } => {
                fill(self.throttled_for, &[("seconds", &format_number(*seconds))])
            }
            ErrorKind::Throttled { retry_after_secs: None } => self.throttled.to_owned(),
            ErrorKind::ServerError(status) => fill(self.server_error, &[("status", &status.to_string())]),
            ErrorKind::UnexpectedStatus(status) => fill(self.unexpected_status, &[("status", &status.to_string())]),
            ErrorKind::Network => self.network.to_owned(),
            ErrorKind::InvalidResponse => self.invalid_response.to_owned(),
            ErrorKind::TokenUnavailable => self.token_unavailable.to_owned(),
            ErrorKind::Timeout(seconds) => fill(self.timeout, &[("seconds", &format_number(*seconds))]),
            ErrorKind::Redirected => self.redirected.to_owned(),
            ErrorKind::TooLarge => fill(
                self.too_large,
                &[
                    ("megabytes", &format_number(MAX_ANSWER_MEGABYTES as u64)),
                    ("kbs", &format_number(MAX_KBS_SHOWN as u64)),
                ],
            ),
            ErrorKind::RateLimited(seconds) => fill(self.rate_limited, &[("seconds", &format_number(*seconds))]),
        }
    }

    pub fn software_id_error(&self, error: &SoftwareIdError) -> String {
        match error {
            SoftwareIdError::Empty => self.id_empty.to_owned(),
            SoftwareIdError::TooLong(length) => {
                fill(self.id_too_long, &[("max", &MAX_SOFTWARE_ID_LEN.to_string()), ("length", &length.to_string())])
            }
            SoftwareIdError::Whitespace => self.id_whitespace.to_owned(),
            SoftwareIdError::ControlCharacter => self.id_control.to_owned(),
            SoftwareIdError::Slash => fill(self.id_forbidden, &[("character", "/")]),
            SoftwareIdError::Backslash => fill(self.id_forbidden, &[("character", "\\")]),
            SoftwareIdError::QuestionMark => fill(self.id_forbidden, &[("character", "?")]),
            SoftwareIdError::Hash => fill(self.id_forbidden, &[("character", "#")]),
            SoftwareIdError::Percent => fill(self.id_forbidden, &[("character", "%")]),
            SoftwareIdError::DotDot => fill(self.id_forbidden, &[("character", "..")]),
        }
    }

    pub fn paging_error(&self, error: &PagingError) -> String {
        match error {
            PagingError::OtherHost => self.paging_other_host.to_owned(),
            PagingError::TooManyPages => {
                fill(self.paging_too_many, &[("pages", &crate::paging::MAX_PAGES.to_string())])
            }
        }
    }

    /// What to fix in the standalone page's `config.json`.
    pub fn config_json_error(&self, error: &ConfigError) -> String {
        match error {
            ConfigError::NotJson => self.config_json_not_json.to_owned(),
            ConfigError::ClientId => self.config_json_client_id.to_owned(),
            ConfigError::TenantId => self.config_json_tenant_id.to_owned(),
            ConfigError::UnknownCloud => self.config_json_cloud.to_owned(),
            ConfigError::Scope => self.config_json_scope.to_owned(),
            ConfigError::ApiBase(problem) => {
                format!(
                    "{} {}",
                    self.config_json_api_base,
                    self.config_problem(&ConfigProblem::ApiBase(problem.clone()))
                )
            }
        }
    }

    pub fn config_problem(&self, problem: &ConfigProblem) -> String {
        match problem {
            ConfigProblem::OptionsNotAnObject => self.config_not_an_object.to_owned(),
            ConfigProblem::NoTokenSource => self.config_no_token_source.to_owned(),
            ConfigProblem::GetTokenNotAFunction => self.config_get_token_not_a_function.to_owned(),
            ConfigProblem::NotAString(option) => fill(self.config_not_a_string, &[("option", option)]),
            ConfigProblem::Token(AccessTokenError::Empty) => self.token_empty.to_owned(),
            ConfigProblem::Token(AccessTokenError::NotAHeaderValue) => self.token_not_a_header.to_owned(),
            ConfigProblem::ApiBase(ApiBaseError::UnknownHost(host)) => {
                fill(self.api_base_unknown_host, &[("host", host)])
            }
            ConfigProblem::ApiBase(ApiBaseError::NotHttps) => self.api_base_not_https.to_owned(),
            ConfigProblem::ApiBase(ApiBaseError::UnsafeSyntax) => self.api_base_unsafe.to_owned(),
            ConfigProblem::ApiBase(ApiBaseError::Malformed) => self.api_base_malformed.to_owned(),
            ConfigProblem::ApiBase(ApiBaseError::NoPageOrigin) => self.api_base_no_page_origin.to_owned(),
        }
    }
}

static EN: Texts = Texts {
    locale: Locale::English,
    widget_label: "Missing security updates",
    software_id_label: "Software ID",
    software_id_hint: "As in Defender's software inventory: vendor-_-product, for example microsoft-_-windows_10.",
    show_button: "Show missing KBs",
    idle: "Enter a software ID to see the security updates its machines are missing.",
    loading: "Loading missing KBs for {id}…",
    empty_title: "No missing KBs",
    empty_body: "Defender reports no missing security updates for {id} on any machine in your organisation.",
    summary_all: &["{count} missing KB for {id}", "{count} missing KBs for {id}"],
    summary_some: &["{shown} of {count} missing KB for {id}", "{shown} of {count} missing KBs for {id}"],
    announce_loaded: &["Loaded {count} missing KB for {id}.", "Loaded {count} missing KBs for {id}."],
    announce_empty: "{id} has no missing KBs.",
    missing_installs: "Missing installs",
    exposed_machines: "Exposed devices",
    cves_addressed: "CVEs addressed",
    filter_label: "Filter",
    filter_placeholder: "KB number, name or product",
    product_filter_label: "Filter by product",
    sort_label: "Sort by",
    sort_machines: "Machines missing (most first)",
    sort_cves: "CVEs addressed (most first)",
    sort_kb: "KB number (newest first)",
    sort_name: "Name (A to Z)",
    export_csv: "Export CSV",
    copy_kbs: "Copy KB numbers",
    kbs_copied: "KB numbers copied",
    no_match: "No KB matches the filter.",
    show_more: "Show {count} more KBs",
    csv_headings: ["KB", "Name", "Products", "Machines missing", "CVEs addressed", "Update Catalog link"],
    unknown_kb: "Unknown KB",
    name_unknown: "Name unknown",
    machines_missing_it: "Machines missing it",
    products: "Products",
    os_build: "OS build",
    unknown: "unknown",
    none_listed: "none listed",
    open_in_catalog: "Open in Update Catalog",
    opens_in_new_tab: " for {kb} (opens in a new tab)",
    no_catalog_link: "No Update Catalog link for this KB.",
    error_title: "Could not load the missing KBs for {id}",
    defender_said: "Defender said:",
    correlation_id: "Correlation ID (Microsoft support asks for it):",
    copy: "Copy",
    copied: "Copied",
    retry: "Retry",
    config_error_title: "The widget is not configured correctly",
    bad_request: "Defender refused the request as malformed (HTTP 400). Check the software ID.",
    unauthorized: "Your sign-in has expired or the access token was rejected (HTTP 401). Sign in again.",
    forbidden: "Your account or this app lacks the Defender for Endpoint permission Software.Read (HTTP 403). Ask an administrator to grant it.",
    not_found: "This software ID is not in your organisation's Defender software inventory (HTTP 404). Check the ID on the software inventory page.",
    throttled_for: "Defender is limiting how often it can be asked (HTTP 429). Try again in {seconds} s.",
    throttled: "Defender is limiting how often it can be asked (HTTP 429). Try again in a minute.",
    server_error: "Defender had a problem on its side (HTTP {status}). Try again in a few minutes.",
    unexpected_status: "Defender answered with an unexpected status (HTTP {status}).",
    network: "Could not reach the Defender API. Check the network connection; if it persists, a proxy or the API's cross-origin (CORS) policy may be blocking this page.",
    invalid_response: "Defender's answer was not the expected list of missing KBs.",
    token_unavailable: "The sign-in did not give an access token. Sign in again, then Retry.",
    timeout: "Defender did not answer within {seconds} s. Try again; if it keeps happening, the service may be slow or unreachable.",
    redirected: "The API address answered with a redirect to another address, which the widget does not follow: the Defender API never redirects, so a proxy or a wrong API address is in the way.",
    too_large: "Defender's answer was larger than any real list (over {megabytes} MB or {kbs} KBs), so the widget stopped reading it. A proxy or a faulty service may be in the way.",
    rate_limited: "This page has reached Defender's call limit (50 a minute, 1,500 an hour), so nothing was sent. Try again in {seconds} s.",
    waiting_throttled: "Defender asked to wait before the next request. Trying again in {seconds} s…",
    waiting_retry: "Defender did not answer properly. Trying again in {seconds} s…",
    waiting_rate_limit: "This page has reached Defender's call limit (50 a minute, 1,500 an hour). Asking in {seconds} s…",
    cancel: "Cancel",
    loaded_age: "Loaded {age}",
    refresh: "Refresh",
    widget_stopped_title: "The widget stopped",
    widget_stopped_body: "An internal error stopped the missing-KBs widget. Reload the page to use it again.",
    id_empty: "Enter a software ID, for example microsoft-_-edge.",
    id_too_long: "A software ID has at most {max} characters; this one has {length}.",
    id_whitespace: "A software ID has no spaces or line breaks.",
    id_control: "A software ID has no control characters.",
    id_forbidden: "A software ID has no “{character}”.",
    paging_other_host: "Defender's answer linked to a next page on another host; it was not followed.",
    paging_too_many: "Defender's answer had more than {pages} pages; only the first {pages} are shown.",
    config_not_an_object: "mount() needs an options object: { softwareId, getToken or token, apiBase }.",
    config_no_token_source: "Pass getToken (a function that returns an access token) or token to mount().",
    config_get_token_not_a_function: "The getToken option must be a function that returns an access token.",
    config_not_a_string: "The {option} option must be a string.",
    token_empty: "The sign-in gave no access token.",
    token_not_a_header: "The access token has spaces or control characters, so it cannot be sent in a header.",
    api_base_unknown_host: "The API address “{host}” is not a Defender for Endpoint API host. Use one such as https://api.security.microsoft.com, a path on this site that proxies the API, or a loopback address.",
    api_base_not_https: "The API address must use https (plain http is only allowed for localhost).",
    api_base_unsafe: "The API address must not contain a user name, query, fragment, backslash or “..”.",
    api_base_malformed: "The API address is not a valid URL.",
    api_base_no_page_origin: "This page has no web origin (it was opened from a file or in a sandboxed frame), so the API address must be a full https URL.",
    config_json_not_json: "config.json is not a JSON object. Put in it {\"clientId\": \"…\", \"tenantId\": \"…\", \"cloud\": \"commercial\"}, or {\"mockApi\": true} for the demo.",
    config_json_client_id: "config.json needs \"clientId\": the Application (client) ID of your app registration in Microsoft Entra ID, a GUID.",
    config_json_tenant_id: "config.json needs \"tenantId\": your Microsoft Entra tenant ID (a GUID) or its domain, such as contoso.onmicrosoft.com.",
    config_json_cloud: "config.json has an unknown \"cloud\": use \"commercial\", \"gcc\", \"gcc-high\" or \"dod\".",
    config_json_scope: "config.json has an unusable \"scope\": it must be one scope, such as https://api.securitycenter.microsoft.com/Software.Read.",
    config_json_api_base: "config.json has an unusable \"apiBase\":",
    page: PageTexts {
        subtitle: "Windows KBs that your organisation's machines still miss, from Microsoft Defender for Endpoint",
        demo_banner: "Demo mode: data comes from the built-in mock Defender API, not from your tenant.",
        sign_in_prompt: "Sign in with your work account to see the missing KBs.",
        sign_in: "Sign in",
        sign_out: "Sign out",
        not_configured: "This page is not configured",
        sign_in_failed: "Sign-in failed",
        reload: "Reload the page to try again.",
        language: "Language",
        config_unreachable: "config.json could not be loaded. Put a config.json beside this page.",
        config_http_error: "config.json could not be loaded (HTTP {status}). Put a config.json beside this page: {\"clientId\": \"…\", \"tenantId\": \"…\", \"cloud\": \"commercial\"}, or {\"mockApi\": true} for the demo.",
        msal_missing: "MSAL.js (msal-browser.min.js) did not load beside this page.",
    },
};

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// Installs every language from its catalogue in `web/i18n`, as the page does when needed.
    pub(crate) fn install_catalogues() {
        let catalogues = [
            (Locale::Japanese, include_str!("../../web/i18n/ja.js")),
            (Locale::TraditionalChinese, include_str!("../../web/i18n/zh-Hant.js")),
            (Locale::Swedish, include_str!("../../web/i18n/sv.js")),
            (Locale::French, include_str!("../../web/i18n/fr.js")),
            (Locale::BrazilianPortuguese, include_str!("../../web/i18n/pt-BR.js")),
        ];
        for (locale, module) in catalogues {
            let json = module.split_once("export default ").expect("an ES module with a default export").1;
            let catalogue: serde_json::Value = serde_json::from_str(json.trim_end().trim_end_matches(';')).unwrap();
            let entry = |key: &str| match catalogue.pointer(&format!("/{}", key.replace('.', "/")))? {
                serde_json::Value::String(text) => Some(CatalogEntry::Text(text.clone())),
                serde_json::Value::Array(list) => list
                    .iter()
                    .map(|value| value.as_str().map(str::to_owned))
                    .collect::<Option<_>>()
                    .map(CatalogEntry::List),
                _ => None,
            };
            locale.install_texts(entry).unwrap_or_else(|error| panic!("{locale:?}: {error}"));
            assert!(locale.is_ready());
        }
    }

    fn count(n: u64) -> Count<'static> {
        Count { shown: Box::leak(n.to_string().into_boxed_str()), n }
    }

    #[test]
    fn each_locale_has_its_own_texts() {
        install_catalogues();
        for locale in Locale::ALL {
            assert_eq!(locale.texts().locale, locale);
        }
        let labels: std::collections::HashSet<_> = Locale::ALL.iter().map(|l| l.texts().show_button).collect();
        assert_eq!(labels.len(), Locale::ALL.len(), "a language repeats another's text");
    }

    #[test]
    fn a_catalogue_with_a_missing_or_misshapen_text_is_refused() {
        let english = Locale::English.texts();
        let catalogue = |skip: &'static str, plural_as_text: bool| {
            move |key: &str| -> Option<CatalogEntry> {
                let text = |value: &str| Some(CatalogEntry::Text(value.to_owned()));
                match key {
                    _ if key == skip => None,
                    "summary_all" | "summary_some" | "announce_loaded" if plural_as_text => text("{count}"),
                    "summary_all" | "summary_some" | "announce_loaded" => {
                        Some(CatalogEntry::List(vec!["{count}".into(), "{count}s".into()]))
                    }
                    "csv_headings" => Some(CatalogEntry::List(english.csv_headings.map(str::to_owned).to_vec())),
                    _ => text(key),
                }
            }
        };
        let texts = read_catalogue(Locale::Swedish, catalogue("", false)).unwrap();
        assert_eq!((texts.locale, texts.retry, texts.page.sign_in), (Locale::Swedish, "retry", "page.sign_in"));
        assert_eq!(texts.summary_all(Count { shown: "2", n: 2 }, "x"), "2s");
        let refused = |skip, plural_as_text| read_catalogue(Locale::Swedish, catalogue(skip, plural_as_text)).err();
        assert_eq!(refused("loading", false), Some(MissingText("loading".into())));
        assert_eq!(refused("page.msal_missing", false), Some(MissingText("page.msal_missing".into())));
        assert_eq!(refused("", true), Some(MissingText("summary_all".into())));
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

    #[test]
    fn the_english_texts_match_the_core_messages() {
        let texts = Locale::English.texts();
        let kinds = [
            ErrorKind::BadRequest,
            ErrorKind::Unauthorized,
            ErrorKind::Forbidden,
            ErrorKind::NotFound,
            ErrorKind::Throttled { retry_after_secs: Some(30) },
            ErrorKind::Throttled { retry_after_secs: None },
            ErrorKind::ServerError(503),
            ErrorKind::UnexpectedStatus(418),
            ErrorKind::Network,
            ErrorKind::InvalidResponse,
            ErrorKind::TokenUnavailable,
            ErrorKind::Timeout(30),
            ErrorKind::Redirected,
            ErrorKind::TooLarge,
            ErrorKind::RateLimited(12),
        ];
        for kind in kinds {
            assert_eq!(texts.error_kind(&kind, |n| n.to_string()), kind.to_string());
        }
        for error in [
            SoftwareIdError::Empty,
            SoftwareIdError::TooLong(300),
            SoftwareIdError::Slash,
            SoftwareIdError::DotDot,
            SoftwareIdError::ControlCharacter,
        ] {
            assert_eq!(texts.software_id_error(&error), error.to_string());
        }
        for problem in [
            ConfigProblem::NoTokenSource,
            ConfigProblem::NotAString("apiBase"),
            ConfigProblem::Token(AccessTokenError::Empty),
            ConfigProblem::ApiBase(ApiBaseError::UnknownHost("evil.example".into())),
            ConfigProblem::ApiBase(ApiBaseError::NotHttps),
            ConfigProblem::ApiBase(ApiBaseError::NoPageOrigin),
        ] {
            assert_eq!(texts.config_problem(&problem), problem.to_string());
        }
        assert_eq!(texts.paging_error(&PagingError::TooManyPages), PagingError::TooManyPages.to_string());
        for error in [
            ConfigError::NotJson,
            ConfigError::ClientId,
            ConfigError::TenantId,
            ConfigError::UnknownCloud,
            ConfigError::Scope,
            ConfigError::ApiBase(ApiBaseError::NotHttps),
        ] {
            assert_eq!(texts.config_json_error(&error), error.to_string());
        }
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

    fn templates(texts: &Texts) -> Vec<(&'static str, Template)> {
        let mut all = vec![
            ("loading", texts.loading),
            ("empty_body", texts.empty_body),
            ("announce_empty", texts.announce_empty),
            ("show_more", texts.show_more),
            ("opens_in_new_tab", texts.opens_in_new_tab),
            ("error_title", texts.error_title),
            ("throttled_for", texts.throttled_for),
            ("server_error", texts.server_error),
            ("unexpected_status", texts.unexpected_status),
            ("timeout", texts.timeout),
            ("waiting_throttled", texts.waiting_throttled),
            ("waiting_retry", texts.waiting_retry),
            ("waiting_rate_limit", texts.waiting_rate_limit),
            ("too_large", texts.too_large),
            ("rate_limited", texts.rate_limited),
            ("loaded_age", texts.loaded_age),
            ("id_too_long", texts.id_too_long),
            ("id_forbidden", texts.id_forbidden),
            ("paging_too_many", texts.paging_too_many),
            ("config_not_a_string", texts.config_not_a_string),
            ("api_base_unknown_host", texts.api_base_unknown_host),
            // Filled by the standalone page's script.
            ("page.config_http_error", texts.page.config_http_error),
        ];
        for (name, forms) in [
            ("summary_all", texts.summary_all),
            ("summary_some", texts.summary_some),
            ("announce_loaded", texts.announce_loaded),
        ] {
            all.extend(forms.iter().map(|form| (name, *form)));
        }
        all
    }

    #[test]
    fn every_template_has_the_holes_of_the_english_one() {
        install_catalogues();
        let english: std::collections::HashMap<_, _> = templates(Locale::English.texts()).into_iter().collect();
        for locale in Locale::ALL {
            let texts = locale.texts();
            for (name, template) in templates(texts) {
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
                texts
                    .config_problem(&ConfigProblem::ApiBase(ApiBaseError::UnknownHost("evil.example".into())))
                    .contains("evil.example"),
                "{locale:?}"
            );
            assert!(texts.loading("microsoft-_-edge").contains("microsoft-_-edge"), "{locale:?}");
            let too_large = texts.error_kind(&ErrorKind::TooLarge, |n| format!("<{n}>"));
            assert!(too_large.contains("<64>") && too_large.contains("<200000>"), "{locale:?}: {too_large}");
            assert!(texts.waiting(WaitReason::RateLimit, "<7>").contains("<7>"), "{locale:?}");
            assert!(texts.summary_some("3", count(8), "id").contains('3'), "{locale:?}");
            assert!(texts.summary_some("3", count(8), "id").contains('8'), "{locale:?}");
            assert_eq!(texts.csv_headings[0], "KB", "{locale:?}");
            assert!(!texts.page.sign_in.is_empty(), "{locale:?}");
        }
    }
}
