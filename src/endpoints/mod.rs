//! The kinds of answer the widget loads, each an `Endpoint` of the one generic `Load`, with
//! the requests that read it (over `transport::send`) beside it: one file per endpoint.

use std::future::Future;

use missing_kbs_core::{AccessToken, ApiError, ErrorKind};

use crate::host_events::HostEvents;
use crate::token::TokenSource;
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

/// Fetches with `first_token` or else a token from `source`; after a 401, a host's
/// `getToken` is asked once more and the request retried once, since MSAL may hold a newer token.
pub async fn fetch_with_token<E: Endpoint>(
    connection: &Connection,
    key: &E::Key,
    source: &TokenSource,
    first_token: Option<Result<AccessToken, ApiError>>,
) -> Result<(E::Value, AccessToken), ApiError> {
    let token = match first_token {
        Some(token) => token?,
        None => source.token().await?,
    };
    let (result, token) = match E::fetch(connection, key, &token).await {
        Err(error) if error.kind.wants_fresh_token() && source.is_refreshable() && !connection.signal.aborted() => {
            let fresh = source.token().await?;
            (E::fetch(connection, key, &fresh).await, fresh)
        }
        other => (other, token),
    };
    match result {
        Ok(value) => Ok((value, token)),
        Err(mut error) => {
            if matches!(error.kind, ErrorKind::Unauthorized | ErrorKind::Forbidden) {
                error.token = crate::token::token_problem(&token, E::permission(key));
            }
            Err(error)
        }
    }
}
