//! Reading a language's texts from its catalogue (`web/i18n/<tag>.js`).

use super::en::{EN, EN_LATER};
use super::locale::Locale;
use super::texts::{LaterTexts, PageTexts, PluralTemplate, Text, Texts};

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

/// A field of a struct of texts, and the catalogue key it is read from.
type Field<T, V> = (&'static str, fn(&mut T) -> &mut V);

/// Texts that a language's catalogue holds: `Texts`, and the `LaterTexts` of the parts
/// that load later, each with the table of its fields and keys.
pub(super) trait Catalogued: Copy + 'static {
    /// Each text and the catalogue key it is read from.
    const TEXTS: &'static [Field<Self, Text>];
    /// Each text with plural forms and its key.
    const PLURALS: &'static [Field<Self, PluralTemplate>];
    /// Each list of a fixed length (the CSV headings) and its key.
    const LISTS: &'static [Field<Self, [Text]>];
    /// The English texts, as spoken in `locale` until each field is read.
    fn english(locale: Locale) -> Self;
}

/// Reads every text of `T` from a catalogue. Once all are read, the strings are leaked:
/// a page installs each language at most once, and its texts live as long as the page.
/// A catalogue that is refused leaks nothing.
pub(super) fn read_catalogue<T: Catalogued>(
    locale: Locale,
    entry: impl Fn(&str) -> Option<CatalogEntry>,
) -> Result<T, MissingText> {
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
    let mut read = T::english(locale);
    let mut strings = Vec::new();
    for (key, _) in T::TEXTS {
        strings.push(text(key)?);
    }
    let mut form_counts = Vec::new();
    for (key, _) in T::PLURALS {
        let forms = list(key, 1..=2)?;
        form_counts.push(forms.len());
        strings.extend(forms);
    }
    for (key, field) in T::LISTS {
        let length = field(&mut read).len();
        strings.extend(list(key, length..=length)?);
    }

    // English first, then each text from the catalogue: a loop over the fields, which is
    // far less wasm than a struct literal of a hundred reads.
    let mut kept = strings.into_iter().map(|text| -> Text { Box::leak(text.into_boxed_str()) });
    let mut next = || kept.next().unwrap_or_default();
    for (_, field) in T::TEXTS {
        *field(&mut read) = next();
    }
    for ((_, field), count) in T::PLURALS.iter().zip(form_counts) {
        *field(&mut read) = Box::leak((0..count).map(|_| next()).collect());
    }
    for (_, field) in T::LISTS {
        for item in field(&mut read) {
            *item = next();
        }
    }
    Ok(read)
}

/// Implements `Catalogued` for one struct: its fields and the catalogue keys they are read from.
macro_rules! catalogue_fields {
    ($texts:ident, $english:ident {
        texts { $($text:ident),* $(,)? }
        plural { $($plural:ident),* $(,)? }
        lists { $($list:ident),* $(,)? }
        $(page { $($page:ident),* $(,)? })?
    }) => {
        impl Catalogued for $texts {
            const TEXTS: &'static [Field<Self, Text>] = &[
                $((stringify!($text), |texts| &mut texts.$text),)*
                $($((concat!("page.", stringify!($page)), |texts| &mut texts.page.$page),)*)?
            ];
            const PLURALS: &'static [Field<Self, PluralTemplate>] =
                &[$((stringify!($plural), |texts| &mut texts.$plural),)*];
            const LISTS: &'static [Field<Self, [Text]>] =
                &[$((stringify!($list), |texts| &mut texts.$list[..]),)*];

            fn english(locale: Locale) -> Self {
                $texts { locale, ..$english }
            }
        }

        /// Does not compile while a field is missing from the lists above, so no text of a
        /// catalogue can stay English by mistake.
        #[allow(dead_code)]
        const _: fn(&$texts) = |texts| {
            let $texts { locale: _, $($list: _,)* $(page: PageTexts { $($page: _),* },)? $($text: _,)* $($plural: _,)* } = texts;
        };
    };
}

catalogue_fields! {
    Texts, EN {
        texts {
            widget_label, software_id_label, software_id_hint, show_button, idle, loading, empty_title,
            empty_body, announce_empty, missing_installs, exposed_machines, cves_addressed, no_match, show_more,
            unknown_kb, name_unknown, machines_missing_it, products, os_build, unknown, none_listed,
            open_in_catalog, opens_in_new_tab, no_catalog_link, retry, bad_request, unauthorized, forbidden,
            not_found, throttled_for, throttled, server_error, unexpected_status, network, invalid_response,
            token_unavailable, timeout, redirected, too_large, rate_limited, waiting_throttled, waiting_retry,
            waiting_rate_limit, cancel, widget_stopped_title, widget_stopped_body, id_empty, id_too_long,
            id_whitespace, id_control, id_forbidden, id_only_dot, paging_outside_api, paging_too_many, token_empty,
            token_not_a_header, all_software, part_failed, details, details_label, back,
        }
        plural { summary_all, summary_some, announce_loaded }
        lists {}
    }
}

catalogue_fields! {
    LaterTexts, EN_LATER {
        texts {
            filter_label, filter_placeholder, product_filter_label, sort_label, sort_machines, sort_cves, sort_kb,
            sort_name, export_csv, copy_kbs, kbs_copied, loaded_age, refresh, finder_title, find_software,
            find_placeholder, sort_exposure, sort_weaknesses, finder_show, show_kbs_first, inventory_loading, no_software_found,
            inventory_invalid, inventory_failed, inventory_incomplete, weaknesses, public_exploit, active_alert,
            no_kbs_note, show_more_rows, details_loading, details_failed, details_empty, details_unreadable,
            device_names_unknown, cves_fixed, severity_critical, severity_high, severity_medium, severity_low,
            severity_unknown, cves_partial, open_in_defender, open_in_msrc, devices_missing, devices_partial,
            devices_limit, filter_devices, device_name, os_platform, device_group, copy_device_names, export_devices_csv, open_device, device, operating_system, last_seen, health, exposure_level, risk, tags, device_facts_forbidden, device_facts_failed, device_kbs_from_rows, worst_severity, device_kbs_forbidden, search_for, tab_software, tab_devices, find_device, device_search_hint, devices_searching, devices_found, devices_first, no_device_found, device_search_failed,
            error_title, defender_said, correlation_id, copy, copied, token_expired, token_wrong_audience,
            token_missing_permission, config_error_title, config_not_an_object, config_no_token_source,
            config_get_token_not_a_function, config_not_a_string, config_unknown_cloud, config_software_and_machine, config_not_a_machine_id, api_base_unknown_host,
            api_base_not_https, api_base_unsafe, api_base_malformed, api_base_no_page_origin, config_json_not_json,
            config_json_client_id, config_json_tenant_id, config_json_cloud, config_json_scope,
            config_json_api_base,
        }
        plural { software_found }
        lists { csv_headings }
        page {
            subtitle, demo_banner, sign_in_prompt, sign_in, sign_out, grant_details, not_configured, sign_in_failed,
            reload, language, config_unreachable, config_http_error, msal_missing,
        }
    }
}
