//! The KB details' two endpoints: `GET /api/vulnerabilities/machinesVulnerabilities` (one row
//! per device and CVE) and `GET /api/Software/{id}/machineReferences` (the software's
//! devices), generated consistently with the missing-KB fixtures: a KB missing on N devices
//! that fixes C CVEs has N devices with C rows each, on the first N devices of its
//! software, and those devices are the software's references.

use std::collections::HashMap;

use axum::http::{header, StatusCode};
use axum::response::Response;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;

use crate::inventory::{parse_conditions, Condition};
use crate::{defender_error, fixtures, json_ok};

/// The most rows one request may ask for, as the API documents for `$top`.
const MAX_TOP: usize = 10_000;
const GROUPS: [&str; 4] = ["Finance", "Engineering", "Kiosks", "Servers"];
const SEVERITIES: [&str; 10] =
    ["Critical", "High", "High", "High", "Medium", "Medium", "Medium", "Medium", "Medium", "Low"];

/// A token that asks the details' endpoints to fail or wait; any other token is answered.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DetailsScenario {
    /// 403, as for a token without `Vulnerability.Read`.
    Forbidden,
    /// 429 with `Retry-After: 1`.
    Throttled,
    /// Answers after the mock's slow delay.
    Slow,
}

impl DetailsScenario {
    pub fn for_token(token: &str) -> Option<Self> {
        Some(match token {
            "vulnerability-forbidden" => Self::Forbidden,
            "vulnerability-throttled" => Self::Throttled,
            "vulnerability-slow" => Self::Slow,
            _ => return None,
        })
    }
}

/// A KB of the fixtures: its software, and the counts its card shows.
struct FixtureKb {
    software: &'static str,
    machines: usize,
    cves: usize,
}

fn find_kb(kb: &str) -> Option<FixtureKb> {
    fixtures::known_ids().find_map(|software| {
        let answer: serde_json::Value = serde_json::from_str(&fixtures::missing_kbs(software)?).ok()?;
        let entry = answer["value"].as_array()?.iter().find(|entry| entry["id"].as_str() == Some(kb))?.clone();
        Some(FixtureKb {
            software,
            machines: entry["machineMissedOn"].as_u64().unwrap_or(0) as usize,
            cves: entry["cveAddressed"].as_u64().unwrap_or(0) as usize,
        })
    })
}

/// The id of device `index` of `software`: 40 hexadecimal digits, as Defender's are.
fn device_id(software: &str, index: usize) -> String {
    let seed = software.bytes().fold(0x811c_9dc5_u32, |hash, byte| (hash ^ u32::from(byte)).wrapping_mul(0x0100_0193));
    format!("{seed:08x}{index:032x}")
}

fn device_index(software: &str, id: &str) -> Option<usize> {
    let index = usize::from_str_radix(id.get(8..)?, 16).ok()?;
    (device_id(software, index) == id).then_some(index)
}

fn cve_id(kb: &str, index: usize) -> String {
    let base: usize = kb.parse::<usize>().unwrap_or(0) % 40_000;
    format!("CVE-2025-{:05}", 10_000 + base + index)
}

/// The claims of a JWT (`header.payload.signature`, base64url JSON), or `None` for any other token.
pub fn jwt_claims(token: &str) -> Option<serde_json::Value> {
    let mut parts = token.split('.');
    let (Some(_), Some(payload), Some(_), None) = (parts.next(), parts.next(), parts.next(), parts.next()) else {
        return None;
    };
    serde_json::from_slice(&URL_SAFE_NO_PAD.decode(payload).ok()?).ok()
}

/// Whether a token is a JWT whose `scp` and `roles` lack `Vulnerability.Read`, as Defender
/// refuses it (the widget reads the same claims to explain the refusal).
fn lacks_vulnerability_read(token: &str) -> bool {
    let Some(claims) = jwt_claims(token) else { return false };
    let scopes = claims["scp"].as_str().unwrap_or("").split(' ').map(str::to_owned);
    let roles = claims["roles"].as_array().into_iter().flatten().filter_map(|role| role.as_str().map(str::to_owned));
    !scopes.chain(roles).any(|granted| granted == "Vulnerability.Read" || granted == "Vulnerability.Read.All")
}

/// The failure a token asks for, or `None` to answer (after `wait` for the slow scenario).
pub fn token_failure(token: &str, correlation: &str) -> Option<Response> {
    let forbidden = || {
        defender_error(
            StatusCode::FORBIDDEN,
            "Forbidden",
            "Missing application roles. Vulnerability.Read.",
            correlation,
        )
    };
    if lacks_vulnerability_read(token) {
        return Some(forbidden());
    }
    match DetailsScenario::for_token(token)? {
        DetailsScenario::Forbidden => Some(forbidden()),
        DetailsScenario::Throttled => {
            let mut response =
                defender_error(StatusCode::TOO_MANY_REQUESTS, "TooManyRequests", "Too many requests.", correlation);
            response.headers_mut().insert(header::RETRY_AFTER, "1".parse().expect("a valid header value"));
            Some(response)
        }
        DetailsScenario::Slow => None,
    }
}

/// `GET /api/vulnerabilities/machinesVulnerabilities` with these query parameters.
pub fn rows(query: &HashMap<String, String>, correlation: &str) -> Response {
    match select_rows(query) {
        Ok(value) => json_ok(serde_json::json!({ "value": value }).to_string()),
        Err(message) => defender_error(StatusCode::BAD_REQUEST, "BadRequest", &message, correlation),
    }
}

fn select_rows(query: &HashMap<String, String>) -> Result<Vec<serde_json::Value>, String> {
    let number = |name: &str, default: usize| match query.get(name) {
        None => Ok(default),
        Some(value) => value.parse::<usize>().map_err(|_| format!("{name} must be a whole number.")),
    };
    let (top, skip) = (number("$top", MAX_TOP)?, number("$skip", 0)?);
    if top > MAX_TOP {
        return Err("$top must be at most 10000.".to_owned());
    }
    let filter = query.get("$filter").ok_or("This mock answers only a $filter on fixingKbId.")?;
    let conditions = parse_conditions(filter, &["fixingKbId", "machineId", "cveId"], false).ok_or_else(|| {
        format!(
            "Invalid filter clause: {filter}. This API accepts eq on fixingKbId, machineId and cveId, joined by and."
        )
    })?;
    let value =
        |field: &str| conditions.iter().find(|Condition { field: f, .. }| *f == field).map(|c| c.value.as_str());
    let kb = value("fixingKbId").ok_or("This mock answers only a $filter on fixingKbId.")?;
    let Some(fixture) = find_kb(kb) else { return Ok(Vec::new()) };
    let devices: Vec<usize> = match value("machineId") {
        Some(id) => device_index(fixture.software, id).filter(|index| *index < fixture.machines).into_iter().collect(),
        None => (0..fixture.machines).collect(),
    };
    let cves: Vec<usize> = match value("cveId") {
        Some(id) => (0..fixture.cves).filter(|index| cve_id(kb, *index) == id).collect(),
        None => (0..fixture.cves).collect(),
    };
    let product = fixture.software.split_once("-_-").map_or(fixture.software, |(_, product)| product);
    Ok(devices
        .iter()
        .flat_map(|device| cves.iter().map(move |cve| (*device, *cve)))
        .skip(skip)
        .take(top)
        .map(|(device, cve)| {
            let machine = device_id(fixture.software, device);
            let cve_id = cve_id(kb, cve);
            serde_json::json!({
                "id": format!("{machine}_{product}_10.0.19045_{cve_id}"),
                "cveId": cve_id,
                "machineId": machine,
                "fixingKbId": kb,
                "productName": product,
                "productVendor": "microsoft",
                "productVersion": "10.0.19045",
                "severity": SEVERITIES[cve % SEVERITIES.len()],
            })
        })
        .collect())
}

/// `GET /api/Software/{id}/machineReferences`: the software's devices (as many as its
/// most-missed KB's count), or `None` for a software the mock does not know.
pub fn machine_references(software: &str) -> Option<Response> {
    let answer: serde_json::Value = serde_json::from_str(&fixtures::missing_kbs(software)?).ok()?;
    let count = answer["value"].as_array()?.iter().filter_map(|kb| kb["machineMissedOn"].as_u64()).max().unwrap_or(0);
    let platform = if software.contains("server") { "WindowsServer2019" } else { "Windows10" };
    let value: Vec<serde_json::Value> = (0..count as usize)
        .map(|index| {
            serde_json::json!({
                "id": device_id(software, index),
                "computerDnsName": format!("{}-{index:05}.contoso.com", if software.contains("server") { "srv" } else { "wks" }),
                "osPlatform": platform,
                "rbacGroupName": GROUPS[index % GROUPS.len()],
                "lastSeen": "2026-11-27T08:15:00Z",
            })
        })
        .collect();
    Some(json_ok(serde_json::json!({ "value": value }).to_string()))
}
