//! The loaded list: summary, the sort / filter / export toolbar, and a card per shown KB; or the empty state.

use std::sync::Arc;

use leptos::prelude::*;
use missing_kbs_core::{product_names, totals, visible_kbs, SoftwareId};

use super::kb_card::KbCard;
use super::kb_toolbar::KbToolbar;
use crate::controller::WidgetController;
use crate::transport::MissingKbList;

#[component]
pub fn KbList(id: SoftwareId, list: Arc<MissingKbList>, controller: WidgetController, prefix: String) -> impl IntoView {
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
    let view_options = controller.view;
    let visible = Memo::new({
        let list = Arc::clone(&list);
        move |_| view_options.with(|options| visible_kbs(&list.kbs, options))
    });
    let all = list.kbs.len();
    let summary = {
        let list = Arc::clone(&list);
        let id = id.clone();
        move || {
            let shown = visible.with(|indices| totals(&list.kbs, indices));
            let count = if shown.kbs == all {
                plural(all, "missing KB", "missing KBs")
            } else {
                format!("{} of {}", shown.kbs, plural(all, "missing KB", "missing KBs"))
            };
            (format!("{count} for {id}"), shown.machines_missing, shown.cves_addressed)
        }
    };
    let summary = Memo::new(move |_| summary());
    let products = product_names(&list.kbs);
    let cards = {
        let list = Arc::clone(&list);
        move || {
            visible.with(|indices| {
                indices
                    .iter()
                    .map(|&index| view! { <li class="mkb-grid__item"><KbCard kb=list.kbs[index].clone() /></li> })
                    .collect_view()
            })
        }
    };

    view! {
        <div class="mkb-results">
            <div class="mkb-summary" data-testid="summary-bar">
                <h2 class="mkb-summary__title" data-testid="summary">{move || summary.get().0}</h2>
                <dl class="mkb-summary__totals">
                    <div>
                        <dt>"Missing installs"</dt>
                        <dd data-testid="total-machines">{move || summary.get().1.to_string()}</dd>
                    </div>
                    <div>
                        <dt>"CVEs addressed"</dt>
                        <dd data-testid="total-cves">{move || summary.get().2.to_string()}</dd>
                    </div>
                </dl>
            </div>
            <KbToolbar id list=Arc::clone(&list) products controller visible prefix />
            {incomplete}
            <Show when=move || visible.with(Vec::is_empty)>
                <p class="mkb-note" data-testid="no-match">"No KB matches the filter."</p>
            </Show>
            <ul class="mkb-grid" role="list" data-testid="kb-list">{cards}</ul>
        </div>
    }
    .into_any()
}

fn plural(count: usize, one: &str, other: &str) -> String {
    if count == 1 {
        format!("1 {one}")
    } else {
        format!("{count} {other}")
    }
}
