//! The kinds of answer the widget loads, each an `Endpoint` of the one generic `Load`.

use std::future::Future;

use missing_kbs_core::{AccessToken, ApiError, ErrorKind, MissingKbList, SoftwareId, SoftwareInfo};

use crate::host_events::HostEvents;
use crate::load::Endpoint;
use crate::transport::{fetch_missing_kbs, fetch_software_info, Connection};

/// A software's missing KBs (`GET /api/Software/{id}/getmissingkbs`), with its name and
/// vendor (`GET /api/Software/{id}`) as the extra the title shows.
pub struct MissingKbs;

impl Endpoint for MissingKbs {
    type Key = SoftwareId;
    type Value = MissingKbList;
    type Extra = SoftwareInfo;

    fn fetch(
        connection: &Connection,
        id: &SoftwareId,
        token: &AccessToken,
    ) -> impl Future<Output = Result<MissingKbList, ApiError>> {
        fetch_missing_kbs(connection, id, token)
    }

    fn fetch_extra(
        connection: &Connection,
        id: &SoftwareId,
        token: &AccessToken,
    ) -> impl Future<Output = Option<SoftwareInfo>> {
        fetch_software_info(connection, id, token)
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
