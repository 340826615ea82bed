//! A software's missing KBs, with its name and vendor for the title.

use missing_kbs_core::{
    missing_kbs_request, next_page_url, page_request, parse_missing_kbs_page, parse_software_info, software_request,
    AccessToken, ApiError, ErrorKind, MissingKbList, SoftwareId, SoftwareInfo, MAX_ANSWER_BYTES, MAX_KBS_SHOWN,
};

use super::Endpoint;
use crate::host_events::HostEvents;
use crate::transport::{send, Connection};

/// A software's missing KBs (`GET /api/Software/{id}/getmissingkbs`), with its name and
/// vendor (`GET /api/Software/{id}`) as the extra the title shows.
pub struct MissingKbs;

impl Endpoint for MissingKbs {
    const PERMISSION: &'static str = "Software.Read";
    type Key = SoftwareId;
    type Value = MissingKbList;
    type Extra = SoftwareInfo;

    /// Reads all pages of the getmissingkbs answer, within the bounds of `answer_limits`.
    async fn fetch(connection: &Connection, id: &SoftwareId, token: &AccessToken) -> Result<MissingKbList, ApiError> {
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
        Ok(MissingKbList { kbs, incomplete })
    }

    /// The software's name and vendor for the title; any failure just means no title.
    /// A nicety: it never waits for the page-wide rate limit, so no wait goes unseen.
    async fn fetch_extra(connection: &Connection, id: &SoftwareId, token: &AccessToken) -> Option<SoftwareInfo> {
        let request = software_request(&connection.api_base, id, token);
        let mut bytes_left = MAX_ANSWER_BYTES;
        parse_software_info(&send(&request, connection, &mut bytes_left, false).await.ok()?)
    }

    fn shown(events: &HostEvents, id: &SoftwareId, list: &MissingKbList) {
        events.loaded(id, list.kbs.len());
    }

    fn failed(events: &HostEvents, id: &SoftwareId, error: &ApiError) {
        events.failed(Some(id), &error.kind);
        if error.kind == ErrorKind::Unauthorized {
            events.token_expired(id);
        }
    }
}
