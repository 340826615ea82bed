//! Property tests: no input from the host or the network makes the core panic,
//! and what can round-trip does.

use missing_kbs_core::{
    card_update, clipboard_text, find_software, kb_numbers, kbs_to_csv, parse_inventory_page, parse_missing_kbs_page,
    parse_software_info, visible_kbs, ApiBase, CardUpdate, ErrorKind, InventoryOrder, KbViewOptions, MissingKb,
    SoftwareEntry, SoftwareId, SortKey, UpdateCatalogLink, MAX_KBS_SHOWN, MAX_SOFTWARE_ID_LEN,
};
use proptest::prelude::*;

/// Arbitrary JSON values, a few levels deep.
fn json_value() -> impl Strategy<Value = serde_json::Value> {
    let leaf = prop_oneof![
        Just(serde_json::Value::Null),
        any::<bool>().prop_map(serde_json::Value::from),
        any::<i64>().prop_map(serde_json::Value::from),
        any::<f64>().prop_filter("finite", |n| n.is_finite()).prop_map(serde_json::Value::from),
        ".{0,40}".prop_map(serde_json::Value::from),
    ];
    leaf.prop_recursive(4, 64, 8, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..8).prop_map(serde_json::Value::from),
            prop::collection::btree_map(
                prop_oneof![
                    Just("id".to_owned()),
                    Just("name".to_owned()),
                    Just("productsNames".to_owned()),
                    Just("url".to_owned()),
                    Just("machineMissedOn".to_owned()),
                    Just("cveAddressed".to_owned()),
                    Just("osBuild".to_owned()),
                    Just("value".to_owned()),
                    Just("@odata.nextLink".to_owned()),
                    ".{0,10}",
                ],
                inner,
                0..8,
            )
            .prop_map(|map| serde_json::Value::Object(map.into_iter().collect())),
        ]
    })
}

fn missing_kb() -> impl Strategy<Value = MissingKb> {
    (
        proptest::option::of(prop_oneof!["[0-9]{1,12}", ".{0,20}"]),
        proptest::option::of(".{0,60}"),
        proptest::option::of(prop::collection::vec(".{0,15}", 0..4)),
        proptest::option::of(".{0,60}"),
        proptest::option::of(any::<u64>()),
        proptest::option::of(any::<u64>()),
    )
        .prop_map(|(id, name, products_names, url, machine_missed_on, cve_addressed)| MissingKb {
            id,
            name,
            products_names,
            url,
            machine_missed_on,
            cve_addressed,
            os_build: None,
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2_000))]

    #[test]
    fn the_parser_never_panics_on_any_text(body in ".{0,300}") {
        let _ = parse_missing_kbs_page(&body);
        let _ = parse_software_info(&body);
        let _ = parse_inventory_page(&body);
    }

    #[test]
    fn the_parser_never_panics_on_any_json_and_keeps_every_object_entry(value in json_value()) {
        let body = value.to_string();
        if let Ok(page) = parse_missing_kbs_page(&body) {
            let objects = value["value"].as_array().map_or(0, |entries| entries.iter().filter(|entry| entry.is_object()).count());
            prop_assert_eq!(page.kbs.len(), objects);
        }
        let wrapped = serde_json::json!({ "value": [value] }).to_string();
        prop_assert!(parse_missing_kbs_page(&wrapped).is_ok());
    }

    #[test]
    fn kbs_round_trip_through_the_documented_shape(kb in missing_kb()) {
        let body = serde_json::json!({ "value": [{
            "id": kb.id, "name": kb.name, "productsNames": kb.products_names, "url": kb.url,
            "machineMissedOn": kb.machine_missed_on, "cveAddressed": kb.cve_addressed,
        }] }).to_string();
        let page = parse_missing_kbs_page(&body).unwrap();
        // A KB number is digits; any other id reads as unknown.
        let is_number = |id: &String| (1..=12).contains(&id.len()) && id.bytes().all(|b| b.is_ascii_digit());
        let expected = MissingKb { id: kb.id.clone().filter(is_number), ..kb };
        prop_assert_eq!(&page.kbs[0], &expected);
    }

    #[test]
    fn every_kb_id_read_is_digits_and_every_copied_line_is_safe(ids in prop::collection::vec(".{0,20}", 0..10)) {
        let body = serde_json::json!({ "value": ids.iter().map(|id| serde_json::json!({ "id": id })).collect::<Vec<_>>() }).to_string();
        let kbs = parse_missing_kbs_page(&body).unwrap().kbs;
        for kb in &kbs {
            prop_assert!(kb.id.as_deref().is_none_or(|id| !id.is_empty() && id.bytes().all(|b| b.is_ascii_digit())));
        }
        let indices: Vec<usize> = (0..kbs.len()).collect();
        for line in kb_numbers(&kbs, &indices).lines() {
            prop_assert!(line.starts_with("KB") && line[2..].bytes().all(|b| b.is_ascii_digit()), "{}", line);
        }
    }

    #[test]
    fn nothing_copied_to_the_clipboard_starts_a_formula_or_a_cell(text in "[=+@\\-\t\r\n a-z0-9]{0,40}") {
        let copied = clipboard_text(&text);
        prop_assert!(!copied.contains(['\t', '\r']));
        for line in copied.split('\n') {
            prop_assert!(!line.trim_start().starts_with(['=', '+', '-', '@']), "{:?}", line);
        }
    }

    #[test]
    fn the_only_links_are_https_update_catalog_links(kb in missing_kb()) {
        if let Some(link) = UpdateCatalogLink::for_kb(&kb) {
            prop_assert!(link.as_str().to_ascii_lowercase().starts_with("https://catalog.update.microsoft.com/"));
            prop_assert!(!link.as_str().contains(['"', '<', '>', ' ', '\\']));
        }
    }

    #[test]
    fn the_validator_never_panics_and_accepted_ids_stay_in_one_path_segment(raw in ".{0,300}") {
        if let Ok(id) = SoftwareId::parse(&raw) {
            prop_assert!(raw.chars().count() <= MAX_SOFTWARE_ID_LEN);
            let segment = id.path_segment();
            prop_assert!(!segment.contains(['/', '\\', '?', '#']));
            prop_assert!(segment.bytes().all(|b| b.is_ascii_alphanumeric() || b"-_.~%".contains(&b)));
            prop_assert_eq!(id.as_str(), raw.as_str());
        }
    }

    #[test]
    fn inventory_shaped_ids_are_accepted(vendor in "[a-z0-9_]{1,30}", product in "[a-z0-9_]{1,30}") {
        let raw = format!("{vendor}-_-{product}");
        prop_assert_eq!(SoftwareId::parse(&raw).unwrap().path_segment(), raw);
    }

    #[test]
    fn the_api_base_never_panics_and_only_allows_known_destinations(raw in ".{0,80}") {
        if let Ok(base) = ApiBase::parse(&raw, "https://portal.example") {
            let url = base.join("/api/x");
            prop_assert!(
                url.starts_with("https://portal.example/")
                    || url.starts_with("https://")
                    || url.starts_with("http://localhost")
                    || url.starts_with("http://127.")
                    || url.starts_with("http://[::1]")
            );
        }
    }

    /// A loopback address passes only as the URL standard serializes it, so the
    /// browser cannot read it as another host (or as a name for DNS to resolve).
    #[test]
    fn loopback_hosts_pass_only_in_serialized_form(
        parts in prop::collection::vec("(\\+|-|0x|0X|0)?[0-9a-fA-F]{0,4}", 1..6),
        trailing_dot in any::<bool>(),
    ) {
        let host = format!("127.{}{}", parts.join("."), if trailing_dot { "." } else { "" });
        let accepted = ApiBase::parse(&format!("http://{host}:9200"), "https://portal.example").is_ok();
        let serialized = parts.len() == 3
            && !trailing_dot
            && parts.iter().all(|part| part.parse::<u8>().is_ok_and(|n| n.to_string() == *part));
        prop_assert_eq!(accepted, serialized, "{}", host);
    }

    #[test]
    fn csv_has_one_line_per_kb_and_no_cell_starts_a_formula(kbs in prop::collection::vec(missing_kb(), 0..20)) {
        let indices: Vec<usize> = (0..kbs.len()).collect();
        let csv = kbs_to_csv(&kbs, &indices, ["KB", "Name", "Products", "Machines", "CVEs", "Link"]);
        let records = parse_csv(csv.trim_start_matches('\u{FEFF}'));
        prop_assert_eq!(records.len(), kbs.len() + 1);
        for (record, kb) in records.iter().skip(1).zip(&kbs) {
            prop_assert_eq!(record.len(), 6);
            for cell in record {
                prop_assert!(!cell.starts_with(['=', '+', '-', '@', '\t', '\r']), "{:?}", cell);
            }
            // What is not neutralised reads back as written.
            let name = kb.name.clone().unwrap_or_default();
            let read_back = record[1].strip_prefix('\'').filter(|_| name.starts_with(['=', '+', '-', '@', '\t', '\r'])).unwrap_or(&record[1]);
            prop_assert_eq!(read_back, name.as_str());
        }
        let _ = kb_numbers(&kbs, &indices);
    }

    #[test]
    fn sorting_and_filtering_keep_a_subset_without_duplicates(kbs in prop::collection::vec(missing_kb(), 0..30), text in ".{0,4}", sort in 0usize..4) {
        let options = KbViewOptions { sort: SortKey::ALL[sort], text, ..KbViewOptions::default() };
        let mut shown = visible_kbs(&kbs, &options);
        let count = shown.len();
        shown.sort_unstable();
        shown.dedup();
        prop_assert_eq!(shown.len(), count);
        prop_assert!(shown.iter().all(|&index| index < kbs.len()));
    }
}

/// A strict RFC 4180 reader, to check the writer's output.
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut records = Vec::new();
    let mut record = Vec::new();
    let mut cell = String::new();
    let mut chars = text.chars().peekable();
    let mut quoted = false;
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                cell.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => cell.push(c),
            (false, '"') => quoted = true,
            (false, ',') => record.push(std::mem::take(&mut cell)),
            (false, '\r') if chars.peek() == Some(&'\n') => {
                chars.next();
                record.push(std::mem::take(&mut cell));
                records.push(std::mem::take(&mut record));
            }
            (false, c) => cell.push(c),
        }
    }
    records
}

proptest! {
    // Each case parses a list of about 200,000 KBs, so a few cases around the bound suffice.
    #![proptest_config(ProptestConfig::with_cases(12))]

    #[test]
    fn a_list_is_too_large_exactly_when_it_passes_the_kb_bound(
        n in (MAX_KBS_SHOWN - 3)..(MAX_KBS_SHOWN + 4),
        entry in prop_oneof![Just("{}"), Just("null"), Just(r#"{"id":"1"}"#), Just("[]")],
    ) {
        let body = format!(r#"{{"value":[{}]}}"#, vec![entry; n].join(","));
        match parse_missing_kbs_page(&body) {
            Ok(page) => prop_assert!(n <= MAX_KBS_SHOWN && page.kbs.len() <= n),
            Err(error) => prop_assert!(n > MAX_KBS_SHOWN && error.kind == ErrorKind::TooLarge, "{n}: {error:?}"),
        }
    }
}

/// A page's cards and the KBs wanted next, as indices into a list of `n` KBs: often a
/// prefix or a subsequence of the page's (a growing list, a narrower filter), else any order.
fn page_and_wanted() -> impl Strategy<Value = (usize, Vec<usize>, Vec<usize>)> {
    (1usize..40).prop_flat_map(|n| {
        let order = Just((0..n).collect::<Vec<_>>()).prop_shuffle();
        (Just(n), order, 0..=n, prop::collection::vec(any::<bool>(), n), 0usize..3).prop_flat_map(
            |(n, order, shown, keep, how)| {
                let on_page = order[..shown].to_vec();
                let wanted = match how {
                    // The page's order, some cards dropped, new ones after them.
                    0 => on_page
                        .iter()
                        .zip(&keep)
                        .filter(|(_, keep)| **keep)
                        .map(|(i, _)| *i)
                        .chain(order[shown..].iter().copied())
                        .collect(),
                    // The page's cards and more.
                    1 => order.clone(),
                    _ => order.iter().rev().copied().filter(|i| keep[*i]).collect(),
                };
                (Just(n), Just(on_page), Just(wanted))
            },
        )
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2_000))]

    /// Applying the update to the page gives exactly what rebuilding it from nothing would,
    /// and a card taken out is one that is not wanted.
    #[test]
    fn a_card_update_ends_as_a_naive_rebuild((n, on_page, wanted) in page_and_wanted()) {
        let mut page = on_page.clone();
        match card_update(&on_page, &wanted, n) {
            CardUpdate::Replace => page.clear(),
            CardUpdate::Append { held } => {
                prop_assert_eq!(&page[..], &wanted[..held]);
            }
            CardUpdate::TakeOut { held, dropped } => {
                prop_assert!(dropped.iter().all(|index| !wanted.contains(index)));
                page.retain(|index| !dropped.contains(index));
                prop_assert_eq!(&page[..], &wanted[..held]);
            }
        }
        let held = page.len();
        page.extend_from_slice(&wanted[held..]);
        prop_assert_eq!(page, wanted);
    }
}

fn software_entry() -> impl Strategy<Value = SoftwareEntry> {
    (
        "[a-z]{1,8}",
        "[a-z0-9_]{1,12}",
        proptest::option::of(0u64..5_000),
        proptest::option::of(0u64..300),
        any::<Option<bool>>(),
    )
        .prop_map(|(vendor, name, exposed_machines, weaknesses, public_exploit)| SoftwareEntry {
            id: format!("{vendor}-_-{name}"),
            name: Some(name),
            vendor: Some(vendor),
            exposed_machines,
            weaknesses,
            public_exploit,
            active_alert: None,
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1_000))]

    /// The finder shows exactly the software whose text holds every word, once each, most exposed first.
    #[test]
    fn the_finder_shows_every_match_once_most_exposed_first(
        entries in prop::collection::vec(software_entry(), 0..40),
        query in "[a-zA-Z0-9_ -]{0,12}",
    ) {
        let found = find_software(&entries, &query, InventoryOrder::default());
        let text = |entry: &SoftwareEntry| format!("{} {} {}", entry.vendor.clone().unwrap_or_default(), entry.name.clone().unwrap_or_default(), entry.id)
            .to_ascii_lowercase()
            .replace(['_', '-'], " ");
        let query = query.to_ascii_lowercase().replace(['_', '-'], " ");
        let mut expected: Vec<usize> =
            (0..entries.len()).filter(|&i| query.split_whitespace().all(|word| text(&entries[i]).contains(word))).collect();
        let mut sorted = found.clone();
        sorted.sort_unstable();
        expected.sort_unstable();
        prop_assert_eq!(sorted, expected);
        for pair in found.windows(2) {
            prop_assert!(entries[pair[0]].exposed_machines.unwrap_or(0) >= entries[pair[1]].exposed_machines.unwrap_or(0));
        }
    }
}
