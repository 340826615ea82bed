//! The device's side over HTTP: the machine endpoints, their switches, and the agreement of a
//! device's KBs with the KBs' device lists.

use std::collections::{BTreeMap, BTreeSet};

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;

use super::*;
use crate::fleet::{self, Device};

/// An unsigned JWT with these claims, as the mock reads one.
fn jwt(claims: serde_json::Value) -> String {
    format!("e30.{}.sig", URL_SAFE_NO_PAD.encode(claims.to_string()))
}

fn device(software: &str, position: usize) -> Device {
    fleet::nth_device(software, position).unwrap()
}

async fn json(app: &Router, path: &str, token: &str) -> serde_json::Value {
    let (status, _, body) = get(app, path, Some(token)).await;
    assert_eq!(status, StatusCode::OK, "{path}: {body}");
    serde_json::from_str(&body).unwrap()
}

/// The KBs getmissingkbs lists for the device, with the CVEs each fixes.
async fn listed_kbs(app: &Router, id: &str) -> BTreeMap<String, usize> {
    let body = json(app, &format!("/api/machines/{id}/getmissingkbs"), DEVELOPMENT_TOKEN).await;
    let value = body["value"].as_array().unwrap();
    assert!(value.iter().all(|kb| kb["machineMissedOn"] == 1));
    value
        .iter()
        .map(|kb| (kb["id"].as_str().unwrap().to_owned(), kb["cveAddressed"].as_u64().unwrap() as usize))
        .collect()
}

/// The device's rows (the fallback), grouped by `fixingKbId`, 1,000 a page; rows without one apart.
async fn rows_by_kb(app: &Router, id: &str) -> (BTreeMap<String, usize>, usize) {
    let (mut by_kb, mut without) = (BTreeMap::new(), 0);
    for page in 0.. {
        let path = format!(
            "/api/vulnerabilities/machinesVulnerabilities?$filter=machineId%20eq%20%27{id}%27&$top=1000&$skip={}",
            page * 1000
        );
        let body = json(app, &path, DEVELOPMENT_TOKEN).await;
        let rows = body["value"].as_array().unwrap();
        for row in rows {
            assert_eq!(row["machineId"], id);
            match row["fixingKbId"].as_str() {
                Some(kb) => *by_kb.entry(kb.to_owned()).or_insert(0) += 1,
                None => without += 1,
            }
        }
        if rows.len() < 1000 {
            break;
        }
    }
    (by_kb, without)
}

/// For a few devices: the KBs getmissingkbs lists are the KBs of its rows, each with as many
/// rows as it fixes CVEs, and exactly the KBs whose own rows (`fixingKbId eq`) name the device,
/// which the KB's software lists among its devices (`machineReferences`). A KB that fixes no
/// CVE (a servicing stack update, the malicious software removal tool) has no rows at all:
/// only getmissingkbs lists it, as with Defender.
#[tokio::test]
async fn a_devices_kbs_agree_with_the_kbs_device_lists() {
    let app = app(MockConfig::default());
    let devices = [
        device("microsoft-_-windows_10", 0),
        device("microsoft-_-windows_10", 240),
        device("microsoft-_-windows_11", 5),
        device("microsoft-_-windows_server_2019", 39),
        device("microsoft-_-windows_10", 9_999),
    ];
    for device in devices {
        let id = device.id();
        let listed = listed_kbs(&app, &id).await;
        let with_cves: BTreeMap<String, usize> =
            listed.iter().filter(|(_, cves)| **cves > 0).map(|(kb, cves)| (kb.clone(), *cves)).collect();
        let (rows, _) = rows_by_kb(&app, &id).await;
        assert_eq!(rows, with_cves, "{}", device.name());
        let mut holding = BTreeSet::new();
        for kb in fleet::catalogue().iter().filter(|kb| kb.owner != fixtures::SCALE_ID && kb.cves > 0) {
            // The KB's devices, as the details read them: the rows of one of its CVEs.
            let rows_of = |filter: String, top: usize| {
                format!("/api/vulnerabilities/machinesVulnerabilities?$filter={filter}&$top={top}")
            };
            let probe = json(&app, &rows_of(format!("fixingKbId%20eq%20'{}'", kb.id), 1), "t").await;
            let cve = probe["value"][0]["cveId"].as_str().unwrap().to_owned();
            let filter = format!("fixingKbId%20eq%20'{}'%20and%20cveId%20eq%20'{cve}'", kb.id);
            let devices = json(&app, &rows_of(filter, 10_000), DEVELOPMENT_TOKEN).await;
            if devices["value"].as_array().unwrap().iter().any(|row| row["machineId"] == id) {
                let filter = format!("fixingKbId%20eq%20'{}'%20and%20machineId%20eq%20'{id}'", kb.id);
                let on_device =
                    json(&app, &rows_of(filter, 10_000), DEVELOPMENT_TOKEN).await["value"].as_array().unwrap().len();
                assert_eq!(rows.get(&kb.id), Some(&on_device), "KB{} on {}", kb.id, device.name());
                assert_eq!(on_device, kb.cves);
                holding.insert(kb.id.clone());
                // Every software that lists the KB names the device among its own.
                let listing = fixtures::known_ids()
                    .filter(|software| fixtures::missing_kbs(software).unwrap().contains(&format!("\"{}\"", kb.id)));
                for software in listing {
                    let references = json(&app, &format!("/api/Software/{software}/machineReferences"), "t").await;
                    let named = references["value"].as_array().unwrap().iter().any(|machine| machine["id"] == id);
                    assert!(named, "KB{} of {software} on {}", kb.id, device.name());
                }
            }
        }
        assert_eq!(holding, with_cves.into_keys().collect(), "{}", device.name());
    }
    assert_eq!(listed_kbs(&app, &devices[0].id()).await.len(), 15);
    assert!(listed_kbs(&app, &devices[4].id()).await.is_empty());
}

#[tokio::test]
async fn the_fallback_rows_page_and_hold_cves_no_kb_fixes() {
    let app = app(MockConfig::default());
    let id = device("microsoft-_-windows_10", 0).id();
    let (by_kb, without) = rows_by_kb(&app, &id).await;
    assert_eq!(without, fleet::CHROME_CVES);
    let total: usize = by_kb.values().sum::<usize>() + without;
    let base = format!("/api/vulnerabilities/machinesVulnerabilities?$filter=machineId%20eq%20'{id}'");
    let all = json(&app, &base, DEVELOPMENT_TOKEN).await;
    assert_eq!(all["value"].as_array().unwrap().len(), total);
    // A row without a KB has a null fixingKbId, or none.
    let tail = &all["value"].as_array().unwrap()[total - 2..];
    assert_eq!((tail[0]["fixingKbId"].is_null(), tail[0].get("fixingKbId").is_some()), (true, false));
    assert_eq!((tail[1]["fixingKbId"].is_null(), tail[1].get("fixingKbId").is_some()), (true, true));
    let page = json(&app, &format!("{base}&$top=5&$skip=10"), DEVELOPMENT_TOKEN).await;
    assert_eq!(page["value"].as_array().unwrap()[..], all["value"].as_array().unwrap()[10..15]);
    let cve = all["value"][0]["cveId"].as_str().unwrap();
    let one = json(&app, &format!("{base}%20and%20cveId%20eq%20'{cve}'"), DEVELOPMENT_TOKEN).await;
    assert_eq!(one["value"].as_array().unwrap().len(), 1);
    let unknown = "/api/vulnerabilities/machinesVulnerabilities?$filter=machineId%20eq%20'nobody'";
    assert_eq!(json(&app, unknown, DEVELOPMENT_TOKEN).await["value"], serde_json::json!([]));
    // Still refused: a filter on neither a KB nor a device, and an `or`.
    for refused in ["cveId%20eq%20'CVE-2025-10001'", &format!("machineId%20eq%20'{id}'%20or%20cveId%20eq%20'x'")] {
        let path = format!("/api/vulnerabilities/machinesVulnerabilities?$filter={refused}");
        let (status, _, body) = get(&app, &path, Some(DEVELOPMENT_TOKEN)).await;
        assert_eq!((status, error_code(&body).as_str()), (StatusCode::BAD_REQUEST, "BadRequest"), "{refused}");
    }
}

/// The page lists only the application permission Software.Read.All: a delegated token is refused.
#[tokio::test]
async fn getmissingkbs_of_a_device_refuses_delegated_tokens() {
    let app = app(MockConfig::default());
    let path = format!("/api/machines/{}/getmissingkbs", device("microsoft-_-windows_10", 0).id());
    for (token, expected) in [
        (jwt(serde_json::json!({ "scp": "Software.Read Vulnerability.Read Machine.Read" })), StatusCode::FORBIDDEN),
        (jwt(serde_json::json!({ "scp": "", "roles": ["Software.Read.All"] })), StatusCode::FORBIDDEN),
        (jwt(serde_json::json!({ "roles": ["Machine.Read.All"] })), StatusCode::FORBIDDEN),
        (jwt(serde_json::json!({ "roles": ["Software.Read.All"] })), StatusCode::OK),
        (DEVELOPMENT_TOKEN.to_owned(), StatusCode::OK),
        ("machine-kbs-forbidden".to_owned(), StatusCode::FORBIDDEN),
    ] {
        let (status, _, body) = get(&app, &path, Some(&token)).await;
        assert_eq!(status, expected, "{token}");
        if status == StatusCode::FORBIDDEN {
            assert_eq!(error_code(&body), "Forbidden");
            assert!(body.contains("Software.Read.All"), "{body}");
        }
    }
    // The fallback answers the tokens getmissingkbs refuses.
    let rows = format!(
        "/api/vulnerabilities/machinesVulnerabilities?$filter=machineId%20eq%20'{}'&$top=1",
        device("microsoft-_-windows_10", 0).id()
    );
    let delegated = jwt(serde_json::json!({ "scp": "Vulnerability.Read" }));
    for token in [delegated.as_str(), "machine-kbs-forbidden"] {
        assert_eq!(get(&app, &rows, Some(token)).await.0, StatusCode::OK, "{token}");
    }
}

#[tokio::test]
async fn the_machines_need_machine_read() {
    let app = app(MockConfig::default());
    let one = format!("/api/machines/{}", device("microsoft-_-windows_11", 0).id());
    let search = "/api/machines?$filter=startswith(computerDnsName,'lap-0000')";
    for (claims, expected) in [
        (serde_json::json!({ "scp": "Software.Read Vulnerability.Read" }), StatusCode::FORBIDDEN),
        (serde_json::json!({ "roles": ["Software.Read.All"] }), StatusCode::FORBIDDEN),
        (serde_json::json!({ "scp": "Software.Read Machine.Read" }), StatusCode::OK),
        (serde_json::json!({ "roles": ["Machine.Read.All"] }), StatusCode::OK),
        (serde_json::json!({ "scp": "Machine.ReadWrite" }), StatusCode::OK),
    ] {
        for path in [one.as_str(), search] {
            let (status, _, body) = get(&app, path, Some(&jwt(claims.clone()))).await;
            assert_eq!(status, expected, "{claims} {path}");
            if status == StatusCode::FORBIDDEN {
                assert_eq!(error_code(&body), "Forbidden");
            }
        }
    }
    assert_eq!(get(&app, &one, Some(DEVELOPMENT_TOKEN)).await.0, StatusCode::OK);
}

#[tokio::test]
async fn a_machine_by_id_or_not_found() {
    let app = app(MockConfig::default());
    let lap = device("microsoft-_-windows_11", 7);
    let body = json(&app, &format!("/api/machines/{}", lap.id()), "t").await;
    assert_eq!(
        (body["id"].as_str(), body["computerDnsName"].as_str()),
        (Some(&*lap.id()), Some("lap-00007.contoso.com"))
    );
    assert_eq!(body["osPlatform"], "Windows11");
    for unknown in ["0000000000000000000000000000000000000000", "wks-00007", "%2E%2E", "a'b"] {
        for path in [format!("/api/machines/{unknown}"), format!("/api/machines/{unknown}/getmissingkbs")] {
            let (status, _, body) = get(&app, &path, Some("t")).await;
            assert_eq!((status, error_code(&body).as_str()), (StatusCode::NOT_FOUND, "ResourceNotFound"), "{path}");
        }
    }
}

/// The widget URL-encodes its `$filter`, quotes or not: both read the same.
#[tokio::test]
async fn the_search_reads_encoded_and_plain_filters_and_refuses_the_rest() {
    let app = app(MockConfig::default());
    let names = |body: serde_json::Value| -> Vec<String> {
        body["value"].as_array().unwrap().iter().map(|m| m["computerDnsName"].as_str().unwrap().to_owned()).collect()
    };
    let expected = ["srv-00010.contoso.com", "srv-00011.contoso.com"];
    for filter in [
        "startswith(computerDnsName,'srv-0001')",
        "startswith(computerDnsName,%27srv-0001%27)",
        "startswith%28computerDnsName%2C%27srv-0001%27%29",
    ] {
        let body = json(&app, &format!("/api/machines?$filter={filter}&$top=2"), "t").await;
        assert_eq!(names(body), expected, "{filter}");
    }
    let body = json(&app, "/api/machines?$filter=startswith(computerDnsName,'srv-0001')&$top=2&$skip=8", "t").await;
    assert_eq!(names(body), ["srv-00018.contoso.com", "srv-00019.contoso.com"]);
    let exact = json(&app, "/api/machines?$filter=computerDnsName%20eq%20%27app-00001.contoso.com%27", "t").await;
    assert_eq!(names(exact), ["app-00001.contoso.com"]);
    let quoted = json(&app, "/api/machines?$filter=computerDnsName%20eq%20'o''brien'", "t").await;
    assert_eq!(quoted["value"], serde_json::json!([]));
    for refused in [
        "startswith(computerDnsName,'a')%20or%20true",
        "startswith(computerDnsName,'a'')%20or%20startswith(computerDnsName,'b')",
        "startswith(computerDnsName,'a",
        "contains(computerDnsName,'a')",
        "healthStatus%20eq%20'Active'",
        "computerDnsName%20eq%20'a'%20or%20'1'%20eq%20'1'",
    ] {
        let (status, _, body) = get(&app, &format!("/api/machines?$filter={refused}"), Some("t")).await;
        assert_eq!((status, error_code(&body).as_str()), (StatusCode::BAD_REQUEST, "BadRequest"), "{refused}");
    }
    for refused in ["$top=10001", "$skip=x", "$select=id", "$filter=id%20eq%20'a'&$filter=id%20eq%20'b'"] {
        assert_eq!(get(&app, &format!("/api/machines?{refused}"), Some("t")).await.0, StatusCode::BAD_REQUEST);
    }
}

#[tokio::test]
async fn machine_scenarios_fail_as_the_service_does() {
    let app = app(MockConfig { slow_delay: Duration::from_millis(50), ..MockConfig::default() });
    let id = device("microsoft-_-windows_10", 0).id();
    let paths =
        ["/api/machines?$top=1".to_owned(), format!("/api/machines/{id}"), format!("/api/machines/{id}/getmissingkbs")];
    for path in &paths {
        for (token, expected) in [
            ("machine-forbidden", StatusCode::FORBIDDEN),
            ("machine-throttled", StatusCode::TOO_MANY_REQUESTS),
            ("machine-server-error", StatusCode::INTERNAL_SERVER_ERROR),
            (EXPIRED_TOKEN, StatusCode::UNAUTHORIZED),
        ] {
            let (status, headers, body) = get(&app, path, Some(token)).await;
            assert_eq!(status, expected, "{token} {path}");
            assert!(!error_code(&body).is_empty());
            if status == StatusCode::TOO_MANY_REQUESTS {
                assert_eq!(headers[header::RETRY_AFTER], "1");
            }
        }
        let (status, _, body) = get(&app, path, Some("machine-malformed")).await;
        assert_eq!(status, StatusCode::OK);
        assert!(serde_json::from_str::<serde_json::Value>(&body).is_err());
        let started = std::time::Instant::now();
        assert_eq!(get(&app, path, Some("machine-slow")).await.0, StatusCode::OK);
        assert!(started.elapsed() >= Duration::from_millis(50));
    }
    // The switches change only the machine endpoints.
    assert_eq!(get(&app, &kbs_path("microsoft-_-edge"), Some("machine-forbidden")).await.0, StatusCode::OK);
}

#[tokio::test]
async fn hostile_machine_answers_are_served_on_their_own_endpoint() {
    let corpus = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/hostile/cases.json");
    let cases = hostile::load(&corpus).unwrap();
    let app = app(MockConfig { hostile: cases.clone(), ..MockConfig::default() });
    let id = device("microsoft-_-windows_10", 0).id();
    let rows = format!("/api/vulnerabilities/machinesVulnerabilities?$filter=machineId%20eq%20'{id}'");
    let endpoints = [
        ("machines", "/api/machines?$filter=startswith(computerDnsName,'wks-0000')".to_owned()),
        ("machine", format!("/api/machines/{id}")),
        ("machine-kbs", format!("/api/machines/{id}/getmissingkbs")),
        ("machine-rows", rows),
    ];
    let mut served = 0;
    for case in cases.values() {
        let Some((_, path)) = endpoints.iter().find(|(name, _)| case.endpoint.as_deref() == Some(*name)) else {
            continue;
        };
        let token = format!("{}{}", hostile::MACHINE_TOKEN_PREFIX, case.name);
        let (status, _, body) = get(&app, path, Some(&token)).await;
        assert_eq!(status.as_u16(), case.status, "{}", case.name);
        if let Some(expected) = &case.body {
            assert_eq!(&body, expected, "{}", case.name);
        }
        // The other endpoints answer the same token as usual, but getmissingkbs refuses a rows case.
        for (name, other) in endpoints.iter().filter(|(name, _)| case.endpoint.as_deref() != Some(*name)) {
            let refused = case.endpoint.as_deref() == Some("machine-rows") && *name == "machine-kbs";
            let expected = if refused { StatusCode::FORBIDDEN } else { StatusCode::OK };
            assert_eq!(get(&app, other, Some(&token)).await.0, expected, "{} on {name}", case.name);
        }
        served += 1;
    }
    assert!(served >= 12, "{served} machine cases");
    let (_, _, big) = get(&app, "/api/machines", Some("machine-hostile_machines-ten-megabyte-page")).await;
    assert!(big.len() > 10 * 1024 * 1024);
}
