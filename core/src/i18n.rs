//! Every text the widget shows, in its six languages, and how the language is chosen.
//!
//! Each language is one `Texts` value: a text missing in any language is a
//! missing struct field, so the build fails instead of showing a raw key.
//! Texts with values are templates with named holes (`{id}`), which the
//! methods of `Texts` fill: one small function for every text and language,
//! instead of a formatting function each. Numbers come already formatted for
//! the locale (the browser's `Intl.NumberFormat`); a count's raw value picks
//! its plural form.

use crate::access_token::AccessTokenError;
use crate::api_base::ApiBaseError;
use crate::api_error::ErrorKind;
use crate::host_config::ConfigProblem;
use crate::paging::PagingError;
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

    pub fn texts(self) -> &'static Texts {
        match self {
            Locale::English => &EN,
            Locale::Japanese => &JA,
            Locale::TraditionalChinese => &ZH_HANT,
            Locale::Swedish => &SV,
            Locale::French => &FR,
            Locale::BrazilianPortuguese => &PT_BR,
        }
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
    /// Shown with a countdown (`{seconds}`) while Defender's `Retry-After` runs out.
    pub waiting_throttled: Template,
    /// Shown with a countdown (`{seconds}`) before a transient failure is tried again.
    pub waiting_retry: Template,
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

    /// The countdown before the next attempt, after a 429 (`throttled`) or another failure.
    pub fn waiting(&self, throttled: bool, seconds: &str) -> String {
        fill(if throttled { self.waiting_throttled } else { self.waiting_retry }, &[("seconds", seconds)])
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
    waiting_throttled: "Defender asked to wait before the next request. Trying again in {seconds} s…",
    waiting_retry: "Defender did not answer properly. Trying again in {seconds} s…",
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

static JA: Texts = Texts {
    locale: Locale::Japanese,
    widget_label: "不足しているセキュリティ更新プログラム",
    software_id_label: "ソフトウェア ID",
    software_id_hint: "Defender のソフトウェア インベントリと同じ形式 (ベンダー-_-製品) です。例: microsoft-_-windows_10",
    show_button: "不足している KB を表示",
    idle: "ソフトウェア ID を入力すると、そのソフトウェアのコンピューターに不足しているセキュリティ更新プログラムが表示されます。",
    loading: "{id} の不足している KB を読み込んでいます…",
    empty_title: "不足している KB はありません",
    empty_body: "Defender の報告では、組織内のどのコンピューターでも {id} のセキュリティ更新プログラムは不足していません。",
    summary_all: &["{id} の不足している KB: {count} 件"],
    summary_some: &["{id} の不足している KB: {count} 件中 {shown} 件"],
    announce_loaded: &["{id} の不足している KB を {count} 件読み込みました。"],
    announce_empty: "{id} に不足している KB はありません。",
    missing_installs: "未インストール数",
    exposed_machines: "公開されているデバイス",
    cves_addressed: "対処される CVE",
    filter_label: "絞り込み",
    filter_placeholder: "KB 番号、名前、製品",
    product_filter_label: "製品で絞り込み",
    sort_label: "並べ替え",
    sort_machines: "不足しているコンピューター数 (多い順)",
    sort_cves: "対処される CVE (多い順)",
    sort_kb: "KB 番号 (新しい順)",
    sort_name: "名前 (昇順)",
    export_csv: "CSV にエクスポート",
    copy_kbs: "KB 番号をコピー",
    kbs_copied: "KB 番号をコピーしました",
    no_match: "絞り込み条件に一致する KB はありません。",
    show_more: "さらに {count} 件の KB を表示",
    csv_headings: ["KB", "名前", "製品", "不足しているコンピューター数", "対処される CVE", "Microsoft Update カタログのリンク"],
    unknown_kb: "不明な KB",
    name_unknown: "名前不明",
    machines_missing_it: "不足しているコンピューター",
    products: "製品",
    os_build: "OS ビルド",
    unknown: "不明",
    none_listed: "記載なし",
    open_in_catalog: "Microsoft Update カタログで開く",
    opens_in_new_tab: " ({kb}、新しいタブで開きます)",
    no_catalog_link: "この KB には Microsoft Update カタログのリンクがありません。",
    error_title: "{id} の不足している KB を読み込めませんでした",
    defender_said: "Defender からのメッセージ:",
    correlation_id: "関連付け ID (Microsoft サポートへの問い合わせに必要です):",
    copy: "コピー",
    copied: "コピーしました",
    retry: "再試行",
    config_error_title: "ウィジェットの構成が正しくありません",
    bad_request: "要求の形式が正しくないため、Defender に拒否されました (HTTP 400)。ソフトウェア ID を確認してください。",
    unauthorized: "サインインの有効期限が切れたか、アクセス トークンが拒否されました (HTTP 401)。もう一度サインインしてください。",
    forbidden: "アカウントまたはこのアプリに Defender for Endpoint のアクセス許可 Software.Read がありません (HTTP 403)。管理者に付与を依頼してください。",
    not_found: "このソフトウェア ID は組織の Defender ソフトウェア インベントリにありません (HTTP 404)。ソフトウェア インベントリ ページで ID を確認してください。",
    throttled_for: "Defender への要求が制限されています (HTTP 429)。{seconds} 秒後にもう一度お試しください。",
    throttled: "Defender への要求が制限されています (HTTP 429)。1 分後にもう一度お試しください。",
    server_error: "Defender 側で問題が発生しました (HTTP {status})。数分後にもう一度お試しください。",
    unexpected_status: "Defender から予期しない状態が返されました (HTTP {status})。",
    network: "Defender API に接続できませんでした。ネットワーク接続を確認してください。解決しない場合は、プロキシまたは API のクロスオリジン (CORS) ポリシーによってこのページがブロックされている可能性があります。",
    invalid_response: "Defender の応答が、想定された不足している KB の一覧ではありませんでした。",
    token_unavailable: "サインインでアクセス トークンを取得できませんでした。もう一度サインインしてから再試行してください。",
    timeout: "Defender が {seconds} 秒以内に応答しませんでした。もう一度お試しください。繰り返し発生する場合は、サービスが低速か接続できない可能性があります。",
    waiting_throttled: "Defender から次の要求まで待つよう求められました。{seconds} 秒後に再試行します…",
    waiting_retry: "Defender から正しい応答がありませんでした。{seconds} 秒後に再試行します…",
    cancel: "キャンセル",
    loaded_age: "{age}に読み込みました",
    refresh: "最新の情報に更新",
    widget_stopped_title: "ウィジェットが停止しました",
    widget_stopped_body: "内部エラーのため、不足している KB のウィジェットが停止しました。もう一度使用するには、ページを再読み込みしてください。",
    id_empty: "ソフトウェア ID を入力してください (例: microsoft-_-edge)。",
    id_too_long: "ソフトウェア ID は {max} 文字以内です。入力された ID は {length} 文字です。",
    id_whitespace: "ソフトウェア ID に空白や改行は使用できません。",
    id_control: "ソフトウェア ID に制御文字は使用できません。",
    id_forbidden: "ソフトウェア ID に「{character}」は使用できません。",
    paging_other_host: "Defender の応答が別のホスト上の次のページを指していたため、たどりませんでした。",
    paging_too_many: "Defender の応答が {pages} ページを超えたため、最初の {pages} ページだけを表示しています。",
    config_not_an_object: "mount() にはオプション オブジェクト { softwareId, getToken または token, apiBase } が必要です。",
    config_no_token_source: "mount() に getToken (アクセス トークンを返す関数) または token を渡してください。",
    config_get_token_not_a_function: "getToken オプションは、アクセス トークンを返す関数である必要があります。",
    config_not_a_string: "{option} オプションは文字列である必要があります。",
    token_empty: "サインインでアクセス トークンが返されませんでした。",
    token_not_a_header: "アクセス トークンに空白または制御文字が含まれているため、ヘッダーで送信できません。",
    api_base_unknown_host: "API アドレス「{host}」は Defender for Endpoint API のホストではありません。https://api.security.microsoft.com などのホスト、API をプロキシするこのサイト上のパス、またはループバック アドレスを使用してください。",
    api_base_not_https: "API アドレスには https を使用してください (http は localhost の場合のみ使用できます)。",
    api_base_unsafe: "API アドレスにユーザー名、クエリ、フラグメント、円記号 (\\)、「..」を含めることはできません。",
    api_base_malformed: "API アドレスが有効な URL ではありません。",
    config_json_not_json: "config.json が JSON オブジェクトではありません。{\"clientId\": \"…\", \"tenantId\": \"…\", \"cloud\": \"commercial\"} を記述してください (デモの場合は {\"mockApi\": true})。",
    config_json_client_id: "config.json に \"clientId\" (Microsoft Entra ID のアプリ登録のアプリケーション (クライアント) ID、GUID) が必要です。",
    config_json_tenant_id: "config.json に \"tenantId\" (Microsoft Entra テナント ID (GUID) または contoso.onmicrosoft.com などのドメイン) が必要です。",
    config_json_cloud: "config.json の \"cloud\" が不明です。\"commercial\"、\"gcc\"、\"gcc-high\"、\"dod\" のいずれかを使用してください。",
    config_json_scope: "config.json の \"scope\" を使用できません。https://api.securitycenter.microsoft.com/Software.Read のように 1 つのスコープを指定してください。",
    config_json_api_base: "config.json の \"apiBase\" を使用できません:",
    page: PageTexts {
        subtitle: "組織のコンピューターにまだ適用されていない Windows の KB (Microsoft Defender for Endpoint より)",
        demo_banner: "デモ モード: データはテナントではなく、組み込みのモック Defender API から取得しています。",
        sign_in_prompt: "不足している KB を表示するには、職場アカウントでサインインしてください。",
        sign_in: "サインイン",
        sign_out: "サインアウト",
        not_configured: "このページは構成されていません",
        sign_in_failed: "サインインに失敗しました",
        reload: "ページを再読み込みして、もう一度お試しください。",
        language: "言語",
        config_unreachable: "config.json を読み込めませんでした。このページと同じ場所に config.json を配置してください。",
        config_http_error: "config.json を読み込めませんでした (HTTP {status})。このページと同じ場所に config.json を配置してください: {\"clientId\": \"…\", \"tenantId\": \"…\", \"cloud\": \"commercial\"} (デモの場合は {\"mockApi\": true})。",
        msal_missing: "MSAL.js (msal-browser.min.js) がこのページと同じ場所から読み込まれませんでした。",
    },
};

static ZH_HANT: Texts = Texts {
    locale: Locale::TraditionalChinese,
    widget_label: "遺失的安全性更新",
    software_id_label: "軟體識別碼",
    software_id_hint: "與 Defender 軟體清查相同的格式：廠商-_-產品，例如 microsoft-_-windows_10。",
    show_button: "顯示遺失的 KB",
    idle: "輸入軟體識別碼，即可查看其電腦遺失的安全性更新。",
    loading: "正在載入 {id} 遺失的 KB…",
    empty_title: "沒有遺失的 KB",
    empty_body: "Defender 回報貴組織中沒有任何電腦遺失 {id} 的安全性更新。",
    summary_all: &["{id} 遺失的 KB：{count} 個"],
    summary_some: &["{id} 遺失的 KB：{shown} 個 (共 {count} 個)"],
    announce_loaded: &["已載入 {id} 遺失的 KB {count} 個。"],
    announce_empty: "{id} 沒有遺失的 KB。",
    missing_installs: "遺失安裝數",
    exposed_machines: "公開的裝置",
    cves_addressed: "解決的 CVE",
    filter_label: "篩選",
    filter_placeholder: "KB 編號、名稱或產品",
    product_filter_label: "依產品篩選",
    sort_label: "排序方式",
    sort_machines: "遺失的電腦數 (由多到少)",
    sort_cves: "解決的 CVE (由多到少)",
    sort_kb: "KB 編號 (由新到舊)",
    sort_name: "名稱 (A 到 Z)",
    export_csv: "匯出 CSV",
    copy_kbs: "複製 KB 編號",
    kbs_copied: "已複製 KB 編號",
    no_match: "沒有符合篩選條件的 KB。",
    show_more: "再顯示 {count} 個 KB",
    csv_headings: ["KB", "名稱", "產品", "遺失的電腦數", "解決的 CVE", "Microsoft Update Catalog 連結"],
    unknown_kb: "未知的 KB",
    name_unknown: "名稱不明",
    machines_missing_it: "遺失此更新的電腦",
    products: "產品",
    os_build: "OS 組建",
    unknown: "不明",
    none_listed: "未列出",
    open_in_catalog: "在 Microsoft Update Catalog 中開啟",
    opens_in_new_tab: "：{kb} (在新索引標籤中開啟)",
    no_catalog_link: "此 KB 沒有 Microsoft Update Catalog 連結。",
    error_title: "無法載入 {id} 遺失的 KB",
    defender_said: "Defender 的訊息：",
    correlation_id: "相互關聯識別碼 (Microsoft 支援服務會要求提供)：",
    copy: "複製",
    copied: "已複製",
    retry: "重試",
    config_error_title: "小工具的設定不正確",
    bad_request: "Defender 因要求格式錯誤而拒絕 (HTTP 400)。請檢查軟體識別碼。",
    unauthorized: "您的登入已過期或存取權杖遭到拒絕 (HTTP 401)。請重新登入。",
    forbidden: "您的帳戶或此應用程式缺少 Defender for Endpoint 權限 Software.Read (HTTP 403)。請要求系統管理員授與。",
    not_found: "此軟體識別碼不在貴組織的 Defender 軟體清查中 (HTTP 404)。請在軟體清查頁面確認識別碼。",
    throttled_for: "Defender 正在限制要求頻率 (HTTP 429)。請在 {seconds} 秒後再試一次。",
    throttled: "Defender 正在限制要求頻率 (HTTP 429)。請在一分鐘後再試一次。",
    server_error: "Defender 端發生問題 (HTTP {status})。請在幾分鐘後再試一次。",
    unexpected_status: "Defender 傳回了非預期的狀態 (HTTP {status})。",
    network: "無法連線到 Defender API。請檢查網路連線；如果問題持續，可能是 Proxy 或 API 的跨原始來源 (CORS) 原則封鎖了此頁面。",
    invalid_response: "Defender 的回應不是預期的遺失 KB 清單。",
    token_unavailable: "登入未提供存取權杖。請重新登入，然後重試。",
    timeout: "Defender 未在 {seconds} 秒內回應。請再試一次；如果持續發生，服務可能緩慢或無法連線。",
    waiting_throttled: "Defender 要求在下一個要求前等候。將在 {seconds} 秒後重試…",
    waiting_retry: "Defender 未正確回應。將在 {seconds} 秒後重試…",
    cancel: "取消",
    loaded_age: "{age}載入",
    refresh: "重新整理",
    widget_stopped_title: "小工具已停止",
    widget_stopped_body: "內部錯誤使遺失 KB 小工具停止運作。請重新載入頁面以再次使用。",
    id_empty: "請輸入軟體識別碼，例如 microsoft-_-edge。",
    id_too_long: "軟體識別碼最多 {max} 個字元；此識別碼有 {length} 個字元。",
    id_whitespace: "軟體識別碼不能包含空格或換行。",
    id_control: "軟體識別碼不能包含控制字元。",
    id_forbidden: "軟體識別碼不能包含「{character}」。",
    paging_other_host: "Defender 的回應連結到其他主機上的下一頁，因此未繼續讀取。",
    paging_too_many: "Defender 的回應超過 {pages} 頁；只顯示前 {pages} 頁。",
    config_not_an_object: "mount() 需要選項物件：{ softwareId, getToken 或 token, apiBase }。",
    config_no_token_source: "請將 getToken (傳回存取權杖的函式) 或 token 傳給 mount()。",
    config_get_token_not_a_function: "getToken 選項必須是傳回存取權杖的函式。",
    config_not_a_string: "{option} 選項必須是字串。",
    token_empty: "登入沒有傳回存取權杖。",
    token_not_a_header: "存取權杖包含空格或控制字元，因此無法在標頭中傳送。",
    api_base_unknown_host: "API 位址「{host}」不是 Defender for Endpoint API 主機。請使用 https://api.security.microsoft.com 等主機、此網站上代理 API 的路徑，或回送位址。",
    api_base_not_https: "API 位址必須使用 https (只有 localhost 可以使用 http)。",
    api_base_unsafe: "API 位址不能包含使用者名稱、查詢、片段、反斜線或「..」。",
    api_base_malformed: "API 位址不是有效的 URL。",
    config_json_not_json: "config.json 不是 JSON 物件。請在其中放入 {\"clientId\": \"…\", \"tenantId\": \"…\", \"cloud\": \"commercial\"}，若為示範則放入 {\"mockApi\": true}。",
    config_json_client_id: "config.json 需要 \"clientId\"：您在 Microsoft Entra ID 中應用程式註冊的應用程式 (用戶端) 識別碼，為 GUID。",
    config_json_tenant_id: "config.json 需要 \"tenantId\"：您的 Microsoft Entra 租用戶識別碼 (GUID) 或其網域，例如 contoso.onmicrosoft.com。",
    config_json_cloud: "config.json 的 \"cloud\" 不明：請使用 \"commercial\"、\"gcc\"、\"gcc-high\" 或 \"dod\"。",
    config_json_scope: "config.json 的 \"scope\" 無法使用：必須是單一範圍，例如 https://api.securitycenter.microsoft.com/Software.Read。",
    config_json_api_base: "config.json 的 \"apiBase\" 無法使用：",
    page: PageTexts {
        subtitle: "貴組織電腦仍遺失的 Windows KB，資料來自 Microsoft Defender for Endpoint",
        demo_banner: "示範模式：資料來自內建的模擬 Defender API，而非您的租用戶。",
        sign_in_prompt: "請使用您的公司帳戶登入，以查看遺失的 KB。",
        sign_in: "登入",
        sign_out: "登出",
        not_configured: "此頁面尚未設定",
        sign_in_failed: "登入失敗",
        reload: "請重新載入頁面再試一次。",
        language: "語言",
        config_unreachable: "無法載入 config.json。請將 config.json 放在此頁面旁。",
        config_http_error: "無法載入 config.json (HTTP {status})。請將 config.json 放在此頁面旁：{\"clientId\": \"…\", \"tenantId\": \"…\", \"cloud\": \"commercial\"}，若為示範則為 {\"mockApi\": true}。",
        msal_missing: "無法從此頁面旁載入 MSAL.js (msal-browser.min.js)。",
    },
};

static SV: Texts = Texts {
    locale: Locale::Swedish,
    widget_label: "Saknade säkerhetsuppdateringar",
    software_id_label: "Programvaru-ID",
    software_id_hint: "Som i Defenders programvaruinventering: leverantör-_-produkt, till exempel microsoft-_-windows_10.",
    show_button: "Visa saknade KB",
    idle: "Ange ett programvaru-ID för att se vilka säkerhetsuppdateringar dess datorer saknar.",
    loading: "Läser in saknade KB för {id}…",
    empty_title: "Inga saknade KB",
    empty_body: "Enligt Defender saknar ingen dator i organisationen säkerhetsuppdateringar för {id}.",
    summary_all: &["{count} saknad KB för {id}", "{count} saknade KB för {id}"],
    summary_some: &["{shown} av {count} saknad KB för {id}", "{shown} av {count} saknade KB för {id}"],
    announce_loaded: &["Läste in {count} saknad KB för {id}.", "Läste in {count} saknade KB för {id}."],
    announce_empty: "{id} saknar inga KB.",
    missing_installs: "Saknade installationer",
    exposed_machines: "Exponerade enheter",
    cves_addressed: "Åtgärdade CVE",
    filter_label: "Filtrera",
    filter_placeholder: "KB-nummer, namn eller produkt",
    product_filter_label: "Filtrera efter produkt",
    sort_label: "Sortera efter",
    sort_machines: "Datorer som saknar den (flest först)",
    sort_cves: "Åtgärdade CVE (flest först)",
    sort_kb: "KB-nummer (nyast först)",
    sort_name: "Namn (A till Ö)",
    export_csv: "Exportera CSV",
    copy_kbs: "Kopiera KB-nummer",
    kbs_copied: "KB-nummer kopierade",
    no_match: "Ingen KB matchar filtret.",
    show_more: "Visa {count} KB till",
    csv_headings: ["KB", "Namn", "Produkter", "Datorer som saknar den", "Åtgärdade CVE", "Länk till Microsoft Update-katalogen"],
    unknown_kb: "Okänd KB",
    name_unknown: "Okänt namn",
    machines_missing_it: "Datorer som saknar den",
    products: "Produkter",
    os_build: "OS-version",
    unknown: "okänt",
    none_listed: "inga angivna",
    open_in_catalog: "Öppna i Microsoft Update-katalogen",
    opens_in_new_tab: " för {kb} (öppnas på en ny flik)",
    no_catalog_link: "Ingen länk till Microsoft Update-katalogen för den här KB:n.",
    error_title: "Det gick inte att läsa in saknade KB för {id}",
    defender_said: "Defender svarade:",
    correlation_id: "Korrelations-ID (Microsoft-supporten frågar efter det):",
    copy: "Kopiera",
    copied: "Kopierat",
    retry: "Försök igen",
    config_error_title: "Widgeten är inte korrekt konfigurerad",
    bad_request: "Defender avvisade begäran som felaktig (HTTP 400). Kontrollera programvaru-ID:t.",
    unauthorized: "Din inloggning har gått ut eller så avvisades åtkomsttoken (HTTP 401). Logga in igen.",
    forbidden: "Ditt konto eller den här appen saknar behörigheten Software.Read för Defender for Endpoint (HTTP 403). Be en administratör att bevilja den.",
    not_found: "Det här programvaru-ID:t finns inte i organisationens programvaruinventering i Defender (HTTP 404). Kontrollera ID:t på sidan för programvaruinventering.",
    throttled_for: "Defender begränsar hur ofta den kan tillfrågas (HTTP 429). Försök igen om {seconds} s.",
    throttled: "Defender begränsar hur ofta den kan tillfrågas (HTTP 429). Försök igen om en minut.",
    server_error: "Defender fick ett problem på sin sida (HTTP {status}). Försök igen om några minuter.",
    unexpected_status: "Defender svarade med en oväntad status (HTTP {status}).",
    network: "Det gick inte att nå Defender-API:t. Kontrollera nätverksanslutningen; om problemet kvarstår kan en proxy eller API:ts policy för korsande ursprung (CORS) blockera sidan.",
    invalid_response: "Defenders svar var inte den förväntade listan över saknade KB.",
    token_unavailable: "Inloggningen gav ingen åtkomsttoken. Logga in igen och försök sedan igen.",
    timeout: "Defender svarade inte inom {seconds} s. Försök igen; om det fortsätter kan tjänsten vara långsam eller onåbar.",
    waiting_throttled: "Defender bad om en paus före nästa begäran. Försöker igen om {seconds} s…",
    waiting_retry: "Defender svarade inte korrekt. Försöker igen om {seconds} s…",
    cancel: "Avbryt",
    loaded_age: "Inläst {age}",
    refresh: "Uppdatera",
    widget_stopped_title: "Widgeten stoppade",
    widget_stopped_body: "Ett internt fel stoppade widgeten för saknade KB. Läs in sidan igen för att använda den.",
    id_empty: "Ange ett programvaru-ID, till exempel microsoft-_-edge.",
    id_too_long: "Ett programvaru-ID har högst {max} tecken; det här har {length}.",
    id_whitespace: "Ett programvaru-ID innehåller inga mellanslag eller radbrytningar.",
    id_control: "Ett programvaru-ID innehåller inga kontrolltecken.",
    id_forbidden: "Ett programvaru-ID innehåller inte ”{character}”.",
    paging_other_host: "Defenders svar länkade till en nästa sida på en annan värd; den följdes inte.",
    paging_too_many: "Defenders svar hade fler än {pages} sidor; bara de första {pages} visas.",
    config_not_an_object: "mount() behöver ett alternativobjekt: { softwareId, getToken eller token, apiBase }.",
    config_no_token_source: "Skicka getToken (en funktion som returnerar en åtkomsttoken) eller token till mount().",
    config_get_token_not_a_function: "Alternativet getToken måste vara en funktion som returnerar en åtkomsttoken.",
    config_not_a_string: "Alternativet {option} måste vara en sträng.",
    token_empty: "Inloggningen gav ingen åtkomsttoken.",
    token_not_a_header: "Åtkomsttoken innehåller mellanslag eller kontrolltecken och kan därför inte skickas i ett huvud.",
    api_base_unknown_host: "API-adressen ”{host}” är ingen API-värd för Defender for Endpoint. Använd en värd som https://api.security.microsoft.com, en sökväg på den här webbplatsen som vidarebefordrar API:t eller en loopback-adress.",
    api_base_not_https: "API-adressen måste använda https (http tillåts bara för localhost).",
    api_base_unsafe: "API-adressen får inte innehålla användarnamn, fråga, fragment, omvänt snedstreck eller ”..”.",
    api_base_malformed: "API-adressen är ingen giltig URL.",
    config_json_not_json: "config.json är inget JSON-objekt. Skriv {\"clientId\": \"…\", \"tenantId\": \"…\", \"cloud\": \"commercial\"} i den, eller {\"mockApi\": true} för demon.",
    config_json_client_id: "config.json behöver \"clientId\": program-ID (klient-ID) för din appregistrering i Microsoft Entra ID, ett GUID.",
    config_json_tenant_id: "config.json behöver \"tenantId\": ditt klientorganisations-ID i Microsoft Entra (ett GUID) eller dess domän, till exempel contoso.onmicrosoft.com.",
    config_json_cloud: "config.json har ett okänt \"cloud\": använd \"commercial\", \"gcc\", \"gcc-high\" eller \"dod\".",
    config_json_scope: "config.json har ett oanvändbart \"scope\": det måste vara ett omfång, till exempel https://api.securitycenter.microsoft.com/Software.Read.",
    config_json_api_base: "config.json har ett oanvändbart \"apiBase\":",
    page: PageTexts {
        subtitle: "Windows-KB som organisationens datorer fortfarande saknar, från Microsoft Defender for Endpoint",
        demo_banner: "Demoläge: data kommer från det inbyggda simulerade Defender-API:t, inte från din klientorganisation.",
        sign_in_prompt: "Logga in med ditt arbetskonto för att se saknade KB.",
        sign_in: "Logga in",
        sign_out: "Logga ut",
        not_configured: "Sidan är inte konfigurerad",
        sign_in_failed: "Inloggningen misslyckades",
        reload: "Läs in sidan igen och försök på nytt.",
        language: "Språk",
        config_unreachable: "Det gick inte att läsa in config.json. Lägg en config.json bredvid den här sidan.",
        config_http_error: "Det gick inte att läsa in config.json (HTTP {status}). Lägg en config.json bredvid den här sidan: {\"clientId\": \"…\", \"tenantId\": \"…\", \"cloud\": \"commercial\"}, eller {\"mockApi\": true} för demon.",
        msal_missing: "MSAL.js (msal-browser.min.js) lästes inte in bredvid den här sidan.",
    },
};

static FR: Texts = Texts {
    locale: Locale::French,
    widget_label: "Mises à jour de sécurité manquantes",
    software_id_label: "ID logiciel",
    software_id_hint: "Comme dans l’inventaire logiciel de Defender : éditeur-_-produit, par exemple microsoft-_-windows_10.",
    show_button: "Afficher les KB manquants",
    idle: "Saisissez un ID logiciel pour voir les mises à jour de sécurité qui manquent à ses appareils.",
    loading: "Chargement des KB manquants pour {id}…",
    empty_title: "Aucun KB manquant",
    empty_body: "Selon Defender, aucun appareil de votre organisation ne manque de mise à jour de sécurité pour {id}.",
    summary_all: &["{count} KB manquant pour {id}", "{count} KB manquants pour {id}"],
    summary_some: &["{shown} sur {count} KB manquant pour {id}", "{shown} sur {count} KB manquants pour {id}"],
    announce_loaded: &["{count} KB manquant chargé pour {id}.", "{count} KB manquants chargés pour {id}."],
    announce_empty: "{id} n’a aucun KB manquant.",
    missing_installs: "Installations manquantes",
    exposed_machines: "Appareils exposés",
    cves_addressed: "CVE corrigées",
    filter_label: "Filtrer",
    filter_placeholder: "Numéro de KB, nom ou produit",
    product_filter_label: "Filtrer par produit",
    sort_label: "Trier par",
    sort_machines: "Appareils concernés (les plus nombreux d’abord)",
    sort_cves: "CVE corrigées (les plus nombreuses d’abord)",
    sort_kb: "Numéro de KB (les plus récents d’abord)",
    sort_name: "Nom (de A à Z)",
    export_csv: "Exporter en CSV",
    copy_kbs: "Copier les numéros de KB",
    kbs_copied: "Numéros de KB copiés",
    no_match: "Aucun KB ne correspond au filtre.",
    show_more: "Afficher {count} KB de plus",
    csv_headings: ["KB", "Nom", "Produits", "Appareils concernés", "CVE corrigées", "Lien vers le catalogue Microsoft Update"],
    unknown_kb: "KB inconnu",
    name_unknown: "Nom inconnu",
    machines_missing_it: "Appareils concernés",
    products: "Produits",
    os_build: "Build du système",
    unknown: "inconnu",
    none_listed: "aucun indiqué",
    open_in_catalog: "Ouvrir dans le catalogue Microsoft Update",
    opens_in_new_tab: " pour {kb} (s’ouvre dans un nouvel onglet)",
    no_catalog_link: "Aucun lien vers le catalogue Microsoft Update pour ce KB.",
    error_title: "Impossible de charger les KB manquants pour {id}",
    defender_said: "Message de Defender :",
    correlation_id: "ID de corrélation (demandé par le support Microsoft) :",
    copy: "Copier",
    copied: "Copié",
    retry: "Réessayer",
    config_error_title: "Le widget n’est pas configuré correctement",
    bad_request: "Defender a refusé la requête, jugée mal formée (HTTP 400). Vérifiez l’ID logiciel.",
    unauthorized: "Votre connexion a expiré ou le jeton d’accès a été refusé (HTTP 401). Reconnectez-vous.",
    forbidden: "Votre compte ou cette application n’a pas l’autorisation Software.Read de Defender for Endpoint (HTTP 403). Demandez-la à un administrateur.",
    not_found: "Cet ID logiciel ne figure pas dans l’inventaire logiciel Defender de votre organisation (HTTP 404). Vérifiez l’ID dans la page d’inventaire logiciel.",
    throttled_for: "Defender limite la fréquence des requêtes (HTTP 429). Réessayez dans {seconds} s.",
    throttled: "Defender limite la fréquence des requêtes (HTTP 429). Réessayez dans une minute.",
    server_error: "Defender a rencontré un problème de son côté (HTTP {status}). Réessayez dans quelques minutes.",
    unexpected_status: "Defender a répondu avec un statut inattendu (HTTP {status}).",
    network: "Impossible de joindre l’API Defender. Vérifiez la connexion réseau ; si le problème persiste, un proxy ou la stratégie d’origine croisée (CORS) de l’API bloque peut-être cette page.",
    invalid_response: "La réponse de Defender n’était pas la liste de KB manquants attendue.",
    token_unavailable: "La connexion n’a pas fourni de jeton d’accès. Reconnectez-vous, puis réessayez.",
    timeout: "Defender n’a pas répondu en {seconds} s. Réessayez ; si cela se reproduit, le service est peut-être lent ou injoignable.",
    waiting_throttled: "Defender demande d’attendre avant la prochaine requête. Nouvel essai dans {seconds} s…",
    waiting_retry: "Defender n’a pas répondu correctement. Nouvel essai dans {seconds} s…",
    cancel: "Annuler",
    loaded_age: "Chargé {age}",
    refresh: "Actualiser",
    widget_stopped_title: "Le widget s’est arrêté",
    widget_stopped_body: "Une erreur interne a arrêté le widget des KB manquants. Rechargez la page pour l’utiliser à nouveau.",
    id_empty: "Saisissez un ID logiciel, par exemple microsoft-_-edge.",
    id_too_long: "Un ID logiciel compte au plus {max} caractères ; celui-ci en compte {length}.",
    id_whitespace: "Un ID logiciel ne contient ni espace ni saut de ligne.",
    id_control: "Un ID logiciel ne contient pas de caractère de contrôle.",
    id_forbidden: "Un ID logiciel ne contient pas « {character} ».",
    paging_other_host: "La réponse de Defender renvoyait vers une page suivante sur un autre hôte ; elle n’a pas été suivie.",
    paging_too_many: "La réponse de Defender comptait plus de {pages} pages ; seules les {pages} premières sont affichées.",
    config_not_an_object: "mount() attend un objet d’options : { softwareId, getToken ou token, apiBase }.",
    config_no_token_source: "Passez getToken (une fonction qui renvoie un jeton d’accès) ou token à mount().",
    config_get_token_not_a_function: "L’option getToken doit être une fonction qui renvoie un jeton d’accès.",
    config_not_a_string: "L’option {option} doit être une chaîne.",
    token_empty: "La connexion n’a renvoyé aucun jeton d’accès.",
    token_not_a_header: "Le jeton d’accès contient des espaces ou des caractères de contrôle : il ne peut pas être envoyé dans un en-tête.",
    api_base_unknown_host: "L’adresse d’API « {host} » n’est pas un hôte de l’API Defender for Endpoint. Utilisez un hôte comme https://api.security.microsoft.com, un chemin de ce site qui relaie l’API, ou une adresse de bouclage.",
    api_base_not_https: "L’adresse d’API doit utiliser https (http n’est permis que pour localhost).",
    api_base_unsafe: "L’adresse d’API ne doit contenir ni nom d’utilisateur, ni requête, ni fragment, ni barre oblique inverse, ni « .. ».",
    api_base_malformed: "L’adresse d’API n’est pas une URL valide.",
    config_json_not_json: "config.json n’est pas un objet JSON. Mettez-y {\"clientId\": \"…\", \"tenantId\": \"…\", \"cloud\": \"commercial\"}, ou {\"mockApi\": true} pour la démo.",
    config_json_client_id: "config.json doit contenir \"clientId\" : l’ID d’application (client) de votre inscription d’application dans Microsoft Entra ID, un GUID.",
    config_json_tenant_id: "config.json doit contenir \"tenantId\" : l’ID de votre locataire Microsoft Entra (un GUID) ou son domaine, comme contoso.onmicrosoft.com.",
    config_json_cloud: "config.json contient un \"cloud\" inconnu : utilisez \"commercial\", \"gcc\", \"gcc-high\" ou \"dod\".",
    config_json_scope: "config.json contient un \"scope\" inutilisable : il doit s’agir d’une seule étendue, comme https://api.securitycenter.microsoft.com/Software.Read.",
    config_json_api_base: "config.json contient un \"apiBase\" inutilisable :",
    page: PageTexts {
        subtitle: "Les KB Windows qui manquent encore aux appareils de votre organisation, d’après Microsoft Defender for Endpoint",
        demo_banner: "Mode démo : les données viennent de l’API Defender simulée intégrée, pas de votre locataire.",
        sign_in_prompt: "Connectez-vous avec votre compte professionnel pour voir les KB manquants.",
        sign_in: "Se connecter",
        sign_out: "Se déconnecter",
        not_configured: "Cette page n’est pas configurée",
        sign_in_failed: "Échec de la connexion",
        reload: "Rechargez la page pour réessayer.",
        language: "Langue",
        config_unreachable: "Impossible de charger config.json. Placez un fichier config.json à côté de cette page.",
        config_http_error: "Impossible de charger config.json (HTTP {status}). Placez un fichier config.json à côté de cette page : {\"clientId\": \"…\", \"tenantId\": \"…\", \"cloud\": \"commercial\"}, ou {\"mockApi\": true} pour la démo.",
        msal_missing: "MSAL.js (msal-browser.min.js) ne s’est pas chargé à côté de cette page.",
    },
};

static PT_BR: Texts = Texts {
    locale: Locale::BrazilianPortuguese,
    widget_label: "Atualizações de segurança ausentes",
    software_id_label: "ID de software",
    software_id_hint: "Como no inventário de software do Defender: fornecedor-_-produto, por exemplo microsoft-_-windows_10.",
    show_button: "Mostrar KBs ausentes",
    idle: "Insira um ID de software para ver as atualizações de segurança que faltam nos computadores.",
    loading: "Carregando os KBs ausentes de {id}…",
    empty_title: "Nenhum KB ausente",
    empty_body: "O Defender não relata nenhuma atualização de segurança ausente de {id} em nenhum computador da sua organização.",
    summary_all: &["{count} KB ausente de {id}", "{count} KBs ausentes de {id}"],
    summary_some: &["{shown} de {count} KB ausente de {id}", "{shown} de {count} KBs ausentes de {id}"],
    announce_loaded: &["{count} KB ausente carregado de {id}.", "{count} KBs ausentes carregados de {id}."],
    announce_empty: "{id} não tem KBs ausentes.",
    missing_installs: "Instalações ausentes",
    exposed_machines: "Dispositivos expostos",
    cves_addressed: "CVEs corrigidas",
    filter_label: "Filtrar",
    filter_placeholder: "Número do KB, nome ou produto",
    product_filter_label: "Filtrar por produto",
    sort_label: "Ordenar por",
    sort_machines: "Computadores sem a atualização (mais primeiro)",
    sort_cves: "CVEs corrigidas (mais primeiro)",
    sort_kb: "Número do KB (mais recente primeiro)",
    sort_name: "Nome (A a Z)",
    export_csv: "Exportar CSV",
    copy_kbs: "Copiar números de KB",
    kbs_copied: "Números de KB copiados",
    no_match: "Nenhum KB corresponde ao filtro.",
    show_more: "Mostrar mais {count} KBs",
    csv_headings: ["KB", "Nome", "Produtos", "Computadores sem a atualização", "CVEs corrigidas", "Link do Catálogo do Microsoft Update"],
    unknown_kb: "KB desconhecido",
    name_unknown: "Nome desconhecido",
    machines_missing_it: "Computadores sem a atualização",
    products: "Produtos",
    os_build: "Build do SO",
    unknown: "desconhecido",
    none_listed: "nenhum listado",
    open_in_catalog: "Abrir no Catálogo do Microsoft Update",
    opens_in_new_tab: " para {kb} (abre em uma nova guia)",
    no_catalog_link: "Não há link do Catálogo do Microsoft Update para este KB.",
    error_title: "Não foi possível carregar os KBs ausentes de {id}",
    defender_said: "Mensagem do Defender:",
    correlation_id: "ID de correlação (o suporte da Microsoft pede este dado):",
    copy: "Copiar",
    copied: "Copiado",
    retry: "Tentar novamente",
    config_error_title: "O widget não está configurado corretamente",
    bad_request: "O Defender recusou a solicitação por estar malformada (HTTP 400). Verifique o ID de software.",
    unauthorized: "Sua entrada expirou ou o token de acesso foi recusado (HTTP 401). Entre novamente.",
    forbidden: "Sua conta ou este aplicativo não tem a permissão Software.Read do Defender for Endpoint (HTTP 403). Peça a um administrador para concedê-la.",
    not_found: "Este ID de software não está no inventário de software do Defender da sua organização (HTTP 404). Verifique o ID na página de inventário de software.",
    throttled_for: "O Defender está limitando a frequência das solicitações (HTTP 429). Tente novamente em {seconds} s.",
    throttled: "O Defender está limitando a frequência das solicitações (HTTP 429). Tente novamente em um minuto.",
    server_error: "O Defender teve um problema do lado dele (HTTP {status}). Tente novamente em alguns minutos.",
    unexpected_status: "O Defender respondeu com um status inesperado (HTTP {status}).",
    network: "Não foi possível acessar a API do Defender. Verifique a conexão de rede; se o problema continuar, um proxy ou a política de origem cruzada (CORS) da API pode estar bloqueando esta página.",
    invalid_response: "A resposta do Defender não era a lista de KBs ausentes esperada.",
    token_unavailable: "A entrada não forneceu um token de acesso. Entre novamente e tente de novo.",
    timeout: "O Defender não respondeu em {seconds} s. Tente novamente; se continuar acontecendo, o serviço pode estar lento ou inacessível.",
    waiting_throttled: "O Defender pediu para aguardar antes da próxima solicitação. Nova tentativa em {seconds} s…",
    waiting_retry: "O Defender não respondeu corretamente. Nova tentativa em {seconds} s…",
    cancel: "Cancelar",
    loaded_age: "Carregado {age}",
    refresh: "Atualizar",
    widget_stopped_title: "O widget parou",
    widget_stopped_body: "Um erro interno parou o widget de KBs ausentes. Recarregue a página para usá-lo novamente.",
    id_empty: "Insira um ID de software, por exemplo microsoft-_-edge.",
    id_too_long: "Um ID de software tem no máximo {max} caracteres; este tem {length}.",
    id_whitespace: "Um ID de software não tem espaços nem quebras de linha.",
    id_control: "Um ID de software não tem caracteres de controle.",
    id_forbidden: "Um ID de software não tem “{character}”.",
    paging_other_host: "A resposta do Defender apontava para uma próxima página em outro host; ela não foi seguida.",
    paging_too_many: "A resposta do Defender tinha mais de {pages} páginas; apenas as {pages} primeiras são mostradas.",
    config_not_an_object: "mount() precisa de um objeto de opções: { softwareId, getToken ou token, apiBase }.",
    config_no_token_source: "Passe getToken (uma função que retorna um token de acesso) ou token para mount().",
    config_get_token_not_a_function: "A opção getToken deve ser uma função que retorna um token de acesso.",
    config_not_a_string: "A opção {option} deve ser uma cadeia de caracteres.",
    token_empty: "A entrada não retornou um token de acesso.",
    token_not_a_header: "O token de acesso tem espaços ou caracteres de controle, por isso não pode ser enviado em um cabeçalho.",
    api_base_unknown_host: "O endereço de API “{host}” não é um host da API do Defender for Endpoint. Use um host como https://api.security.microsoft.com, um caminho deste site que encaminha a API ou um endereço de loopback.",
    api_base_not_https: "O endereço de API deve usar https (http só é permitido para localhost).",
    api_base_unsafe: "O endereço de API não pode conter nome de usuário, consulta, fragmento, barra invertida ou “..”.",
    api_base_malformed: "O endereço de API não é uma URL válida.",
    config_json_not_json: "config.json não é um objeto JSON. Coloque nele {\"clientId\": \"…\", \"tenantId\": \"…\", \"cloud\": \"commercial\"}, ou {\"mockApi\": true} para a demonstração.",
    config_json_client_id: "config.json precisa de \"clientId\": a ID do aplicativo (cliente) do registro do aplicativo no Microsoft Entra ID, um GUID.",
    config_json_tenant_id: "config.json precisa de \"tenantId\": a ID do seu locatário do Microsoft Entra (um GUID) ou o domínio dele, como contoso.onmicrosoft.com.",
    config_json_cloud: "config.json tem um \"cloud\" desconhecido: use \"commercial\", \"gcc\", \"gcc-high\" ou \"dod\".",
    config_json_scope: "config.json tem um \"scope\" inutilizável: ele deve ser um único escopo, como https://api.securitycenter.microsoft.com/Software.Read.",
    config_json_api_base: "config.json tem um \"apiBase\" inutilizável:",
    page: PageTexts {
        subtitle: "KBs do Windows que ainda faltam nos computadores da sua organização, segundo o Microsoft Defender for Endpoint",
        demo_banner: "Modo de demonstração: os dados vêm da API simulada do Defender incluída, não do seu locatário.",
        sign_in_prompt: "Entre com sua conta corporativa para ver os KBs ausentes.",
        sign_in: "Entrar",
        sign_out: "Sair",
        not_configured: "Esta página não está configurada",
        sign_in_failed: "Falha ao entrar",
        reload: "Recarregue a página para tentar novamente.",
        language: "Idioma",
        config_unreachable: "Não foi possível carregar o config.json. Coloque um config.json ao lado desta página.",
        config_http_error: "Não foi possível carregar o config.json (HTTP {status}). Coloque um config.json ao lado desta página: {\"clientId\": \"…\", \"tenantId\": \"…\", \"cloud\": \"commercial\"}, ou {\"mockApi\": true} para a demonstração.",
        msal_missing: "O MSAL.js (msal-browser.min.js) não foi carregado ao lado desta página.",
    },
};

#[cfg(test)]
mod tests {
    use super::*;

    fn count(n: u64) -> Count<'static> {
        Count { shown: Box::leak(n.to_string().into_boxed_str()), n }
    }

    #[test]
    fn each_locale_has_its_own_texts() {
        for locale in Locale::ALL {
            assert_eq!(locale.texts().locale, locale);
        }
        let labels: std::collections::HashSet<_> = Locale::ALL.iter().map(|l| l.texts().show_button).collect();
        assert_eq!(labels.len(), Locale::ALL.len(), "a language repeats another's text");
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
            ("loaded_age", texts.loaded_age),
            ("id_too_long", texts.id_too_long),
            ("id_forbidden", texts.id_forbidden),
            ("paging_too_many", texts.paging_too_many),
            ("config_not_a_string", texts.config_not_a_string),
            ("api_base_unknown_host", texts.api_base_unknown_host),
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
            assert!(texts.summary_some("3", count(8), "id").contains('3'), "{locale:?}");
            assert!(texts.summary_some("3", count(8), "id").contains('8'), "{locale:?}");
            assert_eq!(texts.csv_headings[0], "KB", "{locale:?}");
            assert!(!texts.page.sign_in.is_empty(), "{locale:?}");
        }
    }
}
