//! One device's missing KBs and facts (`core/src/device.rs` cites the API pages), for the
//! missing-KB list when it shows a device, and the devices whose names begin with a text, for
//! the finder's device search.

use missing_kbs_core::{
    device_missing_kbs_request, device_request, device_rows_request, device_search_request, missing_kbs_from_rows,
    parse_device, parse_devices, parse_missing_kbs_page, parse_vulnerability_rows, worst_fixable_severity, AccessToken,
    ApiError, DeviceInfo, DeviceNamePrefix, ErrorKind, MachineId, MissingKbList, PagingError, DETAILS_PAGE_SIZE,
    MAX_ANSWER_BYTES, MAX_DEVICE_ROW_PAGES, MAX_KBS_SHOWN,
};

use super::Endpoint;
use crate::transport::{send, Connection};

/// How a device's facts, and its KBs when its own list is refused, are read: by
/// [`device_kbs_from_rows`] and [`device_facts`], whose code is in the `device` part, which the
/// software lists never fetch. The parts boundary (`parts.rs`, the one place that splits code
/// off) implements it for [`DevicePart`]; the list's endpoint (`missing_kbs.rs`) calls it, and so
/// never reaches the boundary itself.
pub trait DeviceReading {
    /// Starts fetching the code that reads, if it is not here or on its way, without waiting.
    fn prepare();

    fn kbs_from_rows(
        connection: &Connection,
        id: &MachineId,
        token: &AccessToken,
    ) -> impl std::future::Future<Output = Result<MissingKbList, ApiError>>;

    fn facts(
        connection: &Connection,
        id: &MachineId,
        token: &AccessToken,
    ) -> impl std::future::Future<Output = Result<DeviceInfo, ErrorKind>>;
}

/// The `device` part's reading of a device ([`DeviceReading`], implemented in `parts.rs`).
pub struct DevicePart;

/// The test build of the load's state machine has no parts (`lib.rs`): there the reading is
/// called directly.
#[cfg(test)]
impl DeviceReading for DevicePart {
    fn prepare() {}

    async fn kbs_from_rows(
        connection: &Connection,
        id: &MachineId,
        token: &AccessToken,
    ) -> Result<MissingKbList, ApiError> {
        device_kbs_from_rows(connection, id, token).await
    }

    async fn facts(connection: &Connection, id: &MachineId, token: &AccessToken) -> Result<DeviceInfo, ErrorKind> {
        device_facts(connection, id, token).await
    }
}

/// The KBs `id` misses: its own list (`/api/machines/{id}/getmissingkbs`, which documents the
/// application permission Software.Read.All only), a getmissingkbs answer read as a software's
/// is, in the first download, so that its first card waits for no part; or, when that is
/// refused, its vulnerability rows grouped by the KB that fixes them (delegated
/// Vulnerability.Read; code of the `device` part), and the list says so. The part, which also
/// shows the device's facts, is fetched while the list is asked for.
pub async fn device_missing_kbs<R: DeviceReading>(
    connection: &Connection,
    id: &MachineId,
    token: &AccessToken,
) -> Result<MissingKbList, ApiError> {
    R::prepare();
    let mut bytes_left = MAX_ANSWER_BYTES;
    let request = device_missing_kbs_request(&connection.api_base, id, token);
    match send(&request, connection, &mut bytes_left, true).await {
        Ok(body) => {
            let page = parse_missing_kbs_page(&body)?;
            if page.kbs.len() > MAX_KBS_SHOWN {
                return Err(ApiError::new(ErrorKind::TooLarge));
            }
            // One device's KBs fit one page; a next link is not followed, and the list says so.
            let incomplete = page.next_link.map(|_| PagingError::TooManyPages);
            Ok(MissingKbList { kbs: page.kbs, incomplete, ..MissingKbList::default() })
        }
        Err(error) if error.kind == ErrorKind::Forbidden => R::kbs_from_rows(connection, id, token).await,
        Err(error) => Err(error),
    }
}

/// The device's KBs from its vulnerability rows, page by page ([`MAX_DEVICE_ROW_PAGES`] at
/// most, within the answer's byte bound; code of the `device` part: [`DeviceReading`]).
pub async fn device_kbs_from_rows(
    connection: &Connection,
    id: &MachineId,
    token: &AccessToken,
) -> Result<MissingKbList, ApiError> {
    let mut bytes_left = MAX_ANSWER_BYTES;
    let mut rows = Vec::new();
    let mut incomplete = None;
    for page in 0.. {
        if page == MAX_DEVICE_ROW_PAGES {
            incomplete = Some(PagingError::TooManyPages);
            break;
        }
        let request = device_rows_request(&connection.api_base, id, page, token);
        let page_rows = parse_vulnerability_rows(&send(&request, connection, &mut bytes_left, true).await?)?;
        let full = page_rows.len() >= DETAILS_PAGE_SIZE;
        rows.extend(page_rows);
        if !full {
            break;
        }
    }
    Ok(MissingKbList {
        kbs: missing_kbs_from_rows(&rows),
        incomplete,
        from_vulnerability_rows: true,
        worst_severity: worst_fixable_severity(&rows),
    })
}

/// The device's facts for its header (code of the `device` part: [`DeviceReading`]); `Err` with why they could not be read (the list is
/// shown all the same: they need Machine.Read, which the list does not).
pub async fn device_facts(
    connection: &Connection,
    id: &MachineId,
    token: &AccessToken,
) -> Result<DeviceInfo, ErrorKind> {
    let request = device_request(&connection.api_base, id, token);
    let mut bytes_left = MAX_ANSWER_BYTES;
    let body = send(&request, connection, &mut bytes_left, false).await.map_err(|error| error.kind)?;
    parse_device(&body).ok_or(ErrorKind::InvalidResponse)
}

/// The devices whose name begins with a text (`GET /api/machines?$filter=startswith(…)`), for
/// the finder's device search. A failure is shown in the finder only.
pub struct DeviceSearch;

impl Endpoint for DeviceSearch {
    const PERMISSION: &'static str = "Machine.Read";
    type Key = DeviceNamePrefix;
    type Value = Vec<DeviceInfo>;
    type Extra = ();

    async fn fetch(
        connection: &Connection,
        prefix: &DeviceNamePrefix,
        token: &AccessToken,
    ) -> Result<Vec<DeviceInfo>, ApiError> {
        let request = device_search_request(&connection.api_base, prefix, token);
        let mut bytes_left = MAX_ANSWER_BYTES;
        parse_devices(&send(&request, connection, &mut bytes_left, true).await?)
    }
}
