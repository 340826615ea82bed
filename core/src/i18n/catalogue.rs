//! Reading a language's texts from its catalogue (`web/i18n/<tag>.js`).

use super::en::EN;
use super::locale::Locale;
use super::texts::{PageTexts, PluralTemplate, Text, Texts};

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
pub(super) fn read_catalogue(
    locale: Locale,
    entry: impl Fn(&str) -> Option<CatalogEntry>,
) -> Result<Texts, MissingText> {
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
        config_no_token_source, config_get_token_not_a_function, config_not_a_string, config_unknown_cloud, token_empty,
        token_not_a_header, api_base_unknown_host, api_base_not_https, api_base_unsafe, api_base_malformed,
        api_base_no_page_origin, finder_title, find_software, find_placeholder, sort_exposure, sort_weaknesses,
        inventory_loading, no_software_found, inventory_failed, inventory_invalid, inventory_incomplete, weaknesses, public_exploit,
        active_alert, no_kbs_note, all_software, show_more_software, part_failed,
        token_expired, token_wrong_audience, token_missing_permission, details, details_label, details_loading, details_failed, details_empty, details_unreadable, device_names_unknown, cves_fixed, severity_critical, severity_high, severity_medium, severity_low, severity_unknown, cves_partial, open_in_defender, open_in_msrc, devices_missing, devices_partial, filter_devices, device_name, os_platform, device_group, copy_device_names, export_devices_csv,
        config_json_not_json, config_json_client_id, config_json_tenant_id, config_json_cloud,
        config_json_scope, config_json_api_base,
    }
    plural { summary_all, summary_some, announce_loaded, software_found }
    page {
        subtitle, demo_banner, sign_in_prompt, sign_in, sign_out, grant_details, not_configured, sign_in_failed, reload,
        language, config_unreachable, config_http_error, msal_missing,
    }
}
