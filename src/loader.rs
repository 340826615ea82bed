//! One widget's view state: which software is shown and what came back for it.
//!
//! Each load aborts the one before it, and an answer that arrives for a load
//! that is no longer current is dropped, so the view never shows one
//! software's KBs under another's name.

use std::sync::Arc;

use leptos::prelude::*;
use leptos::task::spawn_local;
use missing_kbs_core::{AccessToken, ApiBase, ApiError, ConfigProblem, ErrorKind, SoftwareId, SoftwareInfo};
use web_sys::{AbortController, AbortSignal};

use crate::dom::page_origin;
use crate::host_events::HostEvents;
use crate::token::TokenSource;
use crate::transport::{fetch_missing_kbs, fetch_software_info, MissingKbList};

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LoadState {
    /// No software chosen yet.
    Idle,
    Loading(SoftwareId),
    Loaded {
        id: SoftwareId,
        list: Arc<MissingKbList>,
    },
    Failed {
        id: SoftwareId,
        error: ApiError,
    },
    /// The host's options cannot be used (for example an `apiBase` that is not allowed); nothing is sent.
    Misconfigured(ConfigProblem),
}

impl LoadState {
    pub fn software_id(&self) -> Option<&SoftwareId> {
        match self {
            LoadState::Idle | LoadState::Misconfigured(_) => None,
            LoadState::Loading(id) | LoadState::Loaded { id, .. } | LoadState::Failed { id, .. } => Some(id),
        }
    }
}

#[derive(Clone, Copy)]
pub struct Loader {
    pub state: RwSignal<LoadState>,
    /// The shown software's name and vendor, once `GET /api/Software/{id}` answered.
    pub software: RwSignal<Option<SoftwareInfo>>,
    generation: StoredValue<u64>,
    in_flight: StoredValue<Option<AbortController>, LocalStorage>,
    api_base: StoredValue<Option<ApiBase>>,
    token: StoredValue<TokenSource, LocalStorage>,
    events: StoredValue<Option<HostEvents>, LocalStorage>,
}

impl Loader {
    /// Must be created inside the widget's reactive owner: its cleanup aborts the request in flight.
    /// With `Err` for the API base, the widget shows the problem and never asks for a token.
    pub fn new(api_base: Result<ApiBase, ConfigProblem>, token: TokenSource, events: Option<HostEvents>) -> Self {
        let (api_base, state) = match api_base {
            Ok(base) => (Some(base), LoadState::Idle),
            Err(problem) => (None, LoadState::Misconfigured(problem)),
        };
        let loader = Self {
            state: RwSignal::new(state),
            software: RwSignal::new(None),
            generation: StoredValue::new(0),
            in_flight: StoredValue::new_local(None),
            api_base: StoredValue::new(api_base),
            token: StoredValue::new_local(token),
            events: StoredValue::new_local(events),
        };
        if loader.api_base.get_value().is_none() {
            loader.notify(|events| events.misconfigured());
        }
        on_cleanup(move || loader.abort_in_flight());
        loader
    }

    pub fn load(&self, id: SoftwareId) {
        let Some(api_base) = self.api_base.get_value() else { return };
        self.abort_in_flight();
        let Ok(controller) = AbortController::new() else {
            self.finish_with(id, Err(ApiError::new(ErrorKind::Network)));
            return;
        };
        let signal = controller.signal();
        self.in_flight.set_value(Some(controller));
        let generation = self.generation.get_value() + 1;
        self.generation.set_value(generation);
        self.state.set(LoadState::Loading(id.clone()));
        self.software.set(None);

        let this = *self;
        let token = self.token.get_value();
        spawn_local(async move {
            let result = fetch_with_token(&api_base, &id, &token, &signal).await;
            // The widget may be gone (a disposed StoredValue reads as None), or a newer load may have started.
            let current = || this.generation.try_get_value() == Some(generation);
            if !current() {
                return;
            }
            let (result, token_used) = match result {
                Ok((list, token_used)) => (Ok(list), Some(token_used)),
                Err(error) => (Err(error), None),
            };
            this.finish_with(id.clone(), result);
            // The title is a nicety: asked for only once the list is shown, with the same token.
            if let Some(token_used) = token_used {
                let info = fetch_software_info(&api_base, &id, &token_used, &signal).await;
                if current() {
                    this.software.set(info);
                }
            }
            if current() {
                this.in_flight.set_value(None);
            }
        });
    }

    /// Loads the current software again.
    pub fn refresh(&self) {
        if let Some(id) = self.state.with_untracked(|state| state.software_id().cloned()) {
            self.load(id);
        }
    }

    /// Uses `token` from now on; a view that failed for want of a valid token loads again with it.
    pub fn set_token(&self, token: AccessToken) {
        self.token.set_value(TokenSource::Fixed(Some(token)));
        let needs_token = self.state.with_untracked(|state| {
            matches!(state, LoadState::Failed { error, .. } if matches!(error.kind, ErrorKind::Unauthorized | ErrorKind::TokenUnavailable))
        });
        if needs_token {
            self.refresh();
        }
    }

    fn finish_with(&self, id: SoftwareId, result: Result<MissingKbList, ApiError>) {
        match result {
            Ok(list) => {
                self.notify(|events| events.loaded(&id, list.kbs.len()));
                self.state.set(LoadState::Loaded { id, list: Arc::new(list) });
            }
            Err(error) => {
                self.notify(|events| {
                    events.failed(Some(&id), &error.kind);
                    if error.kind == ErrorKind::Unauthorized {
                        events.token_expired(&id);
                    }
                });
                self.state.set(LoadState::Failed { id, error });
            }
        }
    }

    pub fn notify(&self, send: impl FnOnce(&HostEvents)) {
        if let Some(Some(events)) = self.events.try_get_value() {
            send(&events);
        }
    }

    fn abort_in_flight(&self) {
        if let Some(Some(controller)) = self.in_flight.try_update_value(Option::take) {
            controller.abort();
        }
    }
}

/// Fetches with a token from `source`; after a 401, a host's `getToken` is asked
/// once more and the request retried once, since MSAL may hold a newer token.
async fn fetch_with_token(
    api_base: &ApiBase,
    id: &SoftwareId,
    source: &TokenSource,
    signal: &AbortSignal,
) -> Result<(MissingKbList, AccessToken), ApiError> {
    let origin = page_origin();
    let token = source.token().await?;
    match fetch_missing_kbs(api_base, id, &token, &origin, signal).await {
        Err(error) if error.kind.wants_fresh_token() && source.is_refreshable() && !signal.aborted() => {
            let fresh = source.token().await?;
            Ok((fetch_missing_kbs(api_base, id, &fresh, &origin, signal).await?, fresh))
        }
        other => other.map(|list| (list, token)),
    }
}
