//! The missing KBs of a software or of one device, with what the title shows: the software's
//! name and vendor, or the device's facts.

use missing_kbs_core::{
    missing_kbs_request, next_page_url, page_request, parse_missing_kbs_page, parse_software_info, software_request,
    AccessToken, ApiError, DeviceInfo, ErrorKind, ListSubject, MissingKbList, SoftwareId, SoftwareInfo,
    MAX_ANSWER_BYTES, MAX_KBS_SHOWN,
};

use super::device::{device_missing_kbs, DevicePart, DeviceReading};
use super::Endpoint;
use crate::host_events::HostEvents;
use crate::transport::{send, Connection};

/// The missing KBs of a software (`GET /api/Software/{id}/getmissingkbs`) or of a device
/// (`endpoints/device.rs`), with what its title shows as the extra.
pub struct MissingKbs;

/// What a list's title shows, fetched once the list is shown.
#[derive(Clone, Debug, PartialEq)]
pub enum ListTitle {
    /// The software's name and vendor (`GET /api/Software/{id}`).
    Software(SoftwareInfo),
    /// The device's facts (`GET /api/machines/{id}`), or why they could not be read.
    Device(Result<DeviceInfo, ErrorKind>),
}

impl Endpoint for MissingKbs {
    const PERMISSION: &'static str = "Software.Read";
    type Key = ListSubject;
    type Value = MissingKbList;
    type Extra = ListTitle;

    /// A device's list is read its own way, or, when that is refused, from its rows, which
    /// need Vulnerability.Read: that is the permission a refusal then names.
    fn permission(subject: &ListSubject) -> &'static str {
        match subject {
            ListSubject::Software(_) => Self::PERMISSION,
            ListSubject::Device(_) => "Vulnerability.Read",
        }
    }

    async fn fetch(
        connection: &Connection,
        subject: &ListSubject,
        token: &AccessToken,
    ) -> Result<MissingKbList, ApiError> {
        match subject {
            ListSubject::Software(id) => software_missing_kbs(connection, id, token).await,
            ListSubject::Device(id) => device_missing_kbs::<DevicePart>(connection, id, token).await,
        }
    }

    /// The title's facts; any failure just means no title (a device's header says why).
    /// A nicety: it never waits for the page-wide rate limit, so no wait goes unseen.
    async fn fetch_extra(connection: &Connection, subject: &ListSubject, token: &AccessToken) -> Option<ListTitle> {
        match subject {
            ListSubject::Software(id) => {
                let request = software_request(&connection.api_base, id, token);
                let mut bytes_left = MAX_ANSWER_BYTES;
                let body = send(&request, connection, &mut bytes_left, false).await.ok()?;
                parse_software_info(&body).map(ListTitle::Software)
            }
            ListSubject::Device(id) => Some(ListTitle::Device(DevicePart::facts(connection, id, token).await)),
        }
    }

    fn shown(events: &HostEvents, subject: &ListSubject, list: &MissingKbList) {
        events.loaded(subject, list.kbs.len());
    }

    fn failed(events: &HostEvents, subject: &ListSubject, error: &ApiError) {
        events.failed(Some(subject), &error.kind);
        if error.kind == ErrorKind::Unauthorized {
            events.token_expired(subject);
        }
    }
}

/// Reads all pages of a software's getmissingkbs answer, within the bounds of `answer_limits`.
async fn software_missing_kbs(
    connection: &Connection,
    id: &SoftwareId,
    token: &AccessToken,
) -> Result<MissingKbList, ApiError> {
    let base = &connection.api_base;
    let mut request = missing_kbs_request(base, id, token);
    let mut bytes_left = MAX_ANSWER_BYTES;
    let mut kbs = Vec::new();
    let mut pages_read = 0;
    let incomplete = loop {
        let page = parse_missing_kbs_page(&send(&request, connection, &mut bytes_left, true).await?)?;
        pages_read += 1;
        kbs.extend(page.kbs);
        if kbs.len() > MAX_KBS_SHOWN {
            return Err(ApiError::new(ErrorKind::TooLarge));
        }
        let Some(next_link) = page.next_link else { break None };
        match next_page_url(base, &next_link, pages_read) {
            Ok(url) => request = page_request(url, token),
            Err(refused) => break Some(refused),
        }
    };
    Ok(MissingKbList { kbs, incomplete, ..MissingKbList::default() })
}
