//! The texts of one language, and the functions that fill their holes.

use crate::access_token::AccessTokenError;
use crate::answer_limits::{MAX_ANSWER_MEGABYTES, MAX_KBS_SHOWN};
use crate::api_base::ApiBaseError;
use crate::api_error::ErrorKind;
use crate::host_config::ConfigProblem;
use crate::paging::PagingError;
use crate::retry_policy::WaitReason;
use crate::software_id::{SoftwareIdError, MAX_SOFTWARE_ID_LEN};
use crate::standalone_config::ConfigError;

use super::locale::Locale;

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

/// The template for `n` among `forms`, by the plural rules of `locale`.
fn plural_form(locale: Locale, forms: PluralTemplate, n: u64) -> Template {
    let form = usize::from(!is_one(locale, n));
    forms.get(form).or(forms.last()).copied().unwrap_or_default()
}

/// A count, already formatted for the locale, and its value for the plural form.
#[derive(Clone, Copy, Debug)]
pub struct Count<'a> {
    pub shown: &'a str,
    pub n: u64,
}

pub(super) type Text = &'static str;
/// A text with holes, such as `{id}`, that a method of `Texts` fills.
pub(super) type Template = &'static str;
/// A template in each plural form of the language, in CLDR order: one, other.
/// A language without plural forms (Japanese, Chinese) has one.
pub(super) type PluralTemplate = &'static [Template];

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

/// The texts of the widget's first download, in one language (the parts that load later
/// have theirs in `LaterTexts`).
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
    pub no_match: Text,
    /// The button under a very long list: `{count}` more cards.
    pub show_more: Template,
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
    pub retry: Text,
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
    pub widget_stopped_title: Text,
    pub widget_stopped_body: Text,
    pub id_empty: Text,
    /// `{max}` and `{length}` in characters.
    pub id_too_long: Template,
    pub id_whitespace: Text,
    pub id_control: Text,
    pub id_forbidden: Template,
    pub id_only_dot: Text,
    pub paging_outside_api: Text,
    pub paging_too_many: Template,
    pub token_empty: Text,
    pub token_not_a_header: Text,
    pub all_software: Text,
    /// A part of the widget that loads when first used (the finder) could not be fetched.
    pub part_failed: Text,
    /// The button that opens a card's details.
    pub details: Text,
    /// `{kb}`: the KB, as KB5049981.
    pub details_label: Template,
    /// The button that closes a device opened from a KB's devices.
    pub back: Text,
}

/// The standalone page's own texts.
#[derive(Clone, Copy)]
pub struct PageTexts {
    pub subtitle: Text,
    pub demo_banner: Text,
    pub sign_in_prompt: Text,
    pub sign_in: Text,
    pub sign_out: Text,
    /// Asks the user to consent to Vulnerability.Read, for the KB details.
    pub grant_details: Text,
    pub not_configured: Text,
    pub sign_in_failed: Text,
    pub reload: Text,
    pub language: Text,
    pub config_unreachable: Text,
    /// `{status}` stands for the HTTP status.
    pub config_http_error: Text,
    pub msal_missing: Text,
}

/// The texts of the parts of the widget that load later (the finder, the KB details, a list's
/// tools, the view of a failure, the standalone page's), in one language. Only those parts' code reads them, so their
/// English is in those parts, not in the first download (ARCHITECTURE.md, "Code that loads
/// later"); a language's `web/i18n/<tag>.later.js` holds them, the standalone page's under
/// `page.<key>`.
#[derive(Clone, Copy)]
pub struct LaterTexts {
    pub locale: Locale,
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
    pub csv_headings: [Text; 6],
    pub error_title: Template,
    pub defender_said: Text,
    pub correlation_id: Text,
    pub copy: Text,
    pub copied: Text,
    pub config_error_title: Text,
    /// `{age}` is the browser's relative time ("3 minutes ago").
    pub loaded_age: Template,
    pub refresh: Text,
    pub finder_title: Text,
    pub find_software: Text,
    pub find_placeholder: Text,
    pub sort_exposure: Text,
    pub sort_weaknesses: Text,
    /// The finder's choice between its two orders: `show_kbs_first` and the first texts' `all_software`.
    pub finder_show: Text,
    pub show_kbs_first: Text,
    /// `{count}`: the software read so far.
    pub inventory_loading: Template,
    /// `{count}`: how many software match the search.
    pub software_found: PluralTemplate,
    /// `{query}`: what the user typed.
    pub no_software_found: Template,
    /// `{reason}`: why, as the error message of the failure.
    pub inventory_failed: Template,
    /// Why the inventory failed when its answer was not a software list.
    pub inventory_invalid: Text,
    /// `{count}`: the most software the finder holds.
    pub inventory_incomplete: Template,
    pub weaknesses: Text,
    pub public_exploit: Text,
    pub active_alert: Text,
    pub no_kbs_note: Text,
    /// `{count}` more rows of a long list: the finder's software, a KB's devices.
    pub show_more_rows: Template,
    pub details_loading: Text,
    /// `{reason}`: why, as the error message of the failure.
    pub details_failed: Template,
    pub details_empty: Text,
    /// The rows held nothing usable although the card counts devices or CVEs.
    pub details_unreadable: Text,
    /// `machineReferences` failed: devices show by id.
    pub device_names_unknown: Text,
    /// `{count}`: how many.
    pub cves_fixed: Template,
    pub severity_critical: Text,
    pub severity_high: Text,
    pub severity_medium: Text,
    pub severity_low: Text,
    pub severity_unknown: Text,
    /// `{count}`: the card's CVE count.
    pub cves_partial: Template,
    pub open_in_defender: Text,
    pub open_in_msrc: Text,
    /// `{count}`: how many.
    pub devices_missing: Template,
    /// The device list is short of the card's count because it holds the devices of one CVE:
    /// `{count}` the card's machine count, `{shown}` the devices listed, `{cve}` that CVE.
    pub devices_partial: Template,
    /// The device list stopped at the most rows read for one KB (`kb_details::MAX_DEVICE_ROWS`):
    /// `{count}` the card's machine count, `{shown}` the devices listed, `{rows}` and `{pages}`
    /// the bound.
    pub devices_limit: Template,
    pub filter_devices: Text,
    pub device_name: Text,
    pub os_platform: Text,
    pub device_group: Text,
    pub copy_device_names: Text,
    pub export_devices_csv: Text,
    /// The title of a device's name in a KB's devices: what a click does.
    pub open_device: Text,
    /// Above a device's name in its view.
    pub device: Text,
    pub operating_system: Text,
    pub last_seen: Text,
    pub health: Text,
    pub exposure_level: Text,
    pub risk: Text,
    pub tags: Text,
    /// A device's facts were refused (they need Machine.Read); its list is shown.
    pub device_facts_forbidden: Text,
    /// `{reason}`: why a device's facts could not be read.
    pub device_facts_failed: Template,
    /// A device's list read from its vulnerability rows.
    pub device_kbs_from_rows: Text,
    /// `{severity}`: the worst severity among the CVEs a device's KBs fix.
    pub worst_severity: Template,
    /// Both ways to read a device's missing KBs were refused.
    pub device_kbs_forbidden: Text,
    /// The label of the finder's choice between software and devices.
    pub search_for: Text,
    pub tab_software: Text,
    pub tab_devices: Text,
    /// The device search's label.
    pub find_device: Text,
    pub device_search_hint: Text,
    pub devices_searching: Text,
    /// `{count}`: how many devices the search found.
    pub devices_found: Template,
    /// `{count}`: the most devices a search shows.
    pub devices_first: Template,
    /// `{text}`: what was searched for.
    pub no_device_found: Template,
    /// `{reason}`: why the device search failed.
    pub device_search_failed: Template,
    /// A 401 or 403 whose token's `exp` has passed.
    pub token_expired: Text,
    /// `{audience}`: the token's `aud`.
    pub token_wrong_audience: Template,
    /// `{permission}`: such as `Vulnerability.Read`.
    pub token_missing_permission: Template,
    pub config_not_an_object: Text,
    pub config_no_token_source: Text,
    pub config_get_token_not_a_function: Text,
    pub config_not_a_string: Template,
    pub config_unknown_cloud: Text,
    pub config_software_and_machine: Text,
    pub config_not_a_machine_id: Text,
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

impl Texts {
    /// The template for `n` among `forms`, by the language's plural rules.
    fn plural(&self, forms: PluralTemplate, n: u64) -> Template {
        plural_form(self.locale, forms, n)
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

    /// The countdown before the next attempt.
    pub fn waiting(&self, reason: WaitReason, seconds: &str) -> String {
        let template = match reason {
            WaitReason::Throttled => self.waiting_throttled,
            WaitReason::Retry => self.waiting_retry,
            WaitReason::RateLimit => self.waiting_rate_limit,
        };
        fill(template, &[("seconds", seconds)])
    }

    /// A template whose one blank is `{name}`, filled with `value`.
    pub fn with(&self, template: &str, name: &str, value: &str) -> String {
        fill(template, &[(name, value)])
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
            SoftwareIdError::OnlyDot => self.id_only_dot.to_owned(),
        }
    }

    pub fn paging_error(&self, error: &PagingError) -> String {
        match error {
            PagingError::OutsideApi => self.paging_outside_api.to_owned(),
            PagingError::TooManyPages => {
                fill(self.paging_too_many, &[("pages", &crate::paging::MAX_PAGES.to_string())])
            }
        }
    }

    /// Why the access token the host gave cannot be used (also `AccessTokenError`'s English).
    pub fn token_error(&self, error: &AccessTokenError) -> String {
        match error {
            AccessTokenError::Empty => self.token_empty.to_owned(),
            AccessTokenError::NotAHeaderValue => self.token_not_a_header.to_owned(),
        }
    }
}

impl LaterTexts {
    /// The template for `n` among `forms`, by the language's plural rules.
    fn plural(&self, forms: PluralTemplate, n: u64) -> Template {
        plural_form(self.locale, forms, n)
    }

    /// Why a load failed, in the words to lead with: what the token's own claims say is wrong
    /// with it when they say it, else the generic text of its kind. The generic text of a 401
    /// or 403 guesses the cause ("your sign-in has expired", "Software.Read is missing"), and
    /// the claims, when they name one, know it: a token for another API is not fixed by
    /// signing in again, nor is a token without Vulnerability.Read by granting Software.Read.
    /// So the claims' words replace the generic ones, never follow them.
    pub fn failure_reason(
        &self,
        texts: &Texts,
        error: &crate::api_error::ApiError,
        format_number: impl Fn(u64) -> String,
    ) -> String {
        match &error.token {
            Some(problem) => self.token_problem(problem),
            None => texts.error_kind(&error.kind, format_number),
        }
    }

    /// What the token's own claims say is wrong with it.
    pub fn token_problem(&self, problem: &crate::access_token::TokenProblem) -> String {
        use crate::access_token::TokenProblem;
        match problem {
            TokenProblem::Expired => self.token_expired.to_owned(),
            TokenProblem::WrongAudience(audience) => fill(self.token_wrong_audience, &[("audience", audience)]),
            TokenProblem::MissingPermission(permission) => {
                fill(self.token_missing_permission, &[("permission", permission)])
            }
        }
    }

    /// Why the host's options cannot be used (`texts` for a token problem, which `setToken`
    /// throws in the first download's words).
    pub fn config_problem(&self, texts: &Texts, problem: &ConfigProblem) -> String {
        match problem {
            ConfigProblem::OptionsNotAnObject => self.config_not_an_object.to_owned(),
            ConfigProblem::NoTokenSource => self.config_no_token_source.to_owned(),
            ConfigProblem::GetTokenNotAFunction => self.config_get_token_not_a_function.to_owned(),
            ConfigProblem::NotAString(option) => fill(self.config_not_a_string, &[("option", option)]),
            ConfigProblem::UnknownCloud => self.config_unknown_cloud.to_owned(),
            ConfigProblem::SoftwareAndMachine => self.config_software_and_machine.to_owned(),
            ConfigProblem::NotAMachineId => self.config_not_a_machine_id.to_owned(),
            ConfigProblem::Token(error) => texts.token_error(error),
            ConfigProblem::ApiBase(ApiBaseError::UnknownHost(host)) => {
                fill(self.api_base_unknown_host, &[("host", host)])
            }
            ConfigProblem::ApiBase(ApiBaseError::NotHttps) => self.api_base_not_https.to_owned(),
            ConfigProblem::ApiBase(ApiBaseError::UnsafeSyntax) => self.api_base_unsafe.to_owned(),
            ConfigProblem::ApiBase(ApiBaseError::Malformed) => self.api_base_malformed.to_owned(),
            ConfigProblem::ApiBase(ApiBaseError::NoPageOrigin) => self.api_base_no_page_origin.to_owned(),
        }
    }

    /// What to fix in the standalone page's `config.json`.
    pub fn config_json_error(&self, texts: &Texts, error: &ConfigError) -> String {
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
                    self.config_problem(texts, &ConfigProblem::ApiBase(problem.clone()))
                )
            }
        }
    }

    pub fn inventory_loading(&self, count: &str) -> String {
        fill(self.inventory_loading, &[("count", count)])
    }

    pub fn software_found(&self, count: Count<'_>) -> String {
        fill(self.plural(self.software_found, count.n), &[("count", count.shown)])
    }

    pub fn no_software_found(&self, query: &str) -> String {
        fill(self.no_software_found, &[("query", query)])
    }

    pub fn inventory_failed(&self, reason: &str) -> String {
        fill(self.inventory_failed, &[("reason", reason)])
    }

    pub fn inventory_incomplete(&self, count: &str) -> String {
        fill(self.inventory_incomplete, &[("count", count)])
    }

    pub fn severity(&self, severity: crate::kb_details::Severity) -> &'static str {
        use crate::kb_details::Severity;
        match severity {
            Severity::Critical => self.severity_critical,
            Severity::High => self.severity_high,
            Severity::Medium => self.severity_medium,
            Severity::Low => self.severity_low,
            Severity::Unknown => self.severity_unknown,
        }
    }

    pub fn show_more_rows(&self, count: &str) -> String {
        fill(self.show_more_rows, &[("count", count)])
    }

    pub fn loaded_age(&self, age: &str) -> String {
        fill(self.loaded_age, &[("age", age)])
    }

    pub fn error_title(&self, id: &str) -> String {
        fill(self.error_title, &[("id", id)])
    }
}
