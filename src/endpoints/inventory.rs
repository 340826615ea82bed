//! The organisation's software inventory, for the finder and the ID field's suggestions.

use missing_kbs_core::{
    inventory_request, next_inventory_request, parse_inventory_page, AccessToken, ApiError, Inventory, InventoryCut,
    SearchIndex, MAX_ANSWER_BYTES, MAX_INVENTORY,
};

use super::Endpoint;
use crate::clock::sleep;
use crate::transport::{send, Connection};

/// The organisation's software inventory (`GET /api/Software`), for the finder. A failure
/// here is shown in the finder only: the host hears of the list's loads, not of this one
/// (the trait's defaults: no extra, nothing told).
pub struct SoftwareInventory;

/// The inventory's key: it has none, since it is all the organisation's software, one per widget.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AllSoftware;

impl std::fmt::Display for AllSoftware {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("inventory")
    }
}

impl Endpoint for SoftwareInventory {
    const PERMISSION: &'static str = "Software.Read";
    type Key = AllSoftware;
    type Value = Inventory;
    type Extra = ();

    /// Reads the whole software inventory, page by page, within `MAX_INVENTORY` and the byte bound.
    /// Reading a page, indexing it for search and ordering the whole are each a task of their own,
    /// so none keeps the page from answering input for long (bench/results.md).
    async fn fetch(connection: &Connection, _: &AllSoftware, token: &AccessToken) -> Result<Inventory, ApiError> {
        let base = &connection.api_base;
        let mut request = inventory_request(base, 0, token);
        let mut bytes_left = MAX_ANSWER_BYTES;
        let (mut entries, mut index, mut sent, mut pages_read) = (Vec::new(), SearchIndex::default(), 0, 0);
        let cut = loop {
            let mut page = parse_inventory_page(&send(&request, connection, &mut bytes_left, true).await?)?;
            pages_read += 1;
            sent += page.sent;
            let before = entries.len();
            entries.append(&mut page.entries);
            entries.truncate(MAX_INVENTORY);
            (connection.on_progress)(entries.len());
            sleep(0.0, &connection.signal).await;
            index.extend(&entries[before..]);
            if entries.len() >= MAX_INVENTORY || page.sent > MAX_INVENTORY {
                break Some(InventoryCut::TooMany);
            }
            match next_inventory_request(base, &page, sent, pages_read, token) {
                Ok(Some(next)) => request = next,
                Ok(None) => break None,
                Err(refused) => break Some(InventoryCut::Paging(refused)),
            }
        };
        sleep(0.0, &connection.signal).await;
        let inventory = Inventory::indexed(entries, cut, index);
        sleep(0.0, &connection.signal).await;
        Ok(inventory)
    }
}
