//! The English texts: built into the wasm, the fallback of every other language,
//! and the text of the core's error messages.

use super::locale::Locale;
use super::texts::{LaterTexts, PageTexts, Texts};
use crate::access_token::AccessTokenError;
use crate::api_base::ApiBaseError;
use crate::api_error::ErrorKind;
use crate::host_config::ConfigProblem;
use crate::paging::PagingError;
use crate::software_id::SoftwareIdError;
use crate::standalone_config::ConfigError;

pub(super) static EN: Texts = Texts {
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
    no_match: "No KB matches the filter.",
    show_more: "Show {count} more KBs",
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
    retry: "Retry",
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
    widget_stopped_title: "The widget stopped",
    widget_stopped_body: "An internal error stopped the missing-KBs widget. Reload the page to use it again.",
    id_empty: "Enter a software ID, for example microsoft-_-edge.",
    id_too_long: "A software ID has at most {max} characters; this one has {length}.",
    id_whitespace: "A software ID has no spaces or line breaks.",
    id_control: "A software ID has no control characters.",
    id_forbidden: "A software ID has no “{character}”.",
    id_only_dot: "“.” is not a software ID.",
    paging_outside_api: "Defender's answer linked to a next page outside the API's address; it was not followed.",
    paging_too_many: "Defender's answer had more than {pages} pages; only the first {pages} are shown.",
    token_empty: "The sign-in gave no access token.",
    token_not_a_header: "The access token has spaces or control characters, so it cannot be sent in a header.",
    all_software: "All software",
    details: "Details",
    details_label: "Details of {kb}",
    part_failed: "This part of the widget could not be downloaded. Check your connection, then try again.",
};

/// The English of the parts that load later.
pub(super) static EN_LATER: LaterTexts = LaterTexts {
    locale: Locale::English,
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
    csv_headings: ["KB", "Name", "Products", "Machines missing", "CVEs addressed", "Update Catalog link"],
    error_title: "Could not load the missing KBs for {id}",
    defender_said: "Defender said:",
    correlation_id: "Correlation ID (Microsoft support asks for it):",
    copy: "Copy",
    copied: "Copied",
    config_error_title: "The widget is not configured correctly",
    loaded_age: "Loaded {age}",
    refresh: "Refresh",
    finder_title: "Software in your organisation",
    find_software: "Find software",
    find_placeholder: "Name, vendor or ID, such as windows 10",
    sort_exposure: "Exposed devices (most first)",
    sort_weaknesses: "Weaknesses (most first)",
    finder_show: "Show",
    show_kbs_first: "Software that can have KBs first",
    inventory_loading: "Reading your organisation's software inventory… {count} read so far.",
    no_software_found: "No software matches “{query}”.",
    inventory_invalid: "Defender's answer was not the expected software list.",
    inventory_failed: "The software list could not be loaded. {reason} You can still enter a software ID above.",
    inventory_incomplete: "Only the first {count} software are listed.",
    weaknesses: "Weaknesses",
    public_exploit: "Public exploit",
    active_alert: "Active alert",
    no_kbs_note: "No KBs: Defender lists security updates for Microsoft products only.",
    show_more_rows: "Show {count} more",
    details_loading: "Loading the CVEs and the devices…",
    details_failed: "The details could not be loaded. {reason}",
    details_empty: "Defender lists no vulnerability on any device for this KB.",
    details_unreadable: "Defender's answer held no device and CVE for this KB that the widget could read.",
    device_names_unknown: "This software's device list could not be read, so devices show by their Defender ID.",
    cves_fixed: "CVEs fixed ({count})",
    severity_critical: "Critical",
    severity_high: "High",
    severity_medium: "Medium",
    severity_low: "Low",
    severity_unknown: "Unknown severity",
    cves_partial: "Defender counts {count} CVEs for this KB; these are the ones on one device that misses it.",
    open_in_defender: "Defender portal",
    open_in_msrc: "MSRC",
    devices_missing: "Devices missing it ({count})",
    devices_partial: "Defender counts {count} devices; these {shown} are those that miss {cve}, the CVE asked about: a device that misses the KB but not that CVE is not listed.",
    devices_limit: "Defender counts {count} devices; this list stops at {shown}, the devices in the first {rows} rows of its answer ({pages} requests), the most the widget reads for one KB.",
    filter_devices: "Filter devices",
    device_name: "Device",
    os_platform: "OS platform",
    device_group: "Device group",
    copy_device_names: "Copy names",
    export_devices_csv: "Export devices (CSV)",
    software_found: &["{count} result", "{count} results"],
    token_expired: "The token's own expiry time has passed: sign in again.",
    token_wrong_audience: "The token is for {audience}, not for the Defender for Endpoint API: ask for a token for https://api.securitycenter.microsoft.com.",
    token_missing_permission: "The token does not grant {permission}: an administrator must grant the app that permission (DEPLOYING.md).",
    config_not_an_object: "mount() needs an options object: { softwareId, getToken or token, apiBase }.",
    config_no_token_source: "Pass getToken (a function that returns an access token) or token to mount().",
    config_get_token_not_a_function: "The getToken option must be a function that returns an access token.",
    config_not_a_string: "The {option} option must be a string.",
    config_unknown_cloud: "The cloud option must be commercial, gcc, gcc-high or dod.",
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
        grant_details: "Grant access to CVEs and devices",
        not_configured: "This page is not configured",
        sign_in_failed: "Sign-in failed",
        reload: "Reload the page to try again.",
        language: "Language",
        config_unreachable: "config.json could not be loaded. Put a config.json beside this page.",
        config_http_error: "config.json could not be loaded (HTTP {status}). Put a config.json beside this page: {\"clientId\": \"…\", \"tenantId\": \"…\", \"cloud\": \"commercial\"}, or {\"mockApi\": true} for the demo.",
        msal_missing: "MSAL.js (msal-browser.min.js) did not load beside this page.",
    },
};

/// Each error's `Display` is its English text above, so each message is written once.
macro_rules! displayed_in_english {
    ($($error:ty => |$texts:ident, $value:ident| $text:expr;)*) => {$(
        impl std::fmt::Display for $error {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                let ($texts, $value) = (&EN, self);
                f.write_str(&$text)
            }
        }

        impl std::error::Error for $error {}
    )*};
}

displayed_in_english! {
    ErrorKind => |texts, kind| texts.error_kind(kind, |n| n.to_string());
    SoftwareIdError => |texts, error| texts.software_id_error(error);
    ConfigProblem => |texts, problem| EN_LATER.config_problem(texts, problem);
    ApiBaseError => |texts, error| EN_LATER.config_problem(texts, &ConfigProblem::ApiBase(error.clone()));
    AccessTokenError => |texts, error| texts.token_error(error);
    PagingError => |texts, error| texts.paging_error(error);
    ConfigError => |texts, error| EN_LATER.config_json_error(texts, error);
}
