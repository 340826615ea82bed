//! The whole widget: the software ID form, a live status line, and the current state's view.

use leptos::prelude::*;
use missing_kbs_core::{AccessToken, ApiBase, SoftwareId};

use super::error_panel::ErrorPanel;
use super::instance_prefix;
use super::kb_list::KbList;
use super::software_id_form::SoftwareIdForm;
use crate::loader::{LoadState, Loader};

/// Shows the missing KBs of one software, fetched from `api_base` with `token`.
///
/// `initial_software_id` is loaded at once when it is valid; each software
/// the user asks for is reported through `on_software_id_change`.
#[component]
pub fn MissingKbsWidget(
    api_base: ApiBase,
    token: AccessToken,
    #[prop(optional)] initial_software_id: Option<String>,
    #[prop(optional)] on_software_id_change: Option<Callback<SoftwareId>>,
) -> impl IntoView {
    let loader = Loader::new(api_base, token);
    let prefix = instance_prefix();
    let initial = initial_software_id.unwrap_or_default();
    if let Ok(id) = SoftwareId::parse(initial.trim()) {
        loader.load(id);
    }
    let on_submit = Callback::new(move |id: SoftwareId| {
        if let Some(callback) = on_software_id_change {
            callback.run(id.clone());
        }
        loader.load(id);
    });
    let on_retry = Callback::new(move |()| loader.retry());

    let announcement = move || {
        loader.state.with(|state| match state {
            LoadState::Idle => String::new(),
            LoadState::Loading(id) => format!("Loading missing KBs for {id}…"),
            LoadState::Loaded { id, list } => match list.kbs.len() {
                0 => format!("{id} has no missing KBs."),
                1 => format!("Loaded 1 missing KB for {id}."),
                n => format!("Loaded {n} missing KBs for {id}."),
            },
            LoadState::Failed { error, .. } => error.to_string(),
        })
    };

    let body = move || match loader.state.get() {
        LoadState::Idle => view! {
            <p class="mkb-note" data-testid="idle">
                "Enter a software ID to see the security updates its machines are missing."
            </p>
        }
        .into_any(),
        LoadState::Loading(id) => view! {
            <div class="mkb-loading" data-testid="loading" aria-busy="true">
                <p class="mkb-note">{format!("Loading missing KBs for {id}…")}</p>
                <div class="mkb-grid" aria-hidden="true">
                    <div class="mkb-card mkb-card--skeleton"></div>
                    <div class="mkb-card mkb-card--skeleton"></div>
                    <div class="mkb-card mkb-card--skeleton"></div>
                </div>
            </div>
        }
        .into_any(),
        LoadState::Loaded { id, list } => view! { <KbList id list /> }.into_any(),
        LoadState::Failed { id, error } => view! { <ErrorPanel id error on_retry /> }.into_any(),
    };

    view! {
        <section class="mkb" aria-label="Missing security updates">
            <SoftwareIdForm prefix=prefix.clone() initial on_submit />
            <p class="mkb-visually-hidden" role="status" aria-live="polite" data-testid="announcement">
                {announcement}
            </p>
            {body}
        </section>
    }
}
