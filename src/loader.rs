//! One widget's view state: which software is shown and what came back for it.
//!
//! Each load aborts the one before it, and an answer that arrives for a load
//! that is no longer current is dropped, so the view never shows one
//! software's KBs under another's name.

use std::sync::Arc;

use leptos::prelude::*;
use leptos::task::spawn_local;
use missing_kbs_core::{AccessToken, ApiBase, ApiError, SoftwareId};
use web_sys::AbortController;

use crate::dom::page_origin;
use crate::transport::{fetch_missing_kbs, MissingKbList};

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LoadState {
    /// No software chosen yet.
    Idle,
    Loading(SoftwareId),
    Loaded { id: SoftwareId, list: Arc<MissingKbList> },
    Failed { id: SoftwareId, error: ApiError },
}

impl LoadState {
    pub fn software_id(&self) -> Option<&SoftwareId> {
        match self {
            LoadState::Idle => None,
            LoadState::Loading(id) | LoadState::Loaded { id, .. } | LoadState::Failed { id, .. } => Some(id),
        }
    }
}

#[derive(Clone, Copy)]
pub struct Loader {
    pub state: RwSignal<LoadState>,
    generation: StoredValue<u64>,
    in_flight: StoredValue<Option<AbortController>, LocalStorage>,
    api_base: StoredValue<ApiBase>,
    token: StoredValue<AccessToken>,
}

impl Loader {
    /// Must be created inside the widget's reactive owner: its cleanup aborts the request in flight.
    pub fn new(api_base: ApiBase, token: AccessToken) -> Self {
        let loader = Self {
            state: RwSignal::new(LoadState::Idle),
            generation: StoredValue::new(0),
            in_flight: StoredValue::new_local(None),
            api_base: StoredValue::new(api_base),
            token: StoredValue::new(token),
        };
        on_cleanup(move || loader.abort_in_flight());
        loader
    }

    pub fn load(&self, id: SoftwareId) {
        self.abort_in_flight();
        let Ok(controller) = AbortController::new() else {
            self.state.set(LoadState::Failed { id, error: ApiError::new(missing_kbs_core::ErrorKind::Network) });
            return;
        };
        let signal = controller.signal();
        self.in_flight.set_value(Some(controller));
        let generation = self.generation.get_value() + 1;
        self.generation.set_value(generation);
        self.state.set(LoadState::Loading(id.clone()));

        let this = *self;
        let api_base = self.api_base.get_value();
        let token = self.token.get_value();
        spawn_local(async move {
            let result = fetch_missing_kbs(&api_base, &id, &token, &page_origin(), &signal).await;
            // The widget may be gone (a disposed StoredValue reads as None), or a newer load may have started.
            if this.generation.try_get_value() != Some(generation) {
                return;
            }
            this.in_flight.set_value(None);
            this.state.set(match result {
                Ok(list) => LoadState::Loaded { id, list: Arc::new(list) },
                Err(error) => LoadState::Failed { id, error },
            });
        });
    }

    /// Loads the current software again.
    pub fn retry(&self) {
        if let Some(id) = self.state.with_untracked(|state| state.software_id().cloned()) {
            self.load(id);
        }
    }

    fn abort_in_flight(&self) {
        if let Some(Some(controller)) = self.in_flight.try_update_value(Option::take) {
            controller.abort();
        }
    }
}
