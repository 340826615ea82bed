//! What acts on a loaded list: how old it is, with Refresh (`loaded_age.rs`), and, when it has
//! KBs, the toolbar that sorts, filters and exports them. Mounted by the `tools` part once the
//! list's first cards are painted (`parts.rs`).

use std::sync::Arc;

use leptos::prelude::*;
use missing_kbs_core::{
    kb_numbers, kbs_to_csv, product_names, LaterTexts, ListSubject, MissingKbList, ShownKbs, SortKey, Texts,
};

use crate::clipboard::copy_to_clipboard;
use crate::controller::ListPane;
use crate::file_download::download_text;
use crate::language_catalogue::later_texts;

use super::loaded_age::LoadedAge;

fn sort_label(later: &LaterTexts, key: SortKey) -> &'static str {
    match key {
        SortKey::MachinesMissing => later.sort_machines,
        SortKey::CvesAddressed => later.sort_cves,
        SortKey::KbNumber => later.sort_kb,
        SortKey::Name => later.sort_name,
    }
}

#[component]
pub fn ListTools(
    subject: ListSubject,
    list: Arc<MissingKbList>,
    pane: ListPane,
    loaded_at: f64,
    from_cache: bool,
    /// What the list shows, when it has KBs to sort, filter and export.
    shown: Option<Memo<ShownKbs>>,
    texts: &'static Texts,
    prefix: String,
) -> impl IntoView {
    let toolbar = shown.map(|shown| view! { <KbToolbar subject list pane shown texts prefix /> });
    view! {
        <LoadedAge loaded_at from_cache texts pane />
        {toolbar}
    }
}

#[component]
fn KbToolbar(
    subject: ListSubject,
    list: Arc<MissingKbList>,
    pane: ListPane,
    shown: Memo<ShownKbs>,
    texts: &'static Texts,
    prefix: String,
) -> impl IntoView {
    let later = later_texts(texts.locale);
    let view_options = pane.view;
    let sort = view_options.with_untracked(|options| options.sort);
    let filter_id = format!("{prefix}-filter");
    let sort_id = format!("{prefix}-sort");
    let copied = RwSignal::new(false);
    let products = product_names(&list.kbs);

    let export = {
        let list = Arc::clone(&list);
        let id = subject.as_str().to_owned();
        move |_| {
            let csv = shown.with_untracked(|shown| kbs_to_csv(&list.kbs, &shown.indices, later.csv_headings));
            download_text(&format!("missing-kbs-{id}.csv"), "text/csv;charset=utf-8", &csv);
        }
    };
    let copy = move |_| {
        let numbers = shown.with_untracked(|shown| kb_numbers(&list.kbs, &shown.indices));
        copy_to_clipboard(&numbers);
        copied.set(true);
    };
    let chips = (products.len() > 1).then(|| {
        let chips = products
            .into_iter()
            .map(|product| {
                let pressed = {
                    let product = product.clone();
                    move || view_options.with(|options| options.products.contains(&product))
                };
                let toggle = {
                    let product = product.clone();
                    move |_| pane.change_view(|options| options.toggle_product(&product))
                };
                view! {
                    <button
                        type="button"
                        class="mkb-chip"
                        aria-pressed=move || if pressed() { "true" } else { "false" }
                        on:click=toggle
                        data-testid="product-chip"
                    >
                        {product}
                    </button>
                }
            })
            .collect_view();
        view! {
            <div class="mkb-toolbar__chips" role="group" aria-label=later.product_filter_label>{chips}</div>
        }
    });

    view! {
        <div class="mkb-toolbar">
            <div class="mkb-toolbar__field">
                <label for=filter_id.clone()>{later.filter_label}</label>
                <input
                    id=filter_id
                    class="mkb-form__input"
                    type="search"
                    placeholder=later.filter_placeholder
                    data-testid="filter"
                    prop:value=move || view_options.with(|options| options.text.clone())
                    on:input:target=move |ev| pane.change_view(|options| options.text = ev.target().value())
                />
            </div>
            <div class="mkb-toolbar__field">
                <label for=sort_id.clone()>{later.sort_label}</label>
                <select
                    id=sort_id
                    class="mkb-select"
                    data-testid="sort"
                    on:change:target=move |ev| {
                        pane.change_view(|options| options.sort = SortKey::parse(&ev.target().value()))
                    }
                >
                    // Selected once, as built: only this select changes the order afterwards.
                    {SortKey::ALL
                        .into_iter()
                        .map(|key| view! { <option value=key.as_str() selected=key == sort>{sort_label(later, key)}</option> })
                        .collect_view()}
                </select>
            </div>
            <div class="mkb-toolbar__actions">
                <button type="button" class="mkb-button mkb-button--subtle" on:click=export data-testid="export-csv">
                    {later.export_csv}
                </button>
                <button type="button" class="mkb-button mkb-button--subtle" on:click=copy data-testid="copy-kbs">
                    {move || if copied.get() { later.kbs_copied } else { later.copy_kbs }}
                </button>
            </div>
            {chips}
        </div>
    }
}
