//! Sorting, filtering and exporting the loaded list.

use std::sync::Arc;

use leptos::prelude::*;
use missing_kbs_core::{kb_numbers, kbs_to_csv, SoftwareId, SortKey};

use crate::controller::WidgetController;
use crate::dom::{copy_to_clipboard, download_text};
use crate::transport::MissingKbList;

const CSV_HEADINGS: [&str; 6] = ["KB", "Name", "Products", "Machines missing", "CVEs addressed", "Update Catalog link"];

fn sort_label(key: SortKey) -> &'static str {
    match key {
        SortKey::MachinesMissing => "Machines missing (most first)",
        SortKey::CvesAddressed => "CVEs addressed (most first)",
        SortKey::KbNumber => "KB number (newest first)",
        SortKey::Name => "Name (A to Z)",
    }
}

#[component]
pub fn KbToolbar(
    id: SoftwareId,
    list: Arc<MissingKbList>,
    products: Vec<String>,
    controller: WidgetController,
    visible: Memo<Vec<usize>>,
    prefix: String,
) -> impl IntoView {
    let view_options = controller.view;
    let filter_id = format!("{prefix}-filter");
    let sort_id = format!("{prefix}-sort");
    let copied = RwSignal::new(false);

    let export = {
        let list = Arc::clone(&list);
        let id = id.clone();
        move |_| {
            let csv = visible.with_untracked(|indices| kbs_to_csv(&list.kbs, indices, CSV_HEADINGS));
            download_text(&format!("missing-kbs-{id}.csv"), "text/csv;charset=utf-8", &csv);
        }
    };
    let copy = move |_| {
        let numbers = visible.with_untracked(|indices| kb_numbers(&list.kbs, indices));
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
                    move |_| {
                        view_options.update(|options| {
                            if !options.products.remove(&product) {
                                options.products.insert(product.clone());
                            }
                        })
                    }
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
            <div class="mkb-toolbar__chips" role="group" aria-label="Filter by product">{chips}</div>
        }
    });

    view! {
        <div class="mkb-toolbar">
            <div class="mkb-toolbar__field">
                <label for=filter_id.clone()>"Filter"</label>
                <input
                    id=filter_id
                    class="mkb-form__input"
                    type="search"
                    placeholder="KB number, name or product"
                    data-testid="filter"
                    prop:value=move || view_options.with(|options| options.text.clone())
                    on:input:target=move |ev| view_options.update(|options| options.text = ev.target().value())
                />
            </div>
            <div class="mkb-toolbar__field">
                <label for=sort_id.clone()>"Sort by"</label>
                <select
                    id=sort_id
                    class="mkb-select"
                    data-testid="sort"
                    on:change:target=move |ev| view_options.update(|options| options.sort = SortKey::parse(&ev.target().value()))
                >
                    {SortKey::ALL
                        .into_iter()
                        .map(|key| {
                            view! {
                                <option value=key.as_str() selected=move || view_options.with(|options| options.sort == key)>
                                    {sort_label(key)}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </div>
            <div class="mkb-toolbar__actions">
                <button type="button" class="mkb-button mkb-button--subtle" on:click=export data-testid="export-csv">
                    "Export CSV"
                </button>
                <button type="button" class="mkb-button mkb-button--subtle" on:click=copy data-testid="copy-kbs">
                    {move || if copied.get() { "KB numbers copied" } else { "Copy KB numbers" }}
                </button>
            </div>
            {chips}
        </div>
    }
}
