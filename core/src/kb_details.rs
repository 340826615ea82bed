//! From a missing KB to the CVEs it fixes and the devices that miss it, asked for one KB at a
//! time, in a few small requests.
//!
//! The APIs:
//! - <https://learn.microsoft.com/defender-endpoint/api/get-machines-by-software-and-vulnerability>
//!   ("List vulnerabilities by machine and software", `GET /api/vulnerabilities/machinesVulnerabilities`):
//!   rows of `id`, `cveId`, `machineId`, `fixingKbId`, `productName`, `productVendor`,
//!   `productVersion`, `severity`; `$filter` on those fields, `$top` up to 10,000, `$skip`;
//!   permission `Vulnerability.Read`. `fixingKbId` is the KB number without "KB", as a
//!   missing KB's `id` is.
//! - <https://learn.microsoft.com/defender-endpoint/api/get-machines-by-software>
//!   ("Get machines by software", `GET /api/Software/{id}/machineReferences`): the devices
//!   that have the software, `id`, `computerDnsName`, `osPlatform`, `rbacGroupName`, …;
//!   permission `Software.Read`.
//!
//! **The row explosion.** The vulnerability API has one row per device, CVE and product
//! version: a KB missing on 2,000 devices that fixes 97 CVEs is some 200,000 rows if asked
//! for whole. The widget never asks for that. It asks for
//! 1. a few rows of the KB (`fixingKbId eq '…'`, `$top=20`): a device that misses it and a CVE it fixes;
//! 2. the rows of that KB on that one device (`and machineId eq '…'`): every CVE the KB
//!    fixes there, about one row per CVE;
//! 3. the rows of that KB for that one CVE (`and cveId eq '…'`): every device that misses
//!    it, about one row per device;
//! 4. beside them, the software's devices (`machineReferences`), for their names.
//!
//! The third query is read in pages of [`DETAILS_PAGE_SIZE`] rows, `$skip` after `$skip`, while
//! pages come back full, up to [`MAX_DEVICE_PAGES`] of them: a KB missing on 50,000 devices is
//! five pages, and past the bound the panel says that the list stopped there ([`DeviceRows`]).
//!
//! Four requests and about one row per CVE and per device (about 1.1 MB for the mock's
//! KB of 2,211 devices and 97 CVEs, names included). The lists are checked against the counts on the card: a device that
//! misses the KB but not that CVE, or a CVE the first device does not have, would be left
//! out, and the panel says when a list may be partial. Every value put in a `$filter` is
//! checked first ([`KbNumber`], [`MachineId`], [`CveId`]); nothing from an answer goes
//! into a query unchecked.

use serde::de::{IgnoredAny, MapAccess};
use serde::Deserialize;

use crate::access_token::AccessToken;
use crate::api_base::ApiBase;
use crate::api_error::{shown_text, ApiError, ErrorKind};
use crate::lenient::{next_text, Lenient, LenientValue, ODataPage};
use crate::missing_kb::kb_digits;
use crate::request::{page_request, ApiRequest};
use crate::software_id::SoftwareId;
use crate::standalone_config::Cloud;
use crate::LowerCase;

/// The most rows one request asks for: the most the API documents for `$top`.
pub const DETAILS_PAGE_SIZE: usize = 10_000;
/// The most pages of a KB's device rows read (query 3 of the module's comment), so
/// [`MAX_DEVICE_ROWS`] rows: twice the devices of a large organisation's most-missed KB, in ten
/// requests of the fifty a minute the API allows, and about 3 MB of answer each.
pub const MAX_DEVICE_PAGES: usize = 10;
/// The most device rows read for one KB: [`MAX_DEVICE_PAGES`] full pages.
pub const MAX_DEVICE_ROWS: usize = MAX_DEVICE_PAGES * DETAILS_PAGE_SIZE;
/// How many rows the first query asks for: one would do, but a row whose device or CVE id
/// is unusable must not leave the whole KB without details.
pub const PROBE_ROWS: usize = 20;
/// The longest name, platform or group kept from a device.
const MAX_TEXT_CHARS: usize = 200;

/// A KB number, digits only: the only form that goes into a `$filter`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct KbNumber(String);

impl KbNumber {
    /// `"5049981"` or `"KB5049981"`; anything else is not a KB number.
    pub fn parse(raw: &str) -> Option<Self> {
        kb_digits(raw).map(|digits| Self(digits.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A CVE id as MITRE writes it, `CVE-2025-21298`: `CVE-`, a four-digit year, `-`, four or
/// more digits (at most 12, so a hostile id stays short).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CveId(String);

impl CveId {
    pub fn parse(raw: &str) -> Option<Self> {
        let rest = raw.strip_prefix("CVE-")?;
        let (year, number) = rest.split_once('-')?;
        let digits = |text: &str, min: usize, max: usize| {
            (min..=max).contains(&text.len()) && text.bytes().all(|b| b.is_ascii_digit())
        };
        (digits(year, 4, 4) && digits(number, 4, 12)).then(|| Self(raw.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A Defender device id (40 hexadecimal digits in the API's examples): letters, digits and
/// `-` only, at most 64, so it can go into a `$filter` as it is.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct MachineId(String);

impl MachineId {
    pub fn parse(raw: &str) -> Option<Self> {
        let ok = !raw.is_empty() && raw.len() <= 64 && raw.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-');
        ok.then(|| Self(raw.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Which vulnerability rows of a KB to ask for (the module's comment says why these three).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RowQuery {
    /// A few rows ([`PROBE_ROWS`]): a device that misses the KB and a CVE it fixes, from the
    /// first row whose device and CVE ids are usable.
    Probe(KbNumber),
    /// The KB's rows on one device: the CVEs it fixes.
    OnDevice(KbNumber, MachineId),
    /// The KB's rows for one CVE: the devices that miss it.
    ForCve(KbNumber, CveId),
}

/// `GET {apiBase}/api/vulnerabilities/machinesVulnerabilities?$filter=…&$top=…`.
///
/// ```
/// use missing_kbs_core::{vulnerability_rows_request, AccessToken, ApiBase, KbNumber, MachineId, RowQuery};
///
/// let base = ApiBase::parse("https://api.security.microsoft.com", "https://portal.example").unwrap();
/// let query = RowQuery::OnDevice(KbNumber::parse("KB5049981").unwrap(), MachineId::parse("ac23").unwrap());
/// let request = vulnerability_rows_request(&base, &query, &AccessToken::new("t").unwrap());
/// assert_eq!(
///     request.url,
///     "https://api.security.microsoft.com/api/vulnerabilities/machinesVulnerabilities\
///      ?$filter=fixingKbId%20eq%20'5049981'%20and%20machineId%20eq%20'ac23'&$top=10000",
/// );
/// ```
pub fn vulnerability_rows_request(base: &ApiBase, query: &RowQuery, token: &AccessToken) -> ApiRequest {
    vulnerability_rows_page_request(base, query, 0, token)
}

/// The page of `query`'s rows that starts after `skip` rows (`&$skip=…` when `skip` is not 0),
/// as [`DeviceRows::add_page`] asks for them.
///
/// ```
/// use missing_kbs_core::{vulnerability_rows_page_request, AccessToken, ApiBase, CveId, KbNumber, RowQuery};
///
/// let base = ApiBase::parse("https://api.security.microsoft.com", "https://portal.example").unwrap();
/// let query = RowQuery::ForCve(KbNumber::parse("5049981").unwrap(), CveId::parse("CVE-2025-21298").unwrap());
/// let request = vulnerability_rows_page_request(&base, &query, 20_000, &AccessToken::new("t").unwrap());
/// assert!(request.url.ends_with("cveId%20eq%20'CVE-2025-21298'&$top=10000&$skip=20000"));
/// ```
pub fn vulnerability_rows_page_request(
    base: &ApiBase,
    query: &RowQuery,
    skip: usize,
    token: &AccessToken,
) -> ApiRequest {
    let (kb, and, top) = match query {
        RowQuery::Probe(kb) => (kb, String::new(), PROBE_ROWS),
        RowQuery::OnDevice(kb, machine) => {
            (kb, format!("%20and%20machineId%20eq%20'{}'", machine.as_str()), DETAILS_PAGE_SIZE)
        }
        RowQuery::ForCve(kb, cve) => (kb, format!("%20and%20cveId%20eq%20'{}'", cve.as_str()), DETAILS_PAGE_SIZE),
    };
    let skip = if skip == 0 { String::new() } else { format!("&$skip={skip}") };
    let path = format!(
        "/api/vulnerabilities/machinesVulnerabilities?$filter=fixingKbId%20eq%20'{}'{and}&$top={top}{skip}",
        kb.as_str()
    );
    page_request(base.join(&path), token)
}

/// `GET {apiBase}/api/Software/{id}/machineReferences`: the software's devices, for their names.
pub fn machine_references_request(base: &ApiBase, software: &SoftwareId, token: &AccessToken) -> ApiRequest {
    page_request(base.join(&format!("/api/Software/{}/machineReferences", software.path_segment())), token)
}

/// A CVE's severity as Defender rates it; the order is the order shown (worst first).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Critical,
    High,
    Medium,
    Low,
    /// Missing, or a value Defender does not document.
    Unknown,
}

impl Severity {
    pub const ALL: [Severity; 5] =
        [Severity::Critical, Severity::High, Severity::Medium, Severity::Low, Severity::Unknown];

    fn read(text: &str) -> Self {
        match text.to_ascii_lowercase().as_str() {
            "critical" => Severity::Critical,
            "high" => Severity::High,
            "medium" => Severity::Medium,
            "low" => Severity::Low,
            _ => Severity::Unknown,
        }
    }
}

/// One vulnerability row, as far as the details need it; every field checked as read.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct VulnerabilityRow {
    pub machine: Option<MachineId>,
    pub cve: Option<CveId>,
    /// The KB the row is about, digits only; a row for another KB is left out of the lists.
    pub fixing_kb: Option<KbNumber>,
    pub severity: Option<Severity>,
    /// `productName`, as Defender writes it (`windows_10`).
    pub product: Option<String>,
    /// `productVendor` (`microsoft`).
    pub vendor: Option<String>,
}

impl VulnerabilityRow {
    /// The software the row is about: Defender's software IDs are `vendor-_-product`
    /// (`microsoft-_-windows_10` for the rows' `microsoft` and `windows_10`).
    pub fn software(&self) -> Option<SoftwareId> {
        SoftwareId::parse(&format!("{}-_-{}", self.vendor.as_deref()?, self.product.as_deref()?)).ok()
    }
}

/// Reads one page of vulnerability rows.
pub fn parse_vulnerability_rows(body: &str) -> Result<Vec<VulnerabilityRow>, ApiError> {
    Ok(parse_vulnerability_rows_page(body)?.0)
}

/// Reads one page of vulnerability rows, and how many rows it held, usable or not: a full
/// page means more may follow.
pub fn parse_vulnerability_rows_page(body: &str) -> Result<(Vec<VulnerabilityRow>, usize), ApiError> {
    read_counted_page::<VulnerabilityRow>(body)
}

/// A KB's device rows (query 3), read page by page: `$skip` after `$skip` while the pages come
/// back full, up to [`MAX_DEVICE_PAGES`]. The API documents `$top` (at most 10,000) and `$skip`
/// on this endpoint, and no next link, so the pages are asked for by `$skip`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DeviceRows {
    pub rows: Vec<VulnerabilityRow>,
    /// How many rows the pages held, usable or not.
    pub sent: usize,
    pub pages: usize,
}

impl DeviceRows {
    /// Adds a page that held `sent` rows (`rows` those usable); returns the `$skip` of the next
    /// page to ask for, or `None` when the rows are all read (a page that was not full) or the
    /// bound is reached ([`DeviceRows::bound_reached`]).
    pub fn add_page(&mut self, rows: Vec<VulnerabilityRow>, sent: usize) -> Option<usize> {
        self.rows.extend(rows);
        self.sent += sent;
        self.pages += 1;
        (sent >= DETAILS_PAGE_SIZE && self.pages < MAX_DEVICE_PAGES).then_some(self.sent)
    }

    /// Whether the reading stopped at the bound, with a full last page: more rows may follow.
    pub fn bound_reached(&self) -> bool {
        self.pages >= MAX_DEVICE_PAGES && self.sent >= MAX_DEVICE_ROWS
    }
}

/// One device of the software, for its name; a device without a usable id is left out.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DeviceRef {
    pub id: Option<MachineId>,
    pub name: Option<String>,
    pub os_platform: Option<String>,
    pub group: Option<String>,
}

/// Reads the software's devices (`machineReferences`).
pub fn parse_machine_references(body: &str) -> Result<Vec<DeviceRef>, ApiError> {
    Ok(read_page::<DeviceRef>(body)?.into_iter().filter(|device| device.id.is_some()).collect())
}

/// The usable entries of an OData page (`{"value": […]}`); anything else is an invalid answer.
pub(crate) fn read_page<T: LenientValue>(body: &str) -> Result<Vec<T>, ApiError> {
    Ok(read_counted_page(body)?.0)
}

/// The page's usable rows, and how many it held.
fn read_counted_page<T: LenientValue>(body: &str) -> Result<(Vec<T>, usize), ApiError> {
    let invalid = || ApiError::new(ErrorKind::InvalidResponse);
    let body = body.strip_prefix('\u{FEFF}').unwrap_or(body);
    let Lenient(page) = serde_json::from_str::<Lenient<ODataPage<T>>>(body).map_err(|_| invalid())?;
    let value = page.ok_or_else(invalid)?.value.ok_or_else(invalid)?;
    let sent = value.len();
    Ok((value.into_iter().filter_map(|row| row.0).collect(), sent))
}

/// A CVE the KB fixes, with its worst severity among the rows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FixedCve {
    pub id: CveId,
    pub severity: Severity,
}

/// A device that misses the KB; its name and the rest come from `machineReferences`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MissingDevice {
    pub id: MachineId,
    pub name: Option<String>,
    pub os_platform: Option<String>,
    pub group: Option<String>,
}

impl MissingDevice {
    /// The name people know it by, else its id.
    pub fn shown_name(&self) -> &str {
        self.name.as_deref().unwrap_or(self.id.as_str())
    }
}

/// What the details panel shows for one KB.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct KbDetails {
    /// Worst first, then by id.
    pub cves: Vec<FixedCve>,
    /// By name (a device without one by its id), case-insensitively.
    pub devices: Vec<MissingDevice>,
    /// Fewer CVEs than the card counts: the first device did not have them all.
    pub cves_partial: bool,
    /// Fewer devices than the card counts (some miss the KB but not the CVE asked about), or
    /// the rows stopped at the bound ([`KbDetails::devices_bound_reached`]).
    pub devices_partial: bool,
    /// The device rows stopped at [`MAX_DEVICE_ROWS`] with more to come: the list is partial
    /// for that reason, whatever else.
    pub devices_bound_reached: bool,
    /// The CVE whose rows gave the devices (query 3): a device that misses the KB but not it is
    /// not in the list.
    pub devices_cve: Option<CveId>,
    /// The software's devices could not be read, so devices show by id.
    pub names_unknown: bool,
}

impl KbDetails {
    /// How many CVEs of each severity, in [`Severity::ALL`]'s order.
    pub fn severity_counts(&self) -> [u64; 5] {
        let mut counts = [0; 5];
        for cve in &self.cves {
            counts[cve.severity as usize] += 1;
        }
        counts
    }
}

/// The device filter of a details panel: each device's name, id, platform and group in lower
/// case, made once per panel, so that a keystroke compares rather than lowercases.
pub struct DeviceSearch {
    texts: Vec<String>,
    lower: LowerCase,
}

impl DeviceSearch {
    pub fn new(devices: &[MissingDevice], lower: LowerCase) -> Self {
        Self { texts: devices.iter().map(|device| lower(&device_search_text(device))).collect(), lower }
    }

    /// The indices of the devices whose text contains `filter`, trimmed and in any case; every
    /// device for an empty filter.
    pub fn matching(&self, filter: &str) -> Vec<usize> {
        let filter = (self.lower)(filter.trim());
        (0..self.texts.len()).filter(|&index| self.texts[index].contains(&filter)).collect()
    }
}

fn device_search_text(device: &MissingDevice) -> String {
    format!(
        "{} {} {} {}",
        device.shown_name(),
        device.id.as_str(),
        device.os_platform.as_deref().unwrap_or(""),
        device.group.as_deref().unwrap_or("")
    )
}

/// The counts a KB's card shows, against which the lists are checked.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CardCounts {
    pub machines: Option<u64>,
    pub cves: Option<u64>,
}

/// The CVE list from the rows on one device: the KB's own rows only, one entry per CVE,
/// with the worst severity seen.
pub fn fixed_cves(rows: &[VulnerabilityRow], kb: &KbNumber) -> Vec<FixedCve> {
    let mut cves: Vec<FixedCve> = rows
        .iter()
        .filter(|row| row.fixing_kb.as_ref() == Some(kb))
        .filter_map(|row| Some(FixedCve { id: row.cve.clone()?, severity: row.severity.unwrap_or(Severity::Unknown) }))
        .collect();
    // By id, worst first, so each CVE's first row is the one kept: sorting, not a search per
    // row, since a hostile answer may hold many thousands of rows.
    cves.sort_unstable_by(|a, b| a.id.cmp(&b.id).then(a.severity.cmp(&b.severity)));
    cves.dedup_by(|later, first| later.id == first.id);
    cves.sort_by(|a, b| a.severity.cmp(&b.severity).then_with(|| a.id.cmp(&b.id)));
    cves
}

/// The devices from the rows for one CVE (the KB's own rows only, each device once), named
/// from `references` where it lists them, sorted by name.
pub fn missing_devices(rows: &[VulnerabilityRow], kb: &KbNumber, references: &[DeviceRef]) -> Vec<MissingDevice> {
    let mut ids: Vec<&MachineId> =
        rows.iter().filter(|row| row.fixing_kb.as_ref() == Some(kb)).filter_map(|row| row.machine.as_ref()).collect();
    ids.sort_unstable();
    ids.dedup();
    // Looked up by id: a software may have tens of thousands of devices.
    let by_id: std::collections::HashMap<&MachineId, &DeviceRef> =
        references.iter().filter_map(|device| Some((device.id.as_ref()?, device))).collect();
    let mut devices: Vec<MissingDevice> = ids
        .into_iter()
        .map(|id| {
            let reference = by_id.get(id).copied();
            MissingDevice {
                id: id.clone(),
                name: reference.and_then(|device| device.name.clone()),
                os_platform: reference.and_then(|device| device.os_platform.clone()),
                group: reference.and_then(|device| device.group.clone()),
            }
        })
        .collect();
    // In ASCII case (no Unicode tables in the wasm): names that differ only in the case of a
    // letter beyond ASCII may sort apart. The filter, which must find them, folds all of Unicode.
    devices.sort_by_cached_key(|device| device.shown_name().to_ascii_lowercase());
    devices
}

/// The details from the three row queries' answers and the software's devices, checked
/// against the card's counts.
pub fn kb_details(
    kb: &KbNumber,
    cve_rows: &[VulnerabilityRow],
    device_rows: &[VulnerabilityRow],
    references: &[DeviceRef],
    card: CardCounts,
) -> KbDetails {
    let cves = fixed_cves(cve_rows, kb);
    let devices = missing_devices(device_rows, kb, references);
    let short = |count: usize, expected: Option<u64>| expected.is_some_and(|expected| (count as u64) < expected);
    KbDetails {
        cves_partial: short(cves.len(), card.cves),
        devices_partial: short(devices.len(), card.machines),
        devices_bound_reached: false,
        devices_cve: None,
        names_unknown: false,
        cves,
        devices,
    }
}

/// The details from the three row queries' answers, the device rows read in pages for `cve`
/// ([`DeviceRows`]), and the software's devices, checked against the card's counts: the device
/// list is partial when it is short of the card's count, and when the rows stopped at the
/// bound, whatever the count.
pub fn kb_details_paged(
    kb: &KbNumber,
    cve_rows: &[VulnerabilityRow],
    cve: CveId,
    device_rows: &DeviceRows,
    references: &[DeviceRef],
    card: CardCounts,
) -> KbDetails {
    let mut details = kb_details(kb, cve_rows, &device_rows.rows, references, card);
    details.devices_bound_reached = device_rows.bound_reached();
    details.devices_partial |= details.devices_bound_reached;
    details.devices_cve = Some(cve);
    details
}

/// A CVE's page in the Defender portal of `cloud` ([`Cloud::portal_host`]), or, when the host
/// did not say which cloud, of the one whose API `base` calls: `api-gov.…`, which GCC High and
/// DoD share, is taken to be GCC High's; any other Defender host (GCC's `api-gcc.…` shares the
/// commercial portal), a same-origin proxy and a loopback address, whatever their names, the
/// commercial cloud's.
pub fn defender_cve_link(base: &ApiBase, cloud: Option<Cloud>, cve: &CveId) -> String {
    let government = base.defender_host().is_some_and(|host| host.starts_with("api-gov."));
    let cloud = cloud.unwrap_or(if government { Cloud::GccHigh } else { Cloud::Commercial });
    format!("https://{}/vulnerabilities/vulnerability/{}/overview", cloud.portal_host(), cve.as_str())
}

/// A CVE's page in the Microsoft Security Response Center's update guide.
pub fn msrc_cve_link(cve: &CveId) -> String {
    format!("https://msrc.microsoft.com/update-guide/vulnerability/{}", cve.as_str())
}

#[derive(Deserialize)]
#[serde(field_identifier)]
enum RowKey {
    #[serde(rename = "machineId")]
    Machine,
    #[serde(rename = "cveId")]
    Cve,
    #[serde(rename = "fixingKbId")]
    FixingKb,
    #[serde(rename = "severity")]
    Severity,
    #[serde(rename = "productName")]
    Product,
    #[serde(rename = "productVendor")]
    Vendor,
    #[serde(other)]
    Other,
}

impl LenientValue for VulnerabilityRow {
    fn from_object<'de, A: MapAccess<'de>>(mut object: A) -> Result<Option<Self>, A::Error> {
        let mut row = VulnerabilityRow::default();
        while let Some(key) = object.next_key()? {
            match key {
                RowKey::Machine => row.machine = next_text(&mut object)?.as_deref().and_then(MachineId::parse),
                RowKey::Cve => row.cve = next_text(&mut object)?.as_deref().and_then(CveId::parse),
                RowKey::FixingKb => row.fixing_kb = next_text(&mut object)?.as_deref().and_then(KbNumber::parse),
                RowKey::Severity => row.severity = next_text(&mut object)?.as_deref().map(Severity::read),
                RowKey::Product => row.product = product_text(next_text(&mut object)?),
                RowKey::Vendor => row.vendor = product_text(next_text(&mut object)?),
                RowKey::Other => drop(object.next_value::<IgnoredAny>()?),
            }
        }
        Ok(Some(row))
    }
}

/// A product's or vendor's name from a row, as short as a software ID's part may be.
fn product_text(text: Option<String>) -> Option<String> {
    text.as_deref().and_then(|text| shown_text(text, MAX_TEXT_CHARS))
}

#[derive(Deserialize)]
#[serde(field_identifier)]
enum DeviceKey {
    #[serde(rename = "id")]
    Id,
    #[serde(rename = "computerDnsName")]
    Name,
    #[serde(rename = "osPlatform")]
    OsPlatform,
    #[serde(rename = "rbacGroupName")]
    Group,
    #[serde(other)]
    Other,
}

impl LenientValue for DeviceRef {
    fn from_object<'de, A: MapAccess<'de>>(mut object: A) -> Result<Option<Self>, A::Error> {
        let mut device = DeviceRef::default();
        let text = |text: Option<String>| text.as_deref().and_then(|text| shown_text(text, MAX_TEXT_CHARS));
        while let Some(key) = object.next_key()? {
            match key {
                DeviceKey::Id => device.id = next_text(&mut object)?.as_deref().and_then(MachineId::parse),
                DeviceKey::Name => device.name = text(next_text(&mut object)?),
                DeviceKey::OsPlatform => device.os_platform = text(next_text(&mut object)?),
                DeviceKey::Group => device.group = text(next_text(&mut object)?),
                DeviceKey::Other => drop(object.next_value::<IgnoredAny>()?),
            }
        }
        Ok(Some(device))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn device(id: &str, name: Option<&str>, platform: Option<&str>, group: Option<&str>) -> MissingDevice {
        MissingDevice {
            id: MachineId::parse(id).unwrap(),
            name: name.map(str::to_owned),
            os_platform: platform.map(str::to_owned),
            group: group.map(str::to_owned),
        }
    }

    #[test]
    fn the_device_filter_matches_name_id_platform_and_group_in_any_case() {
        let devices = [
            device("1111111111111111111111111111111111111111", Some("DESKTOP-ÉTÉ"), Some("Windows11"), Some("Paris")),
            device("2222222222222222222222222222222222222222", None, Some("WindowsServer2022"), None),
            device("3333333333333333333333333333333333333333", Some("laptop-7"), None, Some("Finance PCs")),
        ];
        let search = DeviceSearch::new(&devices, str::to_lowercase);
        assert_eq!(search.matching(""), [0, 1, 2]);
        assert_eq!(search.matching("   "), [0, 1, 2]);
        assert_eq!(search.matching("desktop"), [0]);
        // Beyond ASCII too: the panel's names are people's, not Defender's.
        assert_eq!(search.matching("  desktop-été "), [0]);
        assert_eq!(search.matching("2222"), [1]);
        assert_eq!(search.matching("WINDOWS"), [0, 1]);
        assert_eq!(search.matching("finance pcs"), [2]);
        assert_eq!(search.matching("nowhere"), Vec::<usize>::new());
    }

    fn base() -> ApiBase {
        ApiBase::parse("https://api.security.microsoft.com", "https://portal.example").unwrap()
    }

    fn row(machine: &str, cve: &str, kb: &str, severity: &str) -> VulnerabilityRow {
        VulnerabilityRow {
            machine: MachineId::parse(machine),
            cve: CveId::parse(cve),
            fixing_kb: KbNumber::parse(kb),
            severity: Some(Severity::read(severity)),
            ..VulnerabilityRow::default()
        }
    }

    #[test]
    fn only_checked_values_go_into_a_filter() {
        assert_eq!(KbNumber::parse("KB5049981").unwrap().as_str(), "5049981");
        for bad in ["", "KB", "50499' or 1 eq 1", "5049981 ", "１２３"] {
            assert_eq!(KbNumber::parse(bad), None, "{bad:?}");
        }
        assert!(CveId::parse("CVE-2025-21298").is_some());
        assert!(CveId::parse("CVE-2025-1234567").is_some());
        for bad in ["cve-2025-21298", "CVE-25-21298", "CVE-2025-123", "CVE-2025-21298'", "CVE-2025-2129x", "<b>CVE</b>"]
        {
            assert_eq!(CveId::parse(bad), None, "{bad:?}");
        }
        assert!(MachineId::parse("ac233fa6208e1579620bf44207c4006ed7cc4501").is_some());
        for bad in ["", "a b", "a'b", "a/b", &"a".repeat(65)] {
            assert_eq!(MachineId::parse(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn builds_the_three_row_queries_and_the_device_list() {
        let kb = KbNumber::parse("5049981").unwrap();
        let token = AccessToken::new("secret").unwrap();
        let probe = vulnerability_rows_request(&base(), &RowQuery::Probe(kb.clone()), &token);
        assert!(probe.url.ends_with("machinesVulnerabilities?$filter=fixingKbId%20eq%20'5049981'&$top=20"));
        let cve = CveId::parse("CVE-2025-21298").unwrap();
        let for_cve = vulnerability_rows_request(&base(), &RowQuery::ForCve(kb, cve), &token);
        assert!(for_cve.url.ends_with("%20and%20cveId%20eq%20'CVE-2025-21298'&$top=10000"));
        assert!(!for_cve.url.contains("secret"));
        let devices =
            machine_references_request(&base(), &SoftwareId::parse("microsoft-_-windows_10").unwrap(), &token);
        assert_eq!(
            devices.url,
            "https://api.security.microsoft.com/api/Software/microsoft-_-windows_10/machineReferences"
        );
    }

    #[test]
    fn reads_rows_leniently_and_checks_every_field() {
        let rows = parse_vulnerability_rows(
            r#"{"value":[
                {"id":"x","cveId":"CVE-2025-21298","machineId":"m1","fixingKbId":"5049981","severity":"Critical"},
                {"cveId":"<img src=x onerror=alert(1)>","machineId":"m1' or 1 eq 1","fixingKbId":5049981,"severity":7},
                "not a row"
            ]}"#,
        )
        .unwrap();
        assert_eq!(rows[0], row("m1", "CVE-2025-21298", "5049981", "critical"));
        let windows = parse_vulnerability_rows(
            r#"{"value":[{"productName":"windows_10","productVendor":"microsoft"},{"productName":"a/b","productVendor":"x"}]}"#,
        )
        .unwrap();
        assert_eq!(windows[0].software(), SoftwareId::parse("microsoft-_-windows_10").ok());
        assert_eq!(windows[1].software(), None);
        assert_eq!(rows[1], VulnerabilityRow::default());
        assert_eq!(rows.len(), 2);
        assert_eq!(parse_vulnerability_rows("[]").unwrap_err().kind, ErrorKind::InvalidResponse);
        assert_eq!(parse_vulnerability_rows("<html>").unwrap_err().kind, ErrorKind::InvalidResponse);
    }

    #[test]
    fn the_cve_list_is_one_entry_per_cve_worst_first_for_this_kb_only() {
        let kb = KbNumber::parse("1").unwrap();
        let rows = [
            row("m", "CVE-2025-0002", "1", "Low"),
            row("m", "CVE-2025-0002", "1", "High"),
            row("m", "CVE-2025-0001", "1", "Medium"),
            row("m", "CVE-2025-0003", "1", "surprising"),
            row("m", "CVE-2025-0009", "2", "Critical"),
        ];
        let cves = fixed_cves(&rows, &kb);
        let shown: Vec<_> = cves.iter().map(|cve| (cve.id.as_str(), cve.severity)).collect();
        assert_eq!(
            shown,
            [
                ("CVE-2025-0002", Severity::High),
                ("CVE-2025-0001", Severity::Medium),
                ("CVE-2025-0003", Severity::Unknown)
            ]
        );
        let details = KbDetails { cves, ..KbDetails::default() };
        assert_eq!(details.severity_counts(), [0, 1, 1, 0, 1]);
    }

    #[test]
    fn devices_are_named_from_the_references_sorted_by_name_and_counted_against_the_card() {
        let kb = KbNumber::parse("1").unwrap();
        let device_rows = [
            row("m2", "CVE-2025-0001", "1", "High"),
            row("m1", "CVE-2025-0001", "1", "High"),
            row("m2", "CVE-2025-0001", "1", "High"),
        ];
        let references = parse_machine_references(
            r#"{"value":[{"id":"m2","computerDnsName":"alpha.contoso.com","osPlatform":"Windows10","rbacGroupName":"Kiosks"},{"id":"bad id"}]}"#,
        )
        .unwrap();
        assert_eq!(references.len(), 1);
        let details =
            kb_details(&kb, &device_rows, &device_rows, &references, CardCounts { machines: Some(3), cves: Some(1) });
        let names: Vec<_> = details.devices.iter().map(MissingDevice::shown_name).collect();
        assert_eq!(names, ["alpha.contoso.com", "m1"]);
        assert_eq!(details.devices[0].group.as_deref(), Some("Kiosks"));
        assert!(details.devices_partial);
        assert!(!details.cves_partial);
    }

    /// A page of `n` rows of KB 1 and CVE-2025-0001, on devices `first`, `first + 1`, ….
    fn device_page(first: usize, n: usize) -> String {
        let rows: Vec<String> = (first..first + n)
            .map(|i| format!(r#"{{"machineId":"m{i}","cveId":"CVE-2025-0001","fixingKbId":"1","severity":"High"}}"#))
            .collect();
        format!(r#"{{"value":[{}]}}"#, rows.join(","))
    }

    /// Reads the device rows of a KB missing on `devices` devices as the endpoint does: page after
    /// page, `$skip` after `$skip`, until [`DeviceRows::add_page`] says stop; the skips asked for too.
    fn read_in_pages(devices: usize) -> (DeviceRows, Vec<usize>) {
        let mut rows = DeviceRows::default();
        let mut skips = vec![0];
        loop {
            let skip = *skips.last().unwrap();
            let (page, sent) =
                parse_vulnerability_rows_page(&device_page(skip, devices.saturating_sub(skip).min(DETAILS_PAGE_SIZE)))
                    .unwrap();
            match rows.add_page(page, sent) {
                Some(next) => skips.push(next),
                None => return (rows, skips),
            }
        }
    }

    #[test]
    fn device_rows_past_one_page_are_read_with_skip_up_to_the_bound() {
        let kb = KbNumber::parse("1").unwrap();
        let cve = CveId::parse("CVE-2025-0001").unwrap();
        let card = |machines| CardCounts { machines: Some(machines), cves: Some(1) };

        // 50,000 devices: five full pages and an empty one, every device listed, nothing partial.
        let (rows, skips) = read_in_pages(50_000);
        assert_eq!(skips, [0, 10_000, 20_000, 30_000, 40_000, 50_000]);
        let details = kb_details_paged(&kb, &[], cve.clone(), &rows, &[], card(50_000));
        assert_eq!(details.devices.len(), 50_000);
        assert!(!details.devices_partial && !details.devices_bound_reached);

        // 12,345 devices: a full page, then one that is not.
        let (rows, skips) = read_in_pages(12_345);
        assert_eq!(skips, [0, 10_000]);
        assert_eq!(kb_details_paged(&kb, &[], cve.clone(), &rows, &[], card(12_345)).devices.len(), 12_345);

        // 150,000 devices: the reading stops at the bound, and says so, even should the card
        // count no more than it lists.
        let (rows, skips) = read_in_pages(150_000);
        assert_eq!(skips.len(), MAX_DEVICE_PAGES);
        for count in [150_000, MAX_DEVICE_ROWS as u64] {
            let details = kb_details_paged(&kb, &[], cve.clone(), &rows, &[], card(count));
            assert_eq!(details.devices.len(), MAX_DEVICE_ROWS);
            assert!(details.devices_partial && details.devices_bound_reached, "{count}");
        }

        // Short of the card's count with every row read: the CVE asked about is the reason.
        let (rows, _) = read_in_pages(900);
        let details = kb_details_paged(&kb, &[], cve.clone(), &rows, &[], card(1_000));
        assert!(details.devices_partial && !details.devices_bound_reached);
        assert_eq!(details.devices_cve, Some(cve));
    }

    #[test]
    fn a_page_of_unusable_rows_still_counts_toward_a_full_page() {
        // A full page whose rows cannot all be read still means that more may follow.
        let mut body = device_page(0, DETAILS_PAGE_SIZE - 1);
        body.insert_str(body.len() - 2, ",\"not a row\"");
        let (rows, sent) = parse_vulnerability_rows_page(&body).unwrap();
        assert_eq!((rows.len(), sent), (DETAILS_PAGE_SIZE - 1, DETAILS_PAGE_SIZE));
        assert_eq!(DeviceRows::default().add_page(rows, sent), Some(DETAILS_PAGE_SIZE));
    }

    #[test]
    fn links_go_to_the_portal_of_the_cloud_in_use_and_to_msrc() {
        let cve = CveId::parse("CVE-2025-21298").unwrap();
        assert_eq!(
            defender_cve_link(&base(), None, &cve),
            "https://security.microsoft.com/vulnerabilities/vulnerability/CVE-2025-21298/overview"
        );
        let gov = ApiBase::parse("https://api-gov.securitycenter.microsoft.us", "https://portal.example").unwrap();
        assert!(defender_cve_link(&gov, None, &cve).starts_with("https://security.microsoft.us/"));
        assert!(defender_cve_link(&gov, Some(Cloud::Dod), &cve).starts_with("https://security.apps.mil/"));
        assert!(defender_cve_link(&base(), Some(Cloud::Gcc), &cve).starts_with("https://security.microsoft.com/"));
        assert_eq!(msrc_cve_link(&cve), "https://msrc.microsoft.com/update-guide/vulnerability/CVE-2025-21298");
    }

    #[test]
    fn only_a_defender_host_names_the_cloud() {
        // A proxy (on any origin) or a loopback address is taken to be commercial, whatever its name.
        let cve = CveId::parse("CVE-2025-21298").unwrap();
        for (raw, page) in [
            ("/defender", "https://api-gov.portal.example"),
            ("", "https://api-gov.security.microsoft.us.portal.example"),
            ("http://localhost:8787", "https://api-gov.portal.example"),
        ] {
            let base = ApiBase::parse(raw, page).unwrap();
            assert!(
                defender_cve_link(&base, None, &cve).starts_with("https://security.microsoft.com/"),
                "{raw} on {page}"
            );
        }
        let gov = ApiBase::parse("https://api-gov.security.microsoft.us", "https://portal.example").unwrap();
        assert!(defender_cve_link(&gov, None, &cve).starts_with("https://security.microsoft.us/"));
    }
}
