//! The loaded list: a one-line summary and a card per KB, or the empty state.

use std::sync::Arc;

use leptos::prelude::*;
use missing_kbs_core::SoftwareId;

use super::kb_card::KbCard;
use crate::transport::MissingKbList;

#[component]
pub fn KbList(id: SoftwareId, list: Arc<MissingKbList>) -> impl IntoView {
    let incomplete = list.incomplete.clone().map(|note| {
        view! { <p class="mkb-notice" role="note" data-testid="incomplete">{note}</p> }
    });
    if list.kbs.is_empty() {
        return view! {
            <div class="mkb-empty" data-testid="empty">
                <h2 class="mkb-empty__title">"No missing KBs"</h2>
                <p>{format!("Defender reports no missing security updates for {id} on any machine in your organisation.")}</p>
                {incomplete}
            </div>
        }
        .into_any();
    }
    let machines: u64 = list.kbs.iter().filter_map(|kb| kb.machine_missed_on).sum();
    let summary = match list.kbs.len() {
        1 => format!("1 missing KB for {id}"),
        n => format!("{n} missing KBs for {id}"),
    };
    view! {
        <div class="mkb-results">
            <h2 class="mkb-summary" data-testid="summary">
                {summary}
                <span class="mkb-summary__detail">
                    {format!(" · {machines} missing installs in all · most machines missing first")}
                </span>
            </h2>
            {incomplete}
            <ul class="mkb-grid" role="list" data-testid="kb-list">
                {list.kbs.iter().cloned().map(|kb| view! { <li class="mkb-grid__item"><KbCard kb /></li> }).collect_view()}
            </ul>
        </div>
    }
    .into_any()
}
