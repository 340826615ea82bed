//! The KB details' two endpoints, and the device view's fallback:
//! `GET /api/vulnerabilities/machinesVulnerabilities` (one row per device and CVE; "List
//! vulnerabilities by machine and software",
//! <https://learn.microsoft.com/defender-endpoint/api/get-machines-by-software-and-vulnerability>)
//! and `GET /api/Software/{id}/machineReferences` (the software's devices; "Get machines by
//! software", <https://learn.microsoft.com/defender-endpoint/api/get-machines-by-software>),
//! made from the fleet (`fleet.rs`): a KB missing on N devices that fixes C CVEs has N
//! devices with C rows each, and a device has the rows of every KB it misses, so a device's
//! rows and a KB's rows are the same rows.
//!
//! `$filter` is `eq` on `fixingKbId`, `machineId` and `cveId`, joined by `and`, with
//! `fixingKbId` or `machineId` (or both); `$top` up to 10,000 and `$skip`. With `machineId`
//! and no `fixingKbId` (the device view's fallback, when getmissingkbs refuses a delegated
//! token), the device's rows come KB after KB, then its rows without a KB: an outdated
//! Chrome's CVEs, whose `fixingKbId` is null or absent, as Defender reports a CVE that no KB
//! fixes. Any other filter is a 400.
//!
//! `machineReferences` lists the software's devices that miss one of its KBs (Defender lists
//! every device that has it; these are the ones the details need names for, and the answer
//! stays small), by name.

use std::collections::HashMap;

use axum::http::{header, StatusCode};
use axum::response::Response;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;

use crate::fleet::{self, Device};
use crate::inventory::{parse_conditions, Condition};
use crate::{defender_error, json_ok};

/// The most rows one request may ask for, as the API documents for `$top`.
const MAX_TOP: usize = 10_000;
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

/// What a JWT grants: whether it is a delegated token (it has `scp`), and its scopes and roles.
pub(crate) struct Grants {
    pub delegated: bool,
    pub granted: Vec<String>,
}

impl Grants {
    /// The grants of a JWT, or `None` for any other token.
    pub fn of(token: &str) -> Option<Self> {
        let claims = jwt_claims(token)?;
        let scopes = claims["scp"].as_str().unwrap_or("").split(' ').filter(|scope| !scope.is_empty());
        let roles = claims["roles"].as_array().into_iter().flatten().filter_map(|role| role.as_str());
        Some(Grants {
            delegated: claims.get("scp").is_some(),
            granted: scopes.chain(roles).map(str::to_owned).collect(),
        })
    }

    pub fn any_of(&self, permissions: &[&str]) -> bool {
        self.granted.iter().any(|granted| permissions.contains(&granted.as_str()))
    }
}

/// Whether a token is a JWT whose `scp` and `roles` lack `Vulnerability.Read`, as Defender
/// refuses it (the widget reads the same claims to explain the refusal).
fn lacks_vulnerability_read(token: &str) -> bool {
    Grants::of(token).is_some_and(|grants| !grants.any_of(&["Vulnerability.Read", "Vulnerability.Read.All"]))
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
    let only = "This mock answers only a $filter on fixingKbId or machineId.";
    let filter = query.get("$filter").ok_or(only)?;
    let conditions = parse_conditions(filter, &["fixingKbId", "machineId", "cveId"], false).ok_or_else(|| {
        format!(
            "Invalid filter clause: {filter}. This API accepts eq on fixingKbId, machineId and cveId, joined by and."
        )
    })?;
    let value =
        |field: &str| conditions.iter().find(|Condition { field: f, .. }| *f == field).map(|c| c.value.as_str());
    let device = value("machineId").map(Device::parse);
    let wanted_cve = |row: &Row| value("cveId").is_none_or(|wanted| wanted == row.cve_id());
    let rows: Box<dyn Iterator<Item = Row>> = match (value("fixingKbId").map(fleet::find_kb), device) {
        (Some(None), _) | (None, Some(None)) => return Ok(Vec::new()),
        (Some(Some(kb)), device) => Box::new(kb_rows(kb, device)),
        (None, Some(Some(device))) => Box::new(device_rows(device)),
        (None, None) => return Err(only.to_owned()),
    };
    Ok(rows.filter(|row| wanted_cve(row)).skip(skip).take(top).map(|row| row.json()).collect())
}

/// The rows of a KB: device after device (all, or the one asked for: `None` for an unknown
/// id), each with every CVE the KB fixes.
fn kb_rows(kb: &'static fleet::Kb, device: Option<Option<Device>>) -> impl Iterator<Item = Row> {
    let devices: Box<dyn Iterator<Item = Device>> = match device {
        Some(device) => Box::new(device.filter(|device| kb.is_missing_on(*device)).into_iter()),
        None => Box::new(kb.devices()),
    };
    devices.flat_map(move |device| (0..kb.cves).map(move |cve| Row::Kb(device, kb, cve)))
}

/// The rows of a device: KB after KB it misses, then the CVEs no KB fixes.
fn device_rows(device: Device) -> impl Iterator<Item = Row> {
    let without_kb = if fleet::has_outdated_chrome(device) { fleet::CHROME_CVES } else { 0 };
    fleet::missing_kbs(device)
        .flat_map(move |kb| (0..kb.cves).map(move |cve| Row::Kb(device, kb, cve)))
        .chain((0..without_kb).map(move |cve| Row::NoKb(device, cve)))
}

/// One row: a device and a CVE of a KB it misses, or a CVE no KB fixes.
enum Row {
    Kb(Device, &'static fleet::Kb, usize),
    /// The `n`th CVE of an outdated Chrome.
    NoKb(Device, usize),
}

impl Row {
    fn cve_id(&self) -> String {
        match self {
            Row::Kb(_, kb, index) => cve_id(&kb.id, *index),
            Row::NoKb(_, index) => format!("CVE-2024-{}", 12_692 + index),
        }
    }

    fn json(&self) -> serde_json::Value {
        let cve_id = self.cve_id();
        match self {
            Row::Kb(device, kb, cve) => {
                let machine = device.id();
                let product = kb.owner.split_once("-_-").map_or(kb.owner, |(_, product)| product);
                let version = format!("10.0.{}", device.os().build);
                serde_json::json!({
                    "id": format!("{machine}_{product}_{version}_{cve_id}"),
                    "cveId": cve_id,
                    "machineId": machine,
                    "fixingKbId": kb.id,
                    "productName": product,
                    "productVendor": "microsoft",
                    "productVersion": version,
                    "severity": SEVERITIES[cve % SEVERITIES.len()],
                })
            }
            Row::NoKb(device, cve) => {
                let machine = device.id();
                let mut row = serde_json::json!({
                    "id": format!("{machine}_chrome_130.0.6723.117_{cve_id}"),
                    "cveId": cve_id,
                    "machineId": machine,
                    "productName": "chrome",
                    "productVendor": "google",
                    "productVersion": "130.0.6723.117",
                    "severity": SEVERITIES[(cve + 1) % SEVERITIES.len()],
                });
                // Null for some, absent for others: neither is a KB.
                if cve % 2 == 0 {
                    row["fixingKbId"] = serde_json::Value::Null;
                }
                row
            }
        }
    }
}

/// `GET /api/Software/{id}/machineReferences`: the software's devices that miss one of its
/// KBs, by name, or `None` for a software the mock does not know.
pub fn machine_references(software: &str) -> Option<Response> {
    let value: Vec<serde_json::Value> = fleet::exposed_devices(software)?.into_iter().map(reference).collect();
    Some(json_ok(serde_json::json!({ "value": value }).to_string()))
}

/// A device as `machineReferences` lists it.
fn reference(device: Device) -> serde_json::Value {
    serde_json::json!({
        "id": device.id(),
        "computerDnsName": device.name(),
        "osPlatform": device.os().platform,
        "rbacGroupName": device.team(),
        "lastSeen": device.last_seen(),
    })
}
