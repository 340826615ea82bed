//! One KB's CVEs and devices, for its details panel.

use missing_kbs_core::{
    kb_details, kb_details_paged, machine_references_request, parse_machine_references, parse_vulnerability_rows,
    parse_vulnerability_rows_page, vulnerability_rows_page_request, vulnerability_rows_request, AccessToken, ApiError,
    CardCounts, DeviceRows, KbDetails, KbNumber, MachineId, RowQuery, SoftwareId, VulnerabilityRow,
};

use super::Endpoint;
use crate::transport::{send, Connection};

/// One KB's CVEs and devices (`core/src/kb_details.rs` says which requests), for its
/// details panel. A failure is shown in the panel only: the list and the host are not told.
pub struct KbCvesAndDevices;

/// The KB, the software or the device whose list it is on, and the counts its card shows,
/// against which the lists are checked.
#[derive(Clone, Debug, PartialEq)]
pub struct DetailsKey {
    /// The software's list, whose devices name the KB's.
    pub software: Option<SoftwareId>,
    /// A device's list: the CVEs are those the KB fixes on it.
    pub device: Option<MachineId>,
    pub kb: KbNumber,
    pub card: CardCounts,
}

impl std::fmt::Display for DetailsKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let software = self.software.as_ref().map_or("", SoftwareId::as_str);
        let device = self.device.as_ref().map_or("", MachineId::as_str);
        write!(f, "{software}|{device}|KB{}", self.kb.as_str())
    }
}

impl Endpoint for KbCvesAndDevices {
    const PERMISSION: &'static str = "Vulnerability.Read";
    type Key = DetailsKey;
    type Value = KbDetails;
    type Extra = ();

    /// A KB's CVEs and devices, in four requests (core/src/kb_details.rs says why these): a
    /// few rows of the KB, its rows on one row's device and for that row's CVE (in pages of
    /// 10,000 rows, up to `MAX_DEVICE_PAGES`), then the software's devices for their names
    /// (without them, devices show by id, and the panel says why). On a device's list, that device is the first request's, and the software
    /// is the one its rows name (`VulnerabilityRow::software`).
    async fn fetch(connection: &Connection, key: &DetailsKey, token: &AccessToken) -> Result<KbDetails, ApiError> {
        let base = &connection.api_base;
        let mut bytes_left = MAX_DETAILS_BYTES;
        let (machine, cve_rows) = match &key.device {
            Some(device) => {
                let query = RowQuery::OnDevice(key.kb.clone(), device.clone());
                (device.clone(), vulnerability_rows(connection, query, token, &mut bytes_left).await?)
            }
            None => {
                let probe =
                    vulnerability_rows(connection, RowQuery::Probe(key.kb.clone()), token, &mut bytes_left).await?;
                let Some(machine) =
                    probe.into_iter().find_map(|row| (row.fixing_kb.as_ref() == Some(&key.kb)).then_some(row.machine?))
                else {
                    // No row this widget can use: empty lists, marked partial against the card's counts.
                    return Ok(kb_details(&key.kb, &[], &[], &[], key.card));
                };
                let query = RowQuery::OnDevice(key.kb.clone(), machine.clone());
                (machine, vulnerability_rows(connection, query, token, &mut bytes_left).await?)
            }
        };
        let mine =
            |row: &&VulnerabilityRow| row.fixing_kb.as_ref() == Some(&key.kb) && row.machine.as_ref() == Some(&machine);
        let Some(cve) = cve_rows.iter().filter(mine).find_map(|row| row.cve.clone()) else {
            return Ok(kb_details(&key.kb, &cve_rows, &[], &[], key.card));
        };
        let software =
            key.software.clone().or_else(|| cve_rows.iter().filter(mine).find_map(VulnerabilityRow::software));
        let for_cve = RowQuery::ForCve(key.kb.clone(), cve.clone());
        let mut device_rows = DeviceRows::default();
        let mut skip = 0;
        loop {
            let request = vulnerability_rows_page_request(base, &for_cve, skip, token);
            let (rows, sent) =
                parse_vulnerability_rows_page(&send(&request, connection, &mut bytes_left, true).await?)?;
            match device_rows.add_page(rows, sent) {
                Some(next) => {
                    skip = next;
                    // Each further page has a bound of its own, as the first three answers share one.
                    bytes_left = MAX_DETAILS_BYTES;
                }
                None => break,
            }
        }
        let mut names_left = MAX_DEVICE_NAMES_BYTES;
        let references = match software {
            Some(software) => {
                let request = machine_references_request(base, &software, token);
                send(&request, connection, &mut names_left, true)
                    .await
                    .ok()
                    .and_then(|body| parse_machine_references(&body).ok())
            }
            None => None,
        };
        let mut details = kb_details_paged(
            &key.kb,
            &cve_rows,
            cve,
            &device_rows,
            references.as_deref().unwrap_or_default(),
            key.card,
        );
        details.names_unknown = references.is_none();
        Ok(details)
    }
}

/// The most one KB's rows may take, the three row answers together (with the first page of
/// device rows), and then each further page of device rows: the mock's KB of 2,211 devices and
/// 97 CVEs takes about 0.7 MB of them, a full page of 10,000 rows about 3 MB, and a hostile or
/// runaway answer stops here. So at most `MAX_DEVICE_PAGES` + 1 times this for one KB.
const MAX_DETAILS_BYTES: usize = 4 * 1024 * 1024;
/// The most the software's device list (for names only) may take: about 180 bytes a
/// device, so some 90,000 devices. Past it, or on any failure, devices show by id.
const MAX_DEVICE_NAMES_BYTES: usize = 16 * 1024 * 1024;

async fn vulnerability_rows(
    connection: &Connection,
    query: RowQuery,
    token: &AccessToken,
    bytes_left: &mut usize,
) -> Result<Vec<VulnerabilityRow>, ApiError> {
    let request = vulnerability_rows_request(&connection.api_base, &query, token);
    parse_vulnerability_rows(&send(&request, connection, bytes_left, true).await?)
}
