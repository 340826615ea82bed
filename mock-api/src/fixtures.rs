//! The inventory the mock knows: realistic answers kept as JSON files, plus one generated at scale.

/// Software IDs with their getmissingkbs answer, in the documented shape.
const FILES: &[(&str, &str)] = &[
    ("microsoft-_-edge", include_str!("../fixtures/microsoft-_-edge.json")),
    ("microsoft-_-internet_explorer", include_str!("../fixtures/microsoft-_-internet_explorer.json")),
    ("microsoft-_-windows_10", include_str!("../fixtures/microsoft-_-windows_10.json")),
    ("microsoft-_-windows_11", include_str!("../fixtures/microsoft-_-windows_11.json")),
    ("microsoft-_-windows_server_2019", include_str!("../fixtures/microsoft-_-windows_server_2019.json")),
    ("microsoft-_-windows_server_2022", include_str!("../fixtures/microsoft-_-windows_server_2022.json")),
    ("microsoft-_-office", include_str!("../fixtures/microsoft-_-office.json")),
    ("microsoft-_-.net_framework", include_str!("../fixtures/microsoft-_-.net_framework.json")),
    ("google-_-chrome", include_str!("../fixtures/google-_-chrome.json")),
];

/// A synthetic inventory entry with thousands of KBs, to see how the widget copes at scale.
pub const SCALE_ID: &str = "microsoft-_-windows_server_2016";
pub const SCALE_KB_COUNT: usize = 5_000;

pub(crate) const ODATA_CONTEXT: &str =
    "https://api.securitycenter.microsoft.com/api/$metadata#Collection(microsoft.windowsDefenderATP.api.PublicProductFixDto)";

/// The answer body for a known software ID.
pub fn missing_kbs(software_id: &str) -> Option<String> {
    if software_id == SCALE_ID {
        return Some(scale_answer(SCALE_KB_COUNT));
    }
    FILES.iter().find(|(id, _)| *id == software_id).map(|(_, body)| (*body).to_owned())
}

/// The software entity for a known ID, in the documented shape; its exposed
/// machines are those missing its most-missed KB.
pub fn software(software_id: &str) -> Option<String> {
    let kbs: serde_json::Value = serde_json::from_str(&missing_kbs(software_id)?).ok()?;
    let kb_list = kbs["value"].as_array()?;
    let exposed = kb_list.iter().filter_map(|kb| kb["machineMissedOn"].as_u64()).max().unwrap_or(0);
    let (vendor, name) = software_id.split_once("-_-")?;
    Some(
        serde_json::json!({
            "id": software_id,
            "name": name,
            "vendor": vendor,
            "weaknesses": kb_list.len() * 3,
            "publicExploit": exposed > 1000,
            "activeAlert": false,
            "exposedMachines": exposed,
            "impactScore": 0.0,
        })
        .to_string(),
    )
}

/// Every software ID that has an answer, for the start-up banner and the tests.
pub fn known_ids() -> impl Iterator<Item = &'static str> {
    FILES.iter().map(|(id, _)| *id).chain(std::iter::once(SCALE_ID))
}

/// `count` distinct KBs with spread-out, deterministic counts.
fn scale_answer(count: usize) -> String {
    let value: Vec<serde_json::Value> = (0..count)
        .map(|i| {
            let kb = 3_000_000 + i * 17;
            let month = i % 12 + 1;
            let year = 2016 + i / 12 % 9;
            serde_json::json!({
                "id": kb.to_string(),
                "name": format!("{year}-{month:02} Cumulative Update for Windows Server 2016 for x64-based Systems (KB{kb})"),
                "productsNames": ["windows_server_2016"],
                "url": format!("https://catalog.update.microsoft.com/v7/site/Search.aspx?q=KB{kb}"),
                "machineMissedOn": (i * 7919) % 2_500,
                "cveAddressed": (i * 31) % 120,
                "osBuild": 14393,
            })
        })
        .collect();
    serde_json::json!({ "@odata.context": ODATA_CONTEXT, "value": value }).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_fixture_is_in_the_documented_shape() {
        for id in known_ids() {
            let body: serde_json::Value = serde_json::from_str(&missing_kbs(id).unwrap()).unwrap();
            assert!(body["@odata.context"].as_str().unwrap().contains("PublicProductFixDto"), "{id}");
            for kb in body["value"].as_array().unwrap() {
                assert!(kb["id"].as_str().unwrap().bytes().all(|b| b.is_ascii_digit()), "{id}");
                assert!(kb["name"].is_string() && kb["productsNames"].is_array(), "{id}");
                assert!(kb["machineMissedOn"].is_u64() && kb["cveAddressed"].is_u64(), "{id}");
                assert!(kb["url"].as_str().unwrap().starts_with("https://catalog.update.microsoft.com/"), "{id}");
            }
        }
    }

    #[test]
    fn the_scale_answer_has_the_promised_count_of_distinct_kbs() {
        let body: serde_json::Value = serde_json::from_str(&missing_kbs(SCALE_ID).unwrap()).unwrap();
        let ids: std::collections::HashSet<_> =
            body["value"].as_array().unwrap().iter().map(|kb| kb["id"].clone()).collect();
        assert_eq!(ids.len(), SCALE_KB_COUNT);
    }

    #[test]
    fn there_is_one_software_with_nothing_missing() {
        let body: serde_json::Value = serde_json::from_str(&missing_kbs("google-_-chrome").unwrap()).unwrap();
        assert_eq!(body["value"], serde_json::json!([]));
        assert!(known_ids().count() >= 9);
    }
}
