//! `GET /api/Software`: the organisation's software inventory, as Defender lists it
//! (<https://learn.microsoft.com/defender-endpoint/api/get-software>): the fixtures'
//! software plus the rest of a real organisation's software (real products and versions,
//! [`VENDORS`]), with OData `$top`,
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
        known.chain(products().enumerate().map(|(index, product)| generated_entry(index, product))).collect()
    })
}

/// The rest of a real organisation's software: what about 4,000 Windows devices (3,600
/// workstations, 400 servers) run beside the fixtures' Windows, Office, Edge and Chrome, by vendor,
/// as Defender names it (lower case, `_` for spaces, a version where the product's name holds
/// one: SQL Server 2019, Python 3.12, JRE 8): `(product, devices with it, weaknesses)`. Most of
/// it is not Microsoft's, as in any real inventory, and can have no KB.
#[rustfmt::skip]
const VENDORS: &[(&str, &[Product])] = &[
    ("microsoft", &[("visual_studio_code", 1450, 12), ("teams", 3850, 6), ("onedrive", 3800, 3), ("365_apps_for_enterprise", 3700, 64), ("outlook", 3650, 22), ("sql_server_2016", 48, 31), ("sql_server_2017", 36, 24), ("sql_server_2019", 112, 27), ("sql_server_2022", 64, 9), ("sql_server_management_studio", 310, 4), ("visual_studio_2019", 180, 38), ("visual_studio_2022", 520, 29), ("visual_c++_2008_redistributable", 2900, 3), ("visual_c++_2010_redistributable", 3100, 4), ("visual_c++_2012_redistributable", 3300, 2), ("visual_c++_2013_redistributable", 3400, 3), ("visual_c++_2015-2022_redistributable", 3880, 1), (".net_6.0", 640, 11), (".net_7.0", 210, 8), (".net_8.0", 1520, 5), ("asp.net_core_6.0", 150, 7), ("asp.net_core_8.0", 220, 3), ("powershell_7", 690, 6), ("power_bi_desktop", 420, 14), ("sharepoint_server_2019", 6, 86), ("exchange_server_2016", 4, 112), ("exchange_server_2019", 6, 97), ("windows_server_2012_r2", 18, 310), ("skype_for_business", 410, 18), ("access_database_engine_2016", 260, 9), ("project_2016", 75, 21), ("visio_2016", 92, 19), ("remote_desktop_client", 1840, 7), ("windows_terminal", 880, 2), ("sysinternals_suite", 140, 0), ("azure_cli", 260, 6), ("azure_data_studio", 140, 3), ("teams_classic", 510, 9), ("defender_for_endpoint", 3900, 0), ("intune_management_extension", 3720, 0), ("edge_webview2_runtime", 3890, 14), ("odbc_driver_17_for_sql_server", 380, 4), ("ole_db_driver_for_sql_server", 190, 2)]),
    ("mozilla", &[("firefox", 1260, 87), ("firefox_esr", 340, 61), ("thunderbird", 95, 44), ("maintenance_service", 1290, 2)]),
    ("adobe", &[("acrobat_reader", 3310, 142), ("acrobat", 520, 138), ("creative_cloud", 410, 11), ("photoshop", 260, 23), ("illustrator", 190, 17), ("indesign", 95, 12), ("premiere_pro", 60, 9), ("after_effects", 42, 7), ("air", 120, 14)]),
    ("google", &[("drive", 640, 5), ("earth_pro", 85, 9), ("android_studio", 70, 16), ("chrome_remote_desktop", 140, 3), ("update", 2990, 1)]),
    ("oracle", &[("jre_8", 1720, 118), ("jdk_11", 260, 72), ("jdk_17", 340, 41), ("jdk_21", 180, 12), ("virtualbox", 95, 58), ("mysql_workbench", 60, 13), ("sql_developer", 48, 6), ("java_se_development_kit_8", 150, 104)]),
    ("apple", &[("itunes", 190, 48), ("icloud", 260, 27), ("bonjour", 640, 6)]),
    ("zoom", &[("zoom_workplace", 2480, 36), ("zoom_outlook_plugin", 1320, 4)]),
    ("vmware", &[("tools", 410, 19), ("workstation_pro", 70, 42), ("horizon_client", 620, 15), ("remote_console", 38, 8)]),
    ("citrix", &[("workspace_app", 1160, 28), ("receiver", 240, 33)]),
    ("7-zip", &[("7-zip", 2210, 9)]),
    ("notepad++", &[("notepad++", 1380, 21)]),
    ("python", &[("python_3.9", 120, 38), ("python_3.10", 210, 31), ("python_3.11", 460, 22), ("python_3.12", 380, 11), ("python_launcher", 720, 0)]),
    ("nodejs", &[("node.js_18", 160, 34), ("node.js_20", 310, 19), ("node.js_22", 190, 5)]),
    ("git", &[("git", 720, 16)]),
    ("simon_tatham", &[("putty", 540, 14)]),
    ("wireshark", &[("wireshark", 130, 66), ("npcap", 150, 4)]),
    ("videolan", &[("vlc_media_player", 1460, 26)]),
    ("cisco", &[("secure_client", 3420, 19), ("webex", 980, 31), ("jabber", 230, 17)]),
    ("fortinet", &[("forticlient_vpn", 310, 24)]),
    ("slack", &[("slack", 870, 18)]),
    ("dell", &[("command_update", 2100, 8), ("supportassist", 1880, 14), ("digital_delivery", 640, 3), ("peripheral_manager", 430, 2)]),
    ("hp", &[("hp_support_assistant", 980, 11), ("universal_print_driver_pcl6", 1430, 5), ("smart", 610, 3), ("hp_wolf_security", 900, 4)]),
    ("lenovo", &[("system_update", 510, 10), ("vantage", 480, 7)]),
    ("intel", &[("graphics_driver", 3210, 52), ("management_engine_components", 2870, 23), ("wireless_bluetooth", 2640, 9), ("proset_wireless_software", 2600, 11), ("rapid_storage_technology", 1730, 6), ("chipset_device_software", 3020, 2)]),
    ("nvidia", &[("geforce_experience", 160, 29), ("graphics_driver", 690, 47), ("physx_system_software", 210, 3)]),
    ("realtek", &[("high_definition_audio_driver", 2540, 4), ("card_reader", 1320, 1)]),
    ("amd", &[("software_adrenalin_edition", 230, 19), ("chipset_software", 260, 3)]),
    ("winscp", &[("winscp", 420, 12)]),
    ("filezilla-project", &[("filezilla_client", 160, 15)]),
    ("docker", &[("docker_desktop", 210, 22)]),
    ("postman", &[("postman", 260, 7)]),
    ("jetbrains", &[("intellij_idea", 120, 18), ("pycharm", 95, 11), ("toolbox_app", 110, 1)]),
    ("github", &[("github_desktop", 140, 6)]),
    ("anydesk", &[("anydesk", 90, 16)]),
    ("teamviewer", &[("teamviewer", 340, 27)]),
    ("logmein", &[("gotoassist", 40, 5)]),
    ("greenshot", &[("greenshot", 380, 6)]),
    ("keepass", &[("keepass", 260, 4)]),
    ("bitwarden", &[("bitwarden", 310, 2)]),
    ("1password", &[("1password", 120, 1)]),
    ("dropbox", &[("dropbox", 210, 9)]),
    ("box", &[("box_drive", 180, 4)]),
    ("autodesk", &[("autocad_2024", 80, 24), ("dwg_trueview_2024", 140, 10)]),
    ("sap", &[("sap_gui_for_windows", 620, 21)]),
    ("splunk", &[("universal_forwarder", 140, 18)]),
    ("veeam", &[("agent_for_microsoft_windows", 60, 9)]),
    ("tableau", &[("tableau_desktop", 70, 12)]),
    ("r-project", &[("r", 60, 8)]),
    ("posit", &[("rstudio", 55, 6)]),
    ("libreoffice", &[("libreoffice", 150, 31)]),
    ("gimp", &[("gimp", 70, 9)]),
    ("inkscape", &[("inkscape", 40, 4)]),
    ("audacityteam", &[("audacity", 60, 7)]),
    ("obsproject", &[("obs_studio", 45, 5)]),
    ("foxit", &[("pdf_reader", 230, 46)]),
    ("techsmith", &[("snagit", 210, 11), ("camtasia", 60, 8)]),
    ("ivanti", &[("secure_access_client", 120, 21)]),
    ("paloaltonetworks", &[("globalprotect", 240, 17)]),
    ("openvpn", &[("openvpn_connect", 80, 12)]),
];

/// A product of [`VENDORS`]: its name, how many devices have it, its weaknesses.
type Product = (&'static str, u64, u64);

/// Every product of [`VENDORS`], in order, with its vendor.
fn products() -> impl Iterator<Item = (&'static str, &'static str, u64, u64)> {
    VENDORS.iter().flat_map(|(vendor, products)| {
        products.iter().map(move |&(product, installed, weaknesses)| (*vendor, product, installed, weaknesses))
    })
}

/// The inventory entry of the `index`th product: exposed on some of the devices that have it
/// (none when it has no weakness), and the same on every run.
fn generated_entry(index: usize, (vendor, name, installed, weaknesses): (&str, &str, u64, u64)) -> serde_json::Value {
    let spread = |salt: usize, modulo: usize| {
        ((index.wrapping_mul(2_654_435_761).wrapping_add(salt * 40_503) >> 7) % modulo) as u64
    };
    // From 40 % to all of its devices miss an update of it.
    let exposed = if weaknesses == 0 { 0 } else { installed * (40 + spread(1, 61)) / 100 };
    serde_json::json!({
        "id": format!("{vendor}-_-{name}"),
        "name": name,
        "vendor": vendor,
        "weaknesses": weaknesses,
        "publicExploit": weaknesses >= 40 && spread(3, 3) == 0,
        "activeAlert": weaknesses >= 20 && spread(4, 25) == 0,
        "exposedMachines": exposed,
        "impactScore": (weaknesses.min(100) * exposed.min(1_000)) as f64 / 1_000.0,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_inventory_holds_the_fixtures_and_a_real_organisations_other_software() {
        let ids: std::collections::HashSet<&str> =
            inventory().iter().filter_map(|entry| entry["id"].as_str()).collect();
        assert!(ids.len() >= 150, "{}", ids.len());
        assert_eq!(ids.len(), inventory().len(), "IDs are unique");
        assert!(ids.contains("microsoft-_-windows_10") && ids.contains("google-_-chrome"));
        assert!(ids.contains("microsoft-_-sql_server_2019") && ids.contains("mozilla-_-firefox"));
        // As in a real inventory, most software is not Microsoft's.
        let microsoft = inventory().iter().filter(|entry| entry["vendor"] == "microsoft").count();
        assert!(microsoft * 2 < inventory().len(), "{microsoft}");
        // Software without a weakness exposes no device.
        assert!(inventory().iter().all(|entry| entry["weaknesses"] != 0 || entry["exposedMachines"] == 0));
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
