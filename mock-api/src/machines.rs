//! The device's side: the organisation's devices and the KBs one device misses, made from the
//! fleet (`fleet.rs`), so that they agree with the KBs' device lists.
//!
//! The APIs, as their public pages document them:
//! - `GET /api/machines/{machineId}/getmissingkbs`, "Get missing KBs by device ID"
//!   (<https://learn.microsoft.com/defender-endpoint/api/get-missing-kbs-machine>): the
//!   answer of `/api/Software/{id}/getmissingkbs` for one device (`machineMissedOn` is 1).
//!   Its page lists one permission, the application permission `Software.Read.All`, and no
//!   delegated one: a delegated token (a JWT with `scp`) is refused with 403, as is an
//!   application token without that role, so that the widget's fallback (the device's rows
//!   of `machinesVulnerabilities`, `vulnerabilities.rs`) is exercised. Any other token (the
//!   demo's) gets the list.
//! - `GET /api/machines/{id}`, "Get machine by ID"
//!   (<https://learn.microsoft.com/defender-endpoint/api/get-machine-by-id>): the machine
//!   entity (<https://learn.microsoft.com/defender-endpoint/api/machine>), 404 for an unknown id.
//! - `GET /api/machines`, "List machines API"
//!   (<https://learn.microsoft.com/defender-endpoint/api/get-machines>; OData as in
//!   <https://learn.microsoft.com/defender-endpoint/api/exposed-apis-odata-samples>): ordered
//!   by name, `$top` up to 10,000 (the most a page holds, also when `$top` is absent) and
//!   `$skip`, and a `$filter` that is exactly one of `startswith(computerDnsName,'…')` or
//!   `computerDnsName eq '…'`, an OData string literal (a `'` inside written `''`). The mock
//!   compares names exactly (they are in lower case), as OData defines both. It answers 400
//!   (`BadRequest`) for any other filter (other functions, fields or operators, `and`, `or`,
//!   an unclosed literal, anything after it), for another `$` option (`$select`, `$orderby`,
//!   …) and for an option given twice: a widget that works here sends only what it means.
//!   `/api/machines` and `/api/machines/{id}` need `Machine.Read` (delegated) or
//!   `Machine.Read.All` (application), or their `ReadWrite` forms: a JWT whose `scp` and
//!   `roles` have none of them is refused with 403.
//!
//! Scenario switches, by bearer token (any other token is answered):
//! - `machine-forbidden`: 403 on all three;
//! - `machine-kbs-forbidden`: 403 on getmissingkbs only, as for a delegated token (the fallback, without a JWT);
//! - `machine-throttled`: 429 with `Retry-After: 1` on all three;
//! - `machine-server-error`: 500 on all three;
//! - `machine-malformed`: a cut-off body on all three;
//! - `machine-slow`: every answer after `--slow-ms`.
//!
//! `machine-hostile_<name>` serves the case `<name>` of `tests/hostile/cases.json` on the
//! endpoint the case names (`machines`, `machine`, `machine-kbs`, or `machine-rows` for
//! the device's rows of `machinesVulnerabilities`, which makes getmissingkbs refuse so that
//! the widget falls back); the other endpoints answer that token as usual.

use std::sync::OnceLock;

use axum::http::{header, StatusCode};
use axum::response::Response;

use crate::fleet::{self, Device};
use crate::inventory::{parse_conditions, read_quoted};
use crate::vulnerabilities::Grants;
use crate::{defender_error, fixtures, json_ok};

/// The most devices one page holds, as the API documents for `$top`.
const MAX_TOP: usize = 10_000;
const MACHINES_CONTEXT: &str = "https://api.securitycenter.microsoft.com/api/$metadata#Machines";
/// Every device group of the fleet, whose place gives its `rbacGroupId`.
const TEAMS: [&str; 6] = ["Finance", "Engineering", "Kiosks", "Sales", "Servers", "Lab"];
const SITES: [&str; 3] = ["Amsterdam", "Chicago", "Singapore"];
/// A token that asks the machine endpoints to fail or wait.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MachineScenario {
    Forbidden,
    KbsForbidden,
    Throttled,
    ServerError,
    Malformed,
    Slow,
}

impl MachineScenario {
    pub fn for_token(token: &str) -> Option<Self> {
        Some(match token {
            "machine-forbidden" => Self::Forbidden,
            "machine-kbs-forbidden" => Self::KbsForbidden,
            "machine-throttled" => Self::Throttled,
            "machine-server-error" => Self::ServerError,
            "machine-malformed" => Self::Malformed,
            "machine-slow" => Self::Slow,
            _ => return None,
        })
    }
}

/// One of the machine endpoints, as a hostile case names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Endpoint {
    /// `GET /api/machines`
    Machines,
    /// `GET /api/machines/{id}`
    Machine,
    /// `GET /api/machines/{id}/getmissingkbs`
    MachineKbs,
}

impl Endpoint {
    /// The `endpoint` of its hostile cases.
    pub fn case_name(self) -> &'static str {
        match self {
            Endpoint::Machines => "machines",
            Endpoint::Machine => "machine",
            Endpoint::MachineKbs => "machine-kbs",
        }
    }
}

/// The failure a token asks of `endpoint` (a scenario, or a permission it lacks), or `None` to answer.
pub fn token_failure(token: &str, endpoint: Endpoint, correlation: &str) -> Option<Response> {
    let forbidden = |message: &str| defender_error(StatusCode::FORBIDDEN, "Forbidden", message, correlation);
    let no_software_read = || forbidden("Missing application roles. Software.Read.All.");
    let no_machine_read = || forbidden("Missing application roles. Machine.Read.All.");
    match MachineScenario::for_token(token) {
        Some(MachineScenario::Forbidden) if endpoint == Endpoint::MachineKbs => return Some(no_software_read()),
        Some(MachineScenario::Forbidden) => return Some(no_machine_read()),
        Some(MachineScenario::KbsForbidden) if endpoint == Endpoint::MachineKbs => return Some(no_software_read()),
        Some(MachineScenario::Throttled) => {
            let mut response =
                defender_error(StatusCode::TOO_MANY_REQUESTS, "TooManyRequests", "Too many requests.", correlation);
            response.headers_mut().insert(header::RETRY_AFTER, "1".parse().expect("a valid header value"));
            return Some(response);
        }
        Some(MachineScenario::ServerError) => {
            return Some(defender_error(
                StatusCode::INTERNAL_SERVER_ERROR,
                "InternalServerError",
                "Something broke.",
                correlation,
            ))
        }
        Some(MachineScenario::Malformed) => return Some(json_ok(r#"{"value":[{"id":"4540673","name":"Ma"#.to_owned())),
        _ => {}
    }
    let grants = Grants::of(token)?;
    match endpoint {
        Endpoint::MachineKbs if grants.delegated || !grants.any_of(&["Software.Read.All"]) => Some(no_software_read()),
        Endpoint::MachineKbs => None,
        _ if grants.any_of(&["Machine.Read", "Machine.Read.All", "Machine.ReadWrite", "Machine.ReadWrite.All"]) => None,
        _ if grants.delegated => Some(forbidden(
            "The application does not have any of the required delegated permissions (Machine.Read, Machine.ReadWrite) to access the resource.",
        )),
        _ => Some(no_machine_read()),
    }
}

/// `GET /api/machines/{id}`.
pub fn machine(id: &str, correlation: &str) -> Response {
    match Device::parse(id) {
        Some(device) => {
            let mut body = entity(device);
            body["@odata.context"] = format!("{MACHINES_CONTEXT}/$entity").into();
            json_ok(body.to_string())
        }
        None => not_found(id, correlation),
    }
}

/// `GET /api/machines/{id}/getmissingkbs`: the KBs the device misses, each as its software's
/// answer has it, with `machineMissedOn` 1.
pub fn missing_kbs(id: &str, correlation: &str) -> Response {
    let Some(device) = Device::parse(id) else { return not_found(id, correlation) };
    let value: Vec<serde_json::Value> = fleet::missing_kbs(device)
        .map(|kb| {
            let mut entry = kb.entry.clone();
            entry["machineMissedOn"] = 1.into();
            entry
        })
        .collect();
    json_ok(serde_json::json!({ "@odata.context": fixtures::ODATA_CONTEXT, "value": value }).to_string())
}

fn not_found(id: &str, correlation: &str) -> Response {
    defender_error(StatusCode::NOT_FOUND, "ResourceNotFound", &format!("Machine {id} was not found."), correlation)
}

/// `GET /api/machines` with these query options, in the order they came.
pub fn list(query: &[(String, String)], correlation: &str) -> Response {
    match select(query) {
        Ok(devices) => {
            let value: Vec<serde_json::Value> = devices.into_iter().map(entity).collect();
            json_ok(serde_json::json!({ "@odata.context": MACHINES_CONTEXT, "value": value }).to_string())
        }
        Err(message) => defender_error(StatusCode::BAD_REQUEST, "BadRequest", &message, correlation),
    }
}

/// What a `$filter` on the devices may say.
#[derive(Debug, PartialEq, Eq)]
pub enum NameFilter {
    /// `startswith(computerDnsName,'…')`
    StartsWith(String),
    /// `computerDnsName eq '…'`
    Equals(String),
}

/// Reads a `$filter` the mock answers, or `None` for any other.
pub fn parse_filter(filter: &str) -> Option<NameFilter> {
    if let Some(arguments) = filter.trim().strip_prefix("startswith(") {
        let literal = arguments.trim_start().strip_prefix("computerDnsName")?.trim_start().strip_prefix(',')?;
        let (prefix, rest) = read_quoted(literal.trim_start().strip_prefix('\'')?)?;
        return rest.trim_start().strip_prefix(')')?.trim().is_empty().then_some(NameFilter::StartsWith(prefix));
    }
    match parse_conditions(filter, &["computerDnsName"], false)?.as_mut_slice() {
        [condition] => Some(NameFilter::Equals(std::mem::take(&mut condition.value))),
        _ => None,
    }
}

/// The devices the query asks for, by name, or why it cannot be answered.
fn select(query: &[(String, String)]) -> Result<Vec<Device>, String> {
    let mut options = [("$filter", None), ("$top", None), ("$skip", None)];
    for (name, value) in query {
        let option = options.iter_mut().find(|(known, _)| known == name);
        match option {
            Some((_, slot @ None)) => *slot = Some(value.as_str()),
            Some(_) => return Err(format!("{name} is given twice.")),
            None if name.starts_with('$') => {
                return Err(format!("This mock answers $filter, $top and $skip on machines, not {name}."))
            }
            None => {}
        }
    }
    let [(_, filter), (_, top), (_, skip)] = options;
    let number = |name: &str, value: Option<&str>, default: usize| match value {
        None => Ok(default),
        Some(value) => value.parse::<usize>().map_err(|_| format!("{name} must be a whole number.")),
    };
    let (top, skip) = (number("$top", top, MAX_TOP)?, number("$skip", skip, 0)?);
    if top > MAX_TOP {
        return Err("$top must be at most 10000.".to_owned());
    }
    let by_name = by_name();
    let matching: &[(String, Device)] = match filter.map(|filter| (filter, parse_filter(filter))) {
        None => by_name,
        Some((_, Some(NameFilter::StartsWith(prefix)))) => {
            let start = by_name.partition_point(|(name, _)| name.as_str() < prefix.as_str());
            let count = by_name[start..].iter().take_while(|(name, _)| name.starts_with(&prefix)).count();
            &by_name[start..start + count]
        }
        Some((_, Some(NameFilter::Equals(wanted)))) => {
            let start = by_name.partition_point(|(name, _)| name.as_str() < wanted.as_str());
            let count = by_name[start..].iter().take_while(|(name, _)| *name == wanted).count();
            &by_name[start..start + count]
        }
        Some((filter, None)) => {
            return Err(format!(
                "Invalid filter clause: {filter}. This mock answers startswith(computerDnsName,'…') or computerDnsName eq '…'."
            ))
        }
    };
    Ok(matching.iter().skip(skip).take(top).map(|(_, device)| *device).collect())
}

/// Every device with its name, by name, made once.
fn by_name() -> &'static [(String, Device)] {
    static BY_NAME: OnceLock<Vec<(String, Device)>> = OnceLock::new();
    BY_NAME.get_or_init(|| {
        let mut devices: Vec<(String, Device)> = fleet::all_devices().map(|device| (device.name(), device)).collect();
        devices.sort();
        devices
    })
}

/// A spread of values, the same on every run.
fn spread(device: Device, salt: usize, modulo: usize) -> usize {
    ((device.index + 1).wrapping_mul(2_654_435_761).wrapping_add((device.group * 7 + salt) * 40_503) >> 7) % modulo
}

/// The machine entity (<https://learn.microsoft.com/defender-endpoint/api/machine>).
pub fn entity(device: Device) -> serde_json::Value {
    let os = device.os();
    let id = device.id();
    let workstation = os.workstations;
    let exposure = match device.missed_count() {
        0 => "None",
        1..=3 => "Low",
        4..=9 => "Medium",
        _ => "High",
    };
    let risk = ["High", "Medium", "Medium", "Low", "Low", "Low", "Informational"].get(spread(device, 2, 20));
    let team = device.team();
    let site = SITES[device.index % SITES.len()];
    let tags: Vec<&str> = if workstation { vec![site] } else { vec![site, "Production"] };
    let aad_device_id = format!(
        "{:08x}-{:04x}-4{:03x}-8{:03x}-{:012x}",
        u32::from_str_radix(&id[..8], 16).unwrap_or(0),
        device.group,
        device.index % 0x1000,
        device.index / 0x1000,
        device.index
    );
    serde_json::json!({
        "id": id,
        "computerDnsName": device.name(),
        "firstSeen": format!("2024-{:02}-{:02}T09:{:02}:00Z", device.index % 12 + 1, device.index % 28 + 1, device.index % 60),
        "lastSeen": device.last_seen(),
        "osPlatform": os.platform,
        "osVersion": format!("10.0.{}", os.build),
        "version": os.version,
        "osProcessor": "x64",
        "osArchitecture": "64-bit",
        "osBuild": os.build,
        "healthStatus": if device.is_active() { "Active" } else { "Inactive" },
        "onboardingStatus": "Onboarded",
        "defenderAvStatus": "Updated",
        "deviceValue": if workstation { "Normal" } else { "High" },
        "riskScore": risk.copied().unwrap_or("None"),
        "exposureLevel": exposure,
        "rbacGroupName": team,
        "rbacGroupId": 101 + TEAMS.iter().position(|known| *known == team).unwrap_or(0),
        "machineTags": tags,
        "lastIpAddress": format!("10.{}.{}.{}", device.group + 1, device.index / 250, device.index % 250 + 2),
        "lastExternalIpAddress": format!("203.0.113.{}", device.index % SITES.len() + 10),
        "isAadJoined": workstation,
        "aadDeviceId": if workstation { serde_json::Value::from(aad_device_id) } else { serde_json::Value::Null },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn query(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs.iter().map(|(name, value)| (name.to_string(), value.to_string())).collect()
    }

    fn names(pairs: &[(&str, &str)]) -> Result<Vec<String>, String> {
        select(&query(pairs)).map(|devices| devices.into_iter().map(Device::name).collect())
    }

    #[test]
    fn filters_read_startswith_and_eq_on_the_name_with_doubled_quotes() {
        assert_eq!(
            parse_filter("startswith(computerDnsName,'wks-0001')"),
            Some(NameFilter::StartsWith("wks-0001".into()))
        );
        assert_eq!(
            parse_filter(" startswith( computerDnsName , 'o''brien''s pc' ) "),
            Some(NameFilter::StartsWith("o'brien's pc".into()))
        );
        assert_eq!(
            parse_filter("computerDnsName eq 'wks-00012.contoso.com'"),
            Some(NameFilter::Equals("wks-00012.contoso.com".into()))
        );
        assert_eq!(parse_filter("computerDnsName eq ''''"), Some(NameFilter::Equals("'".into())));
        assert_eq!(parse_filter("startswith(computerDnsName,'')"), Some(NameFilter::StartsWith(String::new())));
    }

    #[test]
    fn filters_refuse_everything_else_and_every_injection() {
        for refused in [
            "",
            "startswith(computerDnsName,'a') or true",
            "startswith(computerDnsName,'a') or startswith(computerDnsName,'b')",
            "startswith(computerDnsName,'a') and healthStatus eq 'Active'",
            "startswith(computerDnsName,'a'') or startswith(computerDnsName,'b')",
            "startswith(computerDnsName,'a'",
            "startswith(computerDnsName,'a)",
            "startswith(computerDnsName,a)",
            "startswith(computerDnsName,'a'))",
            "startswith(computerDnsName,'a');",
            "startswith(id,'a')",
            "startswith(ComputerDnsName,'a')",
            "StartsWith(computerDnsName,'a')",
            "endswith(computerDnsName,'a')",
            "contains(computerDnsName,'a')",
            "tolower(computerDnsName) eq 'a'",
            "computerDnsName eq 'a' or computerDnsName eq 'b'",
            "computerDnsName eq 'a' and computerDnsName eq 'b'",
            "computerDnsName ne 'a'",
            "computerDnsName gt 'a'",
            "computerDnsName eq a",
            "computerDnsName eq 'a",
            "computerDnsName eq 'a'' or ''1'' eq ''1",
            "computerDnsName eq 'a' or '1' eq '1'",
            "healthStatus eq 'Active'",
            "id eq 'a'",
            "not startswith(computerDnsName,'a')",
            "(startswith(computerDnsName,'a'))",
        ] {
            assert_eq!(parse_filter(refused), None, "{refused}");
        }
    }

    #[test]
    fn a_quote_doubled_in_a_literal_is_one_quote_of_the_name() {
        // `computerDnsName eq 'a'' or ''1'' eq ''1'` is a filter on a name with quotes, not an `or`.
        assert_eq!(
            parse_filter("computerDnsName eq 'a'' or ''1'' eq ''1'"),
            Some(NameFilter::Equals("a' or '1' eq '1".into()))
        );
        assert_eq!(names(&[("$filter", "computerDnsName eq 'a'' or ''1'' eq ''1'")]), Ok(vec![]));
    }

    #[test]
    fn the_list_is_by_name_and_pages_with_top_and_skip() {
        let first = names(&[("$filter", "startswith(computerDnsName,'wks-0001')"), ("$top", "3")]).unwrap();
        assert_eq!(first, ["wks-00010.contoso.com", "wks-00011.contoso.com", "wks-00012.contoso.com"]);
        let next = names(&[("$filter", "startswith(computerDnsName,'wks-0001')"), ("$top", "3"), ("$skip", "3")]);
        assert_eq!(next.unwrap()[0], "wks-00013.contoso.com");
        assert_eq!(names(&[("$filter", "startswith(computerDnsName,'wks-0001')")]).unwrap().len(), 10);
        assert_eq!(names(&[("$filter", "startswith(computerDnsName,'wks-')")]).unwrap().len(), 10_000);
        assert_eq!(names(&[("$filter", "startswith(computerDnsName,'WKS-')")]), Ok(vec![]));
        assert_eq!(
            names(&[("$filter", "computerDnsName eq 'lap-00007.contoso.com'")]),
            Ok(vec!["lap-00007.contoso.com".to_owned()])
        );
        assert_eq!(names(&[("$filter", "computerDnsName eq 'lap-00007'")]), Ok(vec![]));
        let all = names(&[]).unwrap();
        assert_eq!(all.len(), 10_000, "a page holds 10,000 at most");
        assert!(all.windows(2).all(|pair| pair[0] < pair[1]));
        assert_eq!(all[0], "app-00000.contoso.com");
        assert_eq!(names(&[("$skip", "14859")]).unwrap(), ["wks-09999.contoso.com"]);
        assert_eq!(names(&[("$top", "0")]), Ok(vec![]));
    }

    #[test]
    fn the_list_refuses_other_options_twice_given_options_and_bad_numbers() {
        for refused in [
            vec![("$top", "10001")],
            vec![("$top", "-1")],
            vec![("$top", "ten")],
            vec![("$skip", "1.5")],
            vec![("$select", "id")],
            vec![("$orderby", "computerDnsName")],
            vec![("$filter", "startswith(computerDnsName,'a')"), ("$filter", "id eq 'b'")],
            vec![("$top", "1"), ("$top", "2")],
            vec![("$filter", "startswith(computerDnsName,'a') or true")],
        ] {
            assert!(select(&query(&refused)).is_err(), "{refused:?}");
        }
        assert!(select(&query(&[("cachebuster", "1")])).is_ok());
    }

    #[test]
    fn the_entity_has_the_documented_fields() {
        let device = fleet::nth_device("microsoft-_-windows_10", 0).unwrap();
        let first = entity(device);
        for field in [
            "id",
            "computerDnsName",
            "firstSeen",
            "lastSeen",
            "osPlatform",
            "osVersion",
            "version",
            "osProcessor",
            "osBuild",
            "healthStatus",
            "riskScore",
            "exposureLevel",
            "rbacGroupName",
            "rbacGroupId",
            "machineTags",
            "lastIpAddress",
            "aadDeviceId",
        ] {
            assert!(!first[field].is_null(), "{field}");
        }
        assert_eq!(first["computerDnsName"], "wks-00000.contoso.com");
        assert_eq!((first["osPlatform"].as_str(), first["osBuild"].as_u64()), (Some("Windows10"), Some(19045)));
        assert_eq!((first["rbacGroupName"].as_str(), first["exposureLevel"].as_str()), (Some("Finance"), Some("High")));
        let idle = entity(fleet::nth_device("microsoft-_-windows_10", 9_999).unwrap());
        assert_eq!(idle["exposureLevel"], "None");
        let server = entity(fleet::nth_device("microsoft-_-windows_server_2022", 3).unwrap());
        assert_eq!((server["aadDeviceId"].is_null(), server["rbacGroupName"].as_str()), (true, Some("Servers")));
    }

    #[test]
    fn a_device_of_no_fixture_kb_has_an_empty_list_and_an_unknown_id_none() {
        let answer = |id: &str| {
            let response = missing_kbs(id, "c");
            response.status()
        };
        assert_eq!(answer(&fleet::nth_device("microsoft-_-windows_10", 9_999).unwrap().id()), StatusCode::OK);
        assert_eq!(answer("0000000000000000000000000000000000000000"), StatusCode::NOT_FOUND);
        assert_eq!(answer("../x"), StatusCode::NOT_FOUND);
    }
}
