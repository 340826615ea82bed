//! The kinds of answer the widget loads, each an `Endpoint` of the one generic `Load`.

use std::future::Future;

use missing_kbs_core::{
    AccessToken, ApiError, CardCounts, ErrorKind, Inventory, KbDetails, KbNumber, MissingKbList, SoftwareId,
    SoftwareInfo,
};

use crate::host_events::HostEvents;
use crate::load::Endpoint;
use crate::transport::{fetch_inventory, fetch_kb_details, fetch_missing_kbs, fetch_software_info, Connection};

/// A software's missing KBs (`GET /api/Software/{id}/getmissingkbs`), with its name and
/// vendor (`GET /api/Software/{id}`) as the extra the title shows.
pub struct MissingKbs;

impl Endpoint for MissingKbs {
    const PERMISSION: &'static str = "Software.Read";
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

/// The organisation's software inventory (`GET /api/Software`), for the finder. A failure
/// here is shown in the finder only: the host hears of the list's loads, not of this one
/// (the trait's defaults: no extra, nothing told).
pub struct SoftwareInventory;

/// The inventory has no key: there is one per widget.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WholeInventory;

impl std::fmt::Display for WholeInventory {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("inventory")
    }
}

impl Endpoint for SoftwareInventory {
    const PERMISSION: &'static str = "Software.Read";
    type Key = WholeInventory;
    type Value = Inventory;
    type Extra = ();

    fn fetch(
        connection: &Connection,
        _: &WholeInventory,
        token: &AccessToken,
    ) -> impl Future<Output = Result<Inventory, ApiError>> {
        fetch_inventory(connection, token)
    }
}

/// One KB's CVEs and devices (`core/src/kb_details.rs` says which requests), for its
/// details panel. A failure is shown in the panel only: the list and the host are not told.
pub struct KbDetailsOf;

/// The KB, its software, and the counts its card shows, against which the lists are checked.
#[derive(Clone, Debug, PartialEq)]
pub struct DetailsKey {
    pub software: SoftwareId,
    pub kb: KbNumber,
    pub card: CardCounts,
}

impl std::fmt::Display for DetailsKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}|KB{}", self.software.as_str(), self.kb.as_str())
    }
}

impl Endpoint for KbDetailsOf {
    const PERMISSION: &'static str = "Vulnerability.Read";
    type Key = DetailsKey;
    type Value = KbDetails;
    type Extra = ();

    fn fetch(
        connection: &Connection,
        key: &DetailsKey,
        token: &AccessToken,
    ) -> impl Future<Output = Result<KbDetails, ApiError>> {
        fetch_kb_details(connection, key, token)
    }
}
