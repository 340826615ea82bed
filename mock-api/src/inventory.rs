//! `GET /api/Software`: the organisation's software inventory, as Defender lists it
//! (<https://learn.microsoft.com/defender-endpoint/api/get-software>): the fixtures'
//! software plus a generated inventory of realistic entries, with OData `$top`,
//! `$skip` and `$filter` (`eq` and `ne` on `id`, `name` and `vendor`, joined by `and`).
//! Any other filter is a 400: the widget must never depend on an operator the API
//! does not document.
//!
//! Scenario switches, chosen by the bearer token (the inventory has no ID to carry one):
//! `inventory-forbidden` (403), `inventory-throttled` (429, `Retry-After: 30`),
//! `inventory-server-error` (500), `inventory-slow` (the answer after `--slow-ms`) and
//! `inventory-malformed` (a cut-off body).

use std::collections::HashMap;
use std::sync::OnceLock;

use axum::http::{header, StatusCode};
use axum::response::Response;

use crate::{defender_error, fixtures, json_ok};

/// How many generated entries join the fixtures' software.
pub const GENERATED: usize = 3_200;
/// The most `$top` the API documents.
const MAX_TOP: usize = 10_000;

/// The scripted failures of the inventory, by bearer token.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InventoryScenario {
    Forbidden,
    Throttled,
    ServerError,
    Slow,
    Malformed,
}

impl InventoryScenario {
    pub fn for_token(token: &str) -> Option<Self> {
        Some(match token {
            "inventory-forbidden" => Self::Forbidden,
            "inventory-throttled" => Self::Throttled,
            "inventory-server-error" => Self::ServerError,
            "inventory-slow" => Self::Slow,
            "inventory-malformed" => Self::Malformed,
            _ => return None,
        })
    }
}

/// The answer to `GET /api/Software` with these query parameters.
pub fn respond(query: &HashMap<String, String>, correlation: &str) -> Response {
    match select(query) {
        Ok(value) => json_ok(
            serde_json::json!({ "@odata.context": "https://api.securitycenter.microsoft.com/api/$metadata#Software", "value": value })
                .to_string(),
        ),
        Err(message) => defender_error(StatusCode::BAD_REQUEST, "BadRequest", &message, correlation),
    }
}

/// The entries the query asks for, or why it cannot be answered.
fn select(query: &HashMap<String, String>) -> Result<Vec<&'static serde_json::Value>, String> {
    let number = |name: &str, default: usize| match query.get(name) {
        None => Ok(default),
        Some(value) => value.parse::<usize>().map_err(|_| format!("{name} must be a whole number.")),
    };
    let top = number("$top", MAX_TOP)?;
    if top > MAX_TOP {
        return Err("$top must be at most 10000.".to_owned());
    }
    let skip = number("$skip", 0)?;
    let filter = query.get("$filter").map(|filter| parse_filter(filter)).transpose()?.unwrap_or_default();
    Ok(inventory()
        .iter()
        .filter(|entry| filter.iter().all(|condition| condition.holds(entry)))
        .skip(skip)
        .take(top)
        .collect())
}

/// The failure a scenario token asks for, or `None` to answer normally (after a delay for `Slow`).
pub fn scenario_failure(scenario: InventoryScenario, correlation: &str) -> Option<Response> {
    Some(match scenario {
        InventoryScenario::Forbidden => {
            defender_error(StatusCode::FORBIDDEN, "Forbidden", "Missing permission Software.Read.", correlation)
        }
        InventoryScenario::Throttled => {
            let mut response =
                defender_error(StatusCode::TOO_MANY_REQUESTS, "TooManyRequests", "Too many requests.", correlation);
            response.headers_mut().insert(header::RETRY_AFTER, "30".parse().expect("a valid header value"));
            response
        }
        InventoryScenario::ServerError => {
            defender_error(StatusCode::INTERNAL_SERVER_ERROR, "InternalServerError", "Something broke.", correlation)
        }
        InventoryScenario::Malformed => json_ok(r#"{"value":[{"id":"microsoft-_-edge","name":"ed"#.to_owned()),
        InventoryScenario::Slow => return None,
    })
}

/// One `field eq 'value'` or `field ne 'value'` of a `$filter`.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Condition {
    pub(crate) field: &'static str,
    pub(crate) equal: bool,
    pub(crate) value: String,
}

impl Condition {
    fn holds(&self, entry: &serde_json::Value) -> bool {
        (entry[self.field].as_str() == Some(self.value.as_str())) == self.equal
    }
}

/// Reads `cond and cond …`; each `cond` is `id|name|vendor eq|ne 'text'` (a quote doubled inside).
fn parse_filter(filter: &str) -> Result<Vec<Condition>, String> {
    parse_conditions(filter, &["id", "name", "vendor"], true).ok_or_else(|| {
        format!("Invalid filter clause: {filter}. This API accepts eq and ne on id, name and vendor, joined by and.")
    })
}

/// Reads `cond and cond …`, each `cond` being `field eq 'text'` (or `ne`, when `allow_ne`)
/// on one of `fields`, a quote doubled inside the text.
pub(crate) fn parse_conditions(filter: &str, fields: &[&'static str], allow_ne: bool) -> Option<Vec<Condition>> {
    let mut conditions = Vec::new();
    let mut rest = filter.trim();
    loop {
        let (field, after) = rest.split_once(' ')?;
        let field = fields.iter().copied().find(|known| *known == field)?;
        let (operator, after) = after.trim_start().split_once(' ')?;
        let equal = match operator {
            "eq" => true,
            "ne" if allow_ne => false,
            _ => return None,
        };
        let quoted = after.trim_start().strip_prefix('\'')?;
        let (value, after) = read_quoted(quoted)?;
        conditions.push(Condition { field, equal, value });
        let after = after.trim_start();
        if after.is_empty() {
            return Some(conditions);
        }
        rest = after.strip_prefix("and ")?.trim_start();
    }
}

/// The text up to the closing quote (`''` stands for one quote), and what follows it.
pub(crate) fn read_quoted(text: &str) -> Option<(String, &str)> {
    let mut value = String::new();
    let mut chars = text.char_indices();
    while let Some((index, c)) = chars.next() {
        if c != '\'' {
            value.push(c);
        } else if text[index + 1..].starts_with('\'') {
            value.push('\'');
            chars.next();
        } else {
            return Some((value, &text[index + 1..]));
        }
    }
    None
}

/// The whole inventory, made once: the fixtures' software first, then the generated entries.
pub fn inventory() -> &'static [serde_json::Value] {
    static INVENTORY: OnceLock<Vec<serde_json::Value>> = OnceLock::new();
    INVENTORY.get_or_init(|| {
        let known = fixtures::known_ids().filter_map(|id| serde_json::from_str(&fixtures::software(id)?).ok());
        known.chain((0..GENERATED).map(generated_entry)).collect()
    })
}

const VENDORS: &[(&str, &[&str])] = &[
    (
        "microsoft",
        &[
            "visual_studio_code",
            "teams",
            "onedrive",
            "sql_server_2019",
            "windows_server_2012_r2",
            "visual_c++_2015-2022_redistributable",
            "power_bi_desktop",
            "365_apps_for_enterprise",
            "sharepoint_server_2019",
            "exchange_server_2016",
        ],
    ),
    ("google", &["chrome_remote_desktop", "drive", "earth_pro", "android_studio"]),
    ("mozilla", &["firefox", "firefox_esr", "thunderbird"]),
    ("adobe", &["acrobat_reader_dc", "acrobat_dc", "creative_cloud", "photoshop", "illustrator"]),
    ("oracle", &["java_runtime_environment", "jdk", "virtualbox", "mysql_server"]),
    ("apple", &["itunes", "icloud", "bonjour"]),
    ("zoom", &["zoom", "zoom_outlook_plugin"]),
    ("vmware", &["tools", "workstation_pro", "horizon_client"]),
    ("citrix", &["workspace_app", "receiver"]),
    ("7-zip", &["7-zip"]),
    ("notepad++", &["notepad++"]),
    ("python", &["python"]),
    ("nodejs", &["node.js"]),
    ("git", &["git"]),
    ("putty", &["putty"]),
    ("wireshark", &["wireshark"]),
    ("videolan", &["vlc_media_player"]),
    ("igor_pavlov", &["7-zip_extra"]),
    ("cisco", &["anyconnect_secure_mobility_client", "webex_meetings"]),
    ("fortinet", &["forticlient"]),
    ("slack", &["slack"]),
    ("dell", &["command_update", "supportassist"]),
    ("hp", &["support_assistant", "universal_print_driver"]),
    ("lenovo", &["system_update", "vantage"]),
    ("intel", &["graphics_driver", "management_engine_components"]),
    ("nvidia", &["geforce_experience", "graphics_driver"]),
];

/// A deterministic, realistic entry: every product of every vendor, then numbered editions of them.
fn generated_entry(index: usize) -> serde_json::Value {
    let products: Vec<(&str, &str)> =
        VENDORS.iter().flat_map(|(vendor, products)| products.iter().map(move |product| (*vendor, *product))).collect();
    let (vendor, product) = products[index % products.len()];
    let edition = index / products.len();
    let name = if edition == 0 { product.to_owned() } else { format!("{product}_{}", 2000 + edition) };
    // A spread of values, the same on every run.
    let spread =
        |salt: usize, modulo: usize| (index.wrapping_mul(2_654_435_761).wrapping_add(salt * 40_503) >> 7) % modulo;
    let exposed = spread(1, 4_000);
    serde_json::json!({
        "id": format!("{vendor}-_-{name}"),
        "name": name,
        "vendor": vendor,
        "weaknesses": if exposed == 0 { 0 } else { spread(2, 180) },
        "publicExploit": spread(3, 9) == 0,
        "activeAlert": spread(4, 40) == 0,
        "exposedMachines": exposed,
        "impactScore": spread(5, 1000) as f64 / 10.0,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_inventory_holds_the_fixtures_and_thousands_of_distinct_entries() {
        let ids: std::collections::HashSet<&str> =
            inventory().iter().filter_map(|entry| entry["id"].as_str()).collect();
        assert!(ids.len() >= 3_000, "{}", ids.len());
        assert_eq!(ids.len(), inventory().len(), "IDs are unique");
        assert!(ids.contains("microsoft-_-windows_10") && ids.contains("google-_-chrome"));
    }

    #[test]
    fn filters_read_eq_and_ne_joined_by_and_and_nothing_else() {
        assert_eq!(
            parse_filter("vendor eq 'microsoft' and name ne 'o''brien'"),
            Ok(vec![
                Condition { field: "vendor", equal: true, value: "microsoft".into() },
                Condition { field: "name", equal: false, value: "o'brien".into() },
            ])
        );
        for unsupported in [
            "contains(name,'win')",
            "startswith(name,'win')",
            "name gt 'a'",
            "weaknesses eq '1'",
            "name eq 'a' or name eq 'b'",
            "name eq 'unclosed",
            "name eq 'a' and",
        ] {
            assert!(parse_filter(unsupported).is_err(), "{unsupported}");
        }
    }
}
