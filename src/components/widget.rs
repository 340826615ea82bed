//! The whole widget: the software ID form, a live status line, and the current state's view.

use leptos::prelude::*;

use super::error_panel::ErrorPanel;
use super::instance_prefix;
use super::kb_list::KbList;
use super::software_id_form::SoftwareIdForm;
use crate::controller::WidgetController;
use crate::loader::LoadState;

#[component]
pub fn MissingKbsWidget(controller: WidgetController) -> impl IntoView {
    let loader = controller.loader;
    let prefix = instance_prefix();
    let on_retry = Callback::new(move |()| loader.refresh());

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
            LoadState::Misconfigured(problem) => problem.clone(),
        })
    };

    let body = {
        let prefix = prefix.clone();
        move || match loader.state.get() {
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
            LoadState::Loaded { id, list } => view! { <KbList id list controller prefix=prefix.clone() /> }.into_any(),
            LoadState::Failed { id, error } => view! { <ErrorPanel id error on_retry /> }.into_any(),
            LoadState::Misconfigured(problem) => view! {
                <div class="mkb-error" role="alert" data-testid="config-error">
                    <h2 class="mkb-error__title">"The widget is not configured correctly"</h2>
                    <p class="mkb-error__message">{problem}</p>
                </div>
            }
            .into_any(),
        }
    };

    view! {
        <section class="mkb" aria-label="Missing security updates">
            <SoftwareIdForm prefix=prefix.clone() controller />
            <p class="mkb-visually-hidden" role="status" aria-live="polite" data-testid="announcement">
                {announcement}
            </p>
            {body}
        </section>
    }
}
