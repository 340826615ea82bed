//! The kinds of answer the widget loads, each an `Endpoint` of the one generic `Load`, with
//! the requests that read it (over `transport::send`) beside it: one file per endpoint.

use std::future::Future;

use missing_kbs_core::{AccessToken, ApiError};

use crate::host_events::HostEvents;
use crate::transport::Connection;

mod device;
mod inventory;
mod kb_details;
mod missing_kbs;

pub use device::{device_facts, device_kbs_from_rows, DevicePart, DeviceReading, DeviceSearch};
pub use inventory::{AllSoftware, SoftwareInventory};
pub use kb_details::{DetailsKey, KbCvesAndDevices};
pub use missing_kbs::{ListTitle, MissingKbs};

/// One kind of answer the widget loads: what it is asked by, how it is fetched, and
/// what the host hears about it.
pub trait Endpoint: 'static {
    /// The permission its requests need (`Software.Read`, `Vulnerability.Read`): a 401 or 403
    /// is explained by what the token's claims say about it.
    const PERMISSION: &'static str;
    /// What one answer is for, such as a software ID.
    /// (`Send + Sync`, as Leptos' signals ask of what they hold.)
    type Key: Clone + PartialEq + std::fmt::Display + Send + Sync + 'static;
    type Value: Send + Sync + 'static;
    /// What may be fetched once the value is shown, quietly (no retry, no wait): a nicety
    /// such as the software's name, kept in the cache with the value.
    type Extra: Clone + Send + Sync + 'static;

    /// The permission a refusal of `key`'s requests is explained by; [`Endpoint::PERMISSION`]
    /// unless what is asked for changes it.
    fn permission(_key: &Self::Key) -> &'static str {
        Self::PERMISSION
    }

    /// Reads the answer for `key` with `token`, all of it (every page), within its bounds.
    fn fetch(
        connection: &Connection,
        key: &Self::Key,
        token: &AccessToken,
    ) -> impl Future<Output = Result<Self::Value, ApiError>>;

    /// Reads the extra for `key` once the value is shown, with the token that got the value;
    /// an endpoint without one has none.
    fn fetch_extra(
        _connection: &Connection,
        _key: &Self::Key,
        _token: &AccessToken,
    ) -> impl Future<Output = Option<Self::Extra>> {
        std::future::ready(None)
    }

    /// Tells the host that `value` is shown for `key`; by default the host is not told.
    fn shown(_events: &HostEvents, _key: &Self::Key, _value: &Self::Value) {}

    /// Tells the host that the load of `key` failed; by default the host is not told (the
    /// widget shows the failure where the load's view is).
    fn failed(_events: &HostEvents, _key: &Self::Key, _error: &ApiError) {}
}
