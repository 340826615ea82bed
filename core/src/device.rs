//! One device's side: its missing KBs, its facts, and finding it by name.
//!
//! The APIs:
//! - <https://learn.microsoft.com/defender-endpoint/api/get-missing-kbs-machine> ("Get missing
//!   KBs by device ID", `GET /api/machines/{id}/getmissingkbs`): the software list's answer, for
//!   one device. Its page lists the application permission `Software.Read.All` only; whether a
//!   delegated token is accepted is not documented, so a 403 there is answered from
//! - <https://learn.microsoft.com/defender-endpoint/api/get-machines-by-software-and-vulnerability>
//!   (`GET /api/vulnerabilities/machinesVulnerabilities`, delegated `Vulnerability.Read`, `$top`
//!   up to 10,000 and `$skip`): the device's rows, one per CVE and product, grouped here by
//!   `fixingKbId` ([`missing_kbs_from_rows`]); a row without one is a CVE no KB fixes.
//! - <https://learn.microsoft.com/defender-endpoint/api/get-machine-by-id> (`GET /api/machines/{id}`,
//!   delegated `Machine.Read`) and the machine entity
//!   <https://learn.microsoft.com/defender-endpoint/api/machine>: the device's facts.
//! - <https://learn.microsoft.com/defender-endpoint/api/get-machines> (`GET /api/machines`,
//!   `$filter` on `computerDnsName`, `$top` up to 10,000) with `startswith`, from
//!   <https://learn.microsoft.com/defender-endpoint/api/exposed-apis-odata-samples>: devices by a
//!   name's beginning. Its rate limit is 100 calls a minute and 1,500 an hour.

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use serde::de::{IgnoredAny, MapAccess};
use serde::Deserialize;

use crate::access_token::AccessToken;
use crate::api_base::ApiBase;
use crate::api_error::{shown_text, ApiError};
use crate::kb_details::{read_page, MachineId, Severity, VulnerabilityRow, DETAILS_PAGE_SIZE};
use crate::lenient::{next_text, Lenient, LenientValue, Scalar};
use crate::missing_kb::MissingKb;
use crate::request::{page_request, ApiRequest};
use crate::LowerCase;

/// How many devices a name search asks for: more than a person reads, few enough to be quick.
pub const DEVICE_SEARCH_TOP: usize = 50;
/// The longest name beginning searched for: a DNS name is at most 253 characters.
pub const MAX_DEVICE_NAME_PREFIX: usize = 253;
/// How many pages of a device's rows are read at most (10,000 rows each): a device with more
/// is shown with what they hold, and the list says it is partial.
pub const MAX_DEVICE_ROW_PAGES: usize = 10;
/// The longest text kept from a device's fact (a name, a group, a tag).
const MAX_FACT_CHARS: usize = 200;
/// The most tags kept from one device.
const MAX_TAGS: usize = 20;

/// Everything but RFC 3986's unreserved characters is percent-encoded in a `$filter` value, so
/// nothing in it can end the OData literal or the query parameter.
const QUERY_VALUE: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'_').remove(b'.').remove(b'~');

/// `GET {apiBase}/api/machines/{id}/getmissingkbs`.
pub fn device_missing_kbs_request(base: &ApiBase, id: &MachineId, token: &AccessToken) -> ApiRequest {
    page_request(base.join(&format!("/api/machines/{}/getmissingkbs", id.as_str())), token)
}

/// `GET {apiBase}/api/machines/{id}`: the device's facts.
pub fn device_request(base: &ApiBase, id: &MachineId, token: &AccessToken) -> ApiRequest {
    page_request(base.join(&format!("/api/machines/{}", id.as_str())), token)
}

/// The device's vulnerability rows, page `page` (from 0) of [`DETAILS_PAGE_SIZE`].
///
/// ```
/// use missing_kbs_core::{device_rows_request, AccessToken, ApiBase, MachineId};
///
/// let base = ApiBase::parse("https://api.security.microsoft.com", "https://portal.example").unwrap();
/// let request = device_rows_request(&base, &MachineId::parse("ac23").unwrap(), 1, &AccessToken::new("t").unwrap());
/// assert!(request.url.ends_with("?$filter=machineId%20eq%20'ac23'&$top=10000&$skip=10000"));
/// ```
pub fn device_rows_request(base: &ApiBase, id: &MachineId, page: usize, token: &AccessToken) -> ApiRequest {
    let path = format!(
        "/api/vulnerabilities/machinesVulnerabilities?$filter=machineId%20eq%20'{}'&$top={DETAILS_PAGE_SIZE}&$skip={}",
        id.as_str(),
        page * DETAILS_PAGE_SIZE
    );
    page_request(base.join(&path), token)
}

/// The KBs a device misses, from its vulnerability rows: one per `fixingKbId`, with the CVEs
/// it fixes counted once each and the products it is for; a row without a KB is left out.
/// Ordered as the rows first name them (the list sorts them as the user asks).
pub fn missing_kbs_from_rows(rows: &[VulnerabilityRow]) -> Vec<MissingKb> {
    let mut with_kb: Vec<&VulnerabilityRow> = rows.iter().filter(|row| row.fixing_kb.is_some()).collect();
    // Grouped by sorting, not by a search per row: a device may have tens of thousands of rows.
    with_kb.sort_by(|a, b| a.fixing_kb.as_ref().map(|kb| kb.as_str()).cmp(&b.fixing_kb.as_ref().map(|kb| kb.as_str())));
    let mut kbs = Vec::new();
    for group in with_kb.chunk_by(|a, b| a.fixing_kb == b.fixing_kb) {
        let mut cves: Vec<&str> = group.iter().filter_map(|row| row.cve.as_ref().map(|cve| cve.as_str())).collect();
        cves.sort_unstable();
        cves.dedup();
        let mut products: Vec<String> = group.iter().filter_map(|row| row.product.clone()).collect();
        products.sort_unstable();
        products.dedup();
        kbs.push(MissingKb {
            id: group[0].fixing_kb.as_ref().map(|kb| kb.as_str().to_owned()),
            products_names: (!products.is_empty()).then_some(products),
            machine_missed_on: Some(1),
            cve_addressed: Some(cves.len() as u64),
            ..MissingKb::default()
        });
    }
    kbs
}

/// The worst severity among the rows that a KB fixes; `None` when no row says.
pub fn worst_fixable_severity(rows: &[VulnerabilityRow]) -> Option<Severity> {
    rows.iter()
        .filter(|row| row.fixing_kb.is_some())
        .filter_map(|row| row.severity)
        .filter(|severity| *severity != Severity::Unknown)
        .min()
}

/// A device's facts (the machine entity), each unknown when missing or unusable.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DeviceInfo {
    pub id: Option<MachineId>,
    /// `computerDnsName`.
    pub name: Option<String>,
    pub os_platform: Option<String>,
    /// `osVersion`, else `version` (Windows 10's "22H2").
    pub os_version: Option<String>,
    /// An ISO 8601 time, as sent (the widget shows its age).
    pub last_seen: Option<String>,
    pub health_status: Option<String>,
    pub exposure_level: Option<String>,
    pub risk_score: Option<String>,
    /// `rbacGroupName`.
    pub group: Option<String>,
    pub tags: Vec<String>,
}

impl DeviceInfo {
    /// The name people know it by, else its id, else nothing.
    pub fn shown_name(&self) -> Option<&str> {
        self.name.as_deref().or(self.id.as_ref().map(MachineId::as_str))
    }

    /// The operating system as people read it: `Windows10 22H2`.
    pub fn operating_system(&self) -> Option<String> {
        match (&self.os_platform, &self.os_version) {
            (Some(platform), Some(version)) => Some(format!("{platform} {version}")),
            (platform, version) => platform.clone().or_else(|| version.clone()),
        }
    }
}

/// Reads the machine entity; `None` for anything that is not one.
///
/// ```
/// let device = missing_kbs_core::parse_device(
///     r#"{"id":"1e5bc9d7e413ddd7902c2932e418702b84d0cc07","computerDnsName":"mymachine1.contoso.com",
///         "osPlatform":"Windows10","version":"1709","machineTags":["test tag 1"]}"#,
/// ).unwrap();
/// assert_eq!(device.shown_name(), Some("mymachine1.contoso.com"));
/// assert_eq!(device.operating_system().as_deref(), Some("Windows10 1709"));
/// ```
pub fn parse_device(body: &str) -> Option<DeviceInfo> {
    let body = body.strip_prefix('\u{FEFF}').unwrap_or(body);
    serde_json::from_str::<Lenient<DeviceInfo>>(body).ok()?.0.filter(|device| device.shown_name().is_some())
}

/// Reads the page of a device search (`GET /api/machines`); a device without a usable id is left
/// out. No more than the [`DEVICE_SEARCH_TOP`] devices the search asked for are kept: an answer
/// that ignores `$top` (a hostile one of 16,000 devices took the page's main thread for seconds
/// to show them all) shows what was asked for.
pub fn parse_devices(body: &str) -> Result<Vec<DeviceInfo>, ApiError> {
    Ok(read_page::<DeviceInfo>(body)?
        .into_iter()
        .filter(|device| device.id.is_some())
        .take(DEVICE_SEARCH_TOP)
        .collect())
}

/// The beginning of a device's name, as typed, checked to go into a `$filter`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct DeviceNamePrefix(String);

/// Why a text cannot be searched for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DeviceNameError {
    Empty,
    TooLong,
    ControlCharacter,
}

impl DeviceNamePrefix {
    /// Trimmed and put in lower case by `lower` (Defender writes names in lower case, and a
    /// Windows name may hold letters beyond ASCII); any other character is kept, and escaped
    /// where it goes ([`device_search_request`]).
    ///
    /// ```
    /// use missing_kbs_core::{DeviceNameError, DeviceNamePrefix};
    ///
    /// let parse = |raw| DeviceNamePrefix::parse(raw, str::to_lowercase);
    /// assert_eq!(parse("  WKS-0001 ").unwrap().as_str(), "wks-0001");
    /// assert_eq!(parse("PC-MÜLLER").unwrap().as_str(), "pc-müller");
    /// assert_eq!(parse("  "), Err(DeviceNameError::Empty));
    /// ```
    pub fn parse(raw: &str, lower: LowerCase) -> Result<Self, DeviceNameError> {
        let text = raw.trim();
        if text.is_empty() {
            Err(DeviceNameError::Empty)
        } else if text.chars().count() > MAX_DEVICE_NAME_PREFIX {
            Err(DeviceNameError::TooLong)
        } else if text.chars().any(char::is_control) {
            Err(DeviceNameError::ControlCharacter)
        } else {
            Ok(Self(lower(text)))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for DeviceNamePrefix {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "machines?{}", self.0)
    }
}

/// `GET {apiBase}/api/machines?$filter=startswith(computerDnsName,'…')&$top=…`. Inside the OData
/// literal a `'` is written `''`, as OData requires, and then the whole value is
/// percent-encoded, so nothing typed can end the literal or the parameter.
///
/// ```
/// use missing_kbs_core::{device_search_request, AccessToken, ApiBase, DeviceNamePrefix};
///
/// let base = ApiBase::parse("https://api.security.microsoft.com", "https://portal.example").unwrap();
/// let prefix = DeviceNamePrefix::parse("o'brien-pc", str::to_lowercase).unwrap();
/// let request = device_search_request(&base, &prefix, &AccessToken::new("t").unwrap());
/// assert_eq!(
///     request.url,
///     "https://api.security.microsoft.com/api/machines\
///      ?$filter=startswith(computerDnsName,'o%27%27brien-pc')&$top=50",
/// );
/// ```
pub fn device_search_request(base: &ApiBase, prefix: &DeviceNamePrefix, token: &AccessToken) -> ApiRequest {
    let literal = prefix.as_str().replace('\'', "''");
    let value = utf8_percent_encode(&literal, QUERY_VALUE);
    page_request(
        base.join(&format!("/api/machines?$filter=startswith(computerDnsName,'{value}')&$top={DEVICE_SEARCH_TOP}")),
        token,
    )
}

#[derive(Deserialize)]
#[serde(field_identifier, rename_all = "camelCase")]
enum DeviceKey {
    Id,
    ComputerDnsName,
    OsPlatform,
    OsVersion,
    Version,
    LastSeen,
    HealthStatus,
    ExposureLevel,
    RiskScore,
    RbacGroupName,
    MachineTags,
    #[serde(other)]
    Other,
}

impl LenientValue for DeviceInfo {
    fn from_object<'de, A: MapAccess<'de>>(mut object: A) -> Result<Option<Self>, A::Error> {
        let mut device = DeviceInfo::default();
        let mut version = None;
        let text = |text: Option<String>| text.as_deref().and_then(|text| shown_text(text, MAX_FACT_CHARS));
        while let Some(key) = object.next_key()? {
            match key {
                DeviceKey::Id => device.id = next_text(&mut object)?.as_deref().and_then(MachineId::parse),
                DeviceKey::ComputerDnsName => device.name = text(next_text(&mut object)?),
                DeviceKey::OsPlatform => device.os_platform = text(next_text(&mut object)?),
                DeviceKey::OsVersion => device.os_version = text(next_text(&mut object)?),
                DeviceKey::Version => version = text(next_text(&mut object)?),
                DeviceKey::LastSeen => device.last_seen = text(next_text(&mut object)?),
                DeviceKey::HealthStatus => device.health_status = text(next_text(&mut object)?),
                DeviceKey::ExposureLevel => device.exposure_level = text(next_text(&mut object)?),
                DeviceKey::RiskScore => device.risk_score = text(next_text(&mut object)?),
                DeviceKey::RbacGroupName => device.group = text(next_text(&mut object)?),
                DeviceKey::MachineTags => {
                    let tags: Option<Vec<Lenient<Scalar>>> = object.next_value::<Lenient<_>>()?.0;
                    device.tags =
                        tags.into_iter().flatten().filter_map(|tag| text(tag.0?.into_text())).take(MAX_TAGS).collect();
                }
                DeviceKey::Other => drop(object.next_value::<IgnoredAny>()?),
            }
        }
        device.os_version = device.os_version.or(version);
        Ok(Some(device))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api_error::ErrorKind;
    use crate::kb_details::{parse_vulnerability_rows, KbNumber};

    fn base() -> ApiBase {
        ApiBase::parse("https://api.security.microsoft.com", "https://portal.example").unwrap()
    }

    #[test]
    fn a_name_never_leaves_its_odata_literal() {
        let token = AccessToken::new("secret").unwrap();
        for attack in [
            "a') or true or startswith(computerDnsName,'",
            "x' or computerDnsName ne '",
            "a&$top=10000&$filter=",
            "a#b",
            "a%27b",
            "ü'ö",
        ] {
            let request =
                device_search_request(&base(), &DeviceNamePrefix::parse(attack, str::to_lowercase).unwrap(), &token);
            let query = request.url.split_once("?$filter=startswith(computerDnsName,'").unwrap().1;
            let (value, rest) = query.rsplit_once("')&$top=").unwrap();
            assert_eq!(rest, "50", "{attack}");
            // Nothing but unreserved characters and escapes: no quote, space, `&`, `#` or parenthesis.
            assert!(value.bytes().all(|b| b.is_ascii_alphanumeric() || b"-_.~%".contains(&b)), "{attack}: {value}");
            let decoded = percent_encoding::percent_decode_str(value).decode_utf8().unwrap();
            // Decoded, every quote is doubled: the literal holds what was typed, in lower case.
            assert_eq!(decoded.replace("''", "'"), attack.to_lowercase(), "{attack}");
            assert!(!decoded.replace("''", "").contains('\''), "{attack}");
            assert!(!request.url.contains("secret"));
        }
        assert_eq!(DeviceNamePrefix::parse("a\u{0}b", str::to_lowercase), Err(DeviceNameError::ControlCharacter));
        assert_eq!(DeviceNamePrefix::parse(&"a".repeat(254), str::to_lowercase), Err(DeviceNameError::TooLong));
        assert!(DeviceNamePrefix::parse(&"a".repeat(253), str::to_lowercase).is_ok());
    }

    #[test]
    fn builds_the_device_requests() {
        let token = AccessToken::new("t").unwrap();
        let id = MachineId::parse("1e5bc9d7e413ddd7902c2932e418702b84d0cc07").unwrap();
        assert_eq!(
            device_missing_kbs_request(&base(), &id, &token).url,
            "https://api.security.microsoft.com/api/machines/1e5bc9d7e413ddd7902c2932e418702b84d0cc07/getmissingkbs"
        );
        assert!(device_request(&base(), &id, &token)
            .url
            .ends_with("/api/machines/1e5bc9d7e413ddd7902c2932e418702b84d0cc07"));
        assert!(device_rows_request(&base(), &id, 0, &token).url.ends_with("&$top=10000&$skip=0"));
    }

    #[test]
    fn a_devices_kbs_are_its_rows_grouped_by_the_kb_that_fixes_them() {
        let rows = parse_vulnerability_rows(
            r#"{"value":[
                {"cveId":"CVE-2025-0002","machineId":"m","fixingKbId":"5049981","productName":"windows_10","productVendor":"microsoft","severity":"High"},
                {"cveId":"CVE-2025-0001","machineId":"m","fixingKbId":"5049981","productName":"windows_10","productVendor":"microsoft","severity":"Critical"},
                {"cveId":"CVE-2025-0001","machineId":"m","fixingKbId":"5049981","productName":"windows_10","productVendor":"microsoft","severity":"Critical"},
                {"cveId":"CVE-2025-0003","machineId":"m","fixingKbId":"KB5050021","productName":"edge","productVendor":"microsoft","severity":"Low"},
                {"cveId":"CVE-2025-0004","machineId":"m","fixingKbId":null,"productName":"chrome","productVendor":"google","severity":"Critical"},
                {"cveId":"CVE-2025-0005","machineId":"m","fixingKbId":"<b>1</b>","severity":"Critical"}
            ]}"#,
        )
        .unwrap();
        let kbs = missing_kbs_from_rows(&rows);
        let shown: Vec<_> = kbs
            .iter()
            .map(|kb| (kb.id.as_deref().unwrap(), kb.cve_addressed.unwrap(), kb.products_names.clone().unwrap()))
            .collect();
        assert_eq!(shown, [("5049981", 2, vec!["windows_10".to_owned()]), ("5050021", 1, vec!["edge".to_owned()])]);
        assert!(kbs.iter().all(|kb| kb.machine_missed_on == Some(1)));
        // The critical CVE without a KB (and the one with an unusable KB) is not the KBs' worst.
        assert_eq!(worst_fixable_severity(&rows), Some(Severity::Critical));
        assert_eq!(worst_fixable_severity(&rows[3..]), Some(Severity::Low));
        assert_eq!(worst_fixable_severity(&rows[4..]), None);
        assert_eq!(rows[3].fixing_kb, KbNumber::parse("5050021"));
    }

    #[test]
    fn reads_the_documented_machine_entity_and_keeps_markup_as_text() {
        let device = parse_device(
            r#"{"id":"1e5bc9d7e413ddd7902c2932e418702b84d0cc07","computerDnsName":"mymachine1.contoso.com",
                "firstSeen":"2018-08-02T14:55:03.7791856Z","lastSeen":"2018-08-02T14:55:03.7791856Z",
                "osPlatform":"Windows10","version":"1709","osProcessor":"x64","lastIpAddress":"172.17.230.209",
                "healthStatus":"Active","rbacGroupId":140,"rbacGroupName":"The-A-Team","riskScore":"Low",
                "exposureLevel":"Medium","isAadJoined":true,"machineTags":["test tag 1","<img src=x onerror=alert(1)>",7]}"#,
        )
        .unwrap();
        assert_eq!(device.group.as_deref(), Some("The-A-Team"));
        assert_eq!(device.tags, ["test tag 1", "<img src=x onerror=alert(1)>"]);
        assert_eq!(
            (device.risk_score.as_deref(), device.exposure_level.as_deref(), device.health_status.as_deref()),
            (Some("Low"), Some("Medium"), Some("Active"))
        );
        assert_eq!(device.last_seen.as_deref(), Some("2018-08-02T14:55:03.7791856Z"));
        for body in ["", "[]", "{}", r#"{"id":"a/b"}"#, "<html>"] {
            assert_eq!(parse_device(body), None, "{body}");
        }
        let page =
            parse_devices(r#"{"value":[{"id":"../x","computerDnsName":"a"},{"id":"ab12","computerDnsName":7}]}"#)
                .unwrap();
        assert_eq!(page.len(), 1);
        assert_eq!(page[0].shown_name(), Some("ab12"));
        assert_eq!(parse_devices("{}").unwrap_err().kind, ErrorKind::InvalidResponse);
    }

    #[test]
    fn a_search_keeps_no_more_devices_than_it_asked_for() {
        let device = |n: usize| format!(r#"{{"id":"ab{n:04}","computerDnsName":"wks-{n}"}}"#);
        let devices: Vec<String> = (0..DEVICE_SEARCH_TOP + 7).map(device).collect();
        let page = parse_devices(&format!(r#"{{"value":[{}]}}"#, devices.join(","))).unwrap();
        assert_eq!(page.len(), DEVICE_SEARCH_TOP);
        assert_eq!(
            page.last().and_then(DeviceInfo::shown_name),
            Some(format!("wks-{}", DEVICE_SEARCH_TOP - 1).as_str())
        );
    }
}
