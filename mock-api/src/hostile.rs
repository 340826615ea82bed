//! The hostile-answer corpus (`tests/hostile/cases.json`), served as `scenario-_-hostile_<name>`
//! (getmissingkbs) or to a bearer token that names the case (the other endpoints, `endpoint`).

use std::collections::HashMap;
use std::path::Path;

use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

pub const PREFIX: &str = "scenario-_-hostile_";

#[derive(Clone, Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct HostileCase {
    pub name: String,
    pub status: u16,
    pub content_type: String,
    #[serde(default)]
    pub retry_after: Option<String>,
    #[serde(default)]
    pub body: Option<String>,
    /// A body too large to keep in the file, made on request.
    #[serde(default)]
    pub generate: Option<String>,
    /// `inventory` for an answer to `GET /api/Software`, served to the bearer token
    /// `inventory-hostile_<name>`; `details` for the KB details' endpoints, served to
    /// `details-hostile_<name>`; `machines`, `machine`, `machine-kbs` or `machine-rows` for
    /// the device view's endpoints (`machines.rs`), served to `machine-hostile_<name>`;
    /// otherwise an answer to getmissingkbs.
    #[serde(default)]
    pub endpoint: Option<String>,
    /// For `details` cases: the body `machineReferences` answers with (the software's
    /// devices), when the case is about their names.
    #[serde(default)]
    pub references: Option<String>,
}

#[derive(Deserialize)]
struct CorpusFile {
    cases: Vec<HostileCase>,
}

/// Reads the corpus; every case must have a body or a known generator.
pub fn load(path: &Path) -> Result<HashMap<String, HostileCase>, String> {
    let text = std::fs::read_to_string(path).map_err(|error| format!("cannot read {}: {error}", path.display()))?;
    let file: CorpusFile =
        serde_json::from_str(&text).map_err(|error| format!("{} is not a corpus: {error}", path.display()))?;
    let mut cases = HashMap::new();
    for case in file.cases {
        if case.body.is_none() && !case.generate.as_deref().is_some_and(|name| GENERATORS.contains(&name)) {
            return Err(format!("case {} has neither a body nor a known generator", case.name));
        }
        cases.insert(case.name.clone(), case);
    }
    Ok(cases)
}

/// The bearer token that asks the inventory for a hostile case: `inventory-hostile_<name>`.
pub const INVENTORY_TOKEN_PREFIX: &str = "inventory-hostile_";
/// The bearer token that asks the KB details' endpoints for a hostile case: `details-hostile_<name>`.
pub const DETAILS_TOKEN_PREFIX: &str = "details-hostile_";
/// The bearer token that asks the endpoint a case names (`machines`, `machine`, `machine-kbs`,
/// `machine-rows`) for a hostile case: `machine-hostile_<name>`.
pub const MACHINE_TOKEN_PREFIX: &str = "machine-hostile_";

const GENERATORS: [&str; 13] = [
    "ten-megabyte-name",
    "ten-thousand-products",
    "deep-nesting",
    "next-link-loop",
    "huge-error-message",
    "hundred-thousand-kbs",
    "million-kbs",
    "hundred-megabyte-answer",
    "next-link-loop-of-big-pages",
    "sixty-thousand-software",
    "inventory-next-link-loop",
    "ten-megabyte-rows",
    "ten-megabyte-machines",
];

pub fn respond(case: &HostileCase, id: &str, headers: &HeaderMap) -> Response {
    let body = match (&case.body, case.generate.as_deref()) {
        (Some(body), _) => body.clone(),
        (None, Some(generator)) => generate(generator, id, headers),
        (None, None) => String::new(),
    };
    let status = StatusCode::from_u16(case.status).unwrap_or(StatusCode::OK);
    let mut response = (status, body).into_response();
    if let Ok(content_type) = HeaderValue::from_str(&case.content_type) {
        response.headers_mut().insert(header::CONTENT_TYPE, content_type);
    }
    if let Some(retry_after) = case.retry_after.as_deref().and_then(|value| HeaderValue::from_str(value).ok()) {
        response.headers_mut().insert(header::RETRY_AFTER, retry_after);
    }
    response
}

fn generate(generator: &str, id: &str, headers: &HeaderMap) -> String {
    let kb = |extra: serde_json::Value| {
        let mut kb = serde_json::json!({
            "id": "4540673", "name": "March 2020 Security Updates", "productsNames": ["edge"],
            "url": "https://catalog.update.microsoft.com/v7/site/Search.aspx?q=KB4540673",
            "machineMissedOn": 240, "cveAddressed": 14,
        });
        if let (Some(kb), serde_json::Value::Object(extra)) = (kb.as_object_mut(), extra) {
            kb.extend(extra);
        }
        kb
    };
    match generator {
        "ten-megabyte-name" => {
            serde_json::json!({ "value": [kb(serde_json::json!({ "name": "A".repeat(10 * 1024 * 1024) }))] })
                .to_string()
        }
        "ten-thousand-products" => {
            let products: Vec<String> = (0..10_000).map(|i| format!("product_{i}")).collect();
            serde_json::json!({ "value": [kb(serde_json::json!({ "productsNames": products }))] }).to_string()
        }
        "deep-nesting" => {
            format!(r#"{{"value":[{{"id":"1","name":{}{}}}]}}"#, "[".repeat(100_000), "]".repeat(100_000))
        }
        "next-link-loop" => {
            let host = headers.get(header::HOST).and_then(|h| h.to_str().ok()).unwrap_or("127.0.0.1");
            let next = format!("http://{host}/api/Software/{id}/getmissingkbs");
            serde_json::json!({ "value": [kb(serde_json::json!({}))], "@odata.nextLink": next }).to_string()
        }
        "hundred-thousand-kbs" => {
            // About 30 MB: distinct KBs with realistic field sizes.
            let value: Vec<serde_json::Value> = (0..100_000u64)
                .map(|i| {
                    let id = 5_000_000 + i;
                    kb(serde_json::json!({
                        "id": id.to_string(),
                        "name": format!("2025-{:02} Cumulative Update for Windows Server 2016 for x64-based Systems (KB{id}) with a longer description", i % 12 + 1),
                        "productsNames": ["windows_server_2016", "windows_server_2019", ".net_framework"],
                        "url": format!("https://catalog.update.microsoft.com/v7/site/Search.aspx?q=KB{id}"),
                        "machineMissedOn": (i * 7919) % 100_000,
                        "cveAddressed": i % 150,
                        "osBuild": 14393,
                    }))
                })
                .collect();
            serde_json::json!({ "@odata.context": "x", "value": value }).to_string()
        }
        "million-kbs" => {
            // About 30 MB: within the byte bound, five times the KB bound.
            let kbs = vec![r#"{"id":"4540673","machineMissedOn":1}"#; 1_000_000].join(",");
            format!(r#"{{"value":[{kbs}]}}"#)
        }
        "hundred-megabyte-answer" => {
            // Valid JSON for an empty list, padded past the byte bound with white space.
            format!(r#"{{"value":[{}]}}"#, " ".repeat(100 * 1024 * 1024))
        }
        "next-link-loop-of-big-pages" => {
            // 8 MB pages that link to themselves: the pages together pass the byte bound.
            let host = headers.get(header::HOST).and_then(|h| h.to_str().ok()).unwrap_or("127.0.0.1");
            let next = format!("http://{host}/api/Software/{id}/getmissingkbs");
            let page = serde_json::json!({ "value": [kb(serde_json::json!({}))], "@odata.nextLink": next }).to_string();
            format!("{}{page}", " ".repeat(8 * 1024 * 1024))
        }
        "sixty-thousand-software" => {
            let value: Vec<serde_json::Value> = (0..60_000)
                .map(|i| serde_json::json!({ "id": format!("vendor_{}-_-product_{i}", i % 97), "name": format!("product_{i}"), "vendor": format!("vendor_{}", i % 97), "exposedMachines": i % 5_000 }))
                .collect();
            serde_json::json!({ "value": value }).to_string()
        }
        "inventory-next-link-loop" => {
            let host = headers.get(header::HOST).and_then(|h| h.to_str().ok()).unwrap_or("127.0.0.1");
            let next = format!("http://{host}/api/Software?$skiptoken=loop");
            let entry = serde_json::json!({ "id": "microsoft-_-edge", "name": "edge", "vendor": "microsoft" });
            serde_json::json!({ "value": [entry], "@odata.nextLink": next }).to_string()
        }
        "ten-megabyte-rows" => {
            // One page of vulnerability rows of 10 MB: real rows, padded with white space.
            let row = serde_json::json!({ "cveId": "CVE-2025-10001", "machineId": "m1", "fixingKbId": "5049981", "severity": "High" });
            format!(r#"{{"value":[{row}{}]}}"#, " ".repeat(10 * 1024 * 1024))
        }
        "ten-megabyte-machines" => {
            // The fleet's devices, over and over, to past 10 MB: more devices than $top 10,000 allows.
            let mut body = String::from(r#"{"value":["#);
            for device in crate::fleet::all_devices().cycle() {
                if body.len() > 10 * 1024 * 1024 + 200_000 {
                    break;
                }
                body.push_str(&crate::machines::entity(device).to_string());
                body.push(',');
            }
            body.pop();
            body.push_str("]}");
            body
        }
        "huge-error-message" => {
            serde_json::json!({ "error": { "code": "X", "message": "m".repeat(1_000_000), "target": "t" } }).to_string()
        }
        _ => String::new(),
    }
}
