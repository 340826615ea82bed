//! What acts on a loaded list: how old it is, with Refresh (`loaded_age.rs`), and, when it has
//! KBs, the toolbar that sorts, filters and exports them. Mounted by the `tools` part once the
//! list's first cards are painted (`parts.rs`).

use std::sync::Arc;

use leptos::prelude::*;
use missing_kbs_core::{
    kb_numbers, kbs_to_csv, product_names, LaterTexts, ListSubject, MissingKbList, ShownKbs, SortKey, Texts,
};

use leptos::either::Either;
use wasm_bindgen::JsCast;
use web_sys::{DocumentFragment, Element, HtmlInputElement, HtmlSelectElement};

use crate::clipboard::copy_to_clipboard;
use crate::controller::ListPane;
use crate::dom::{button, child, event_within, field, option, report_refusal, true_or_false, Built};
use crate::effects::{effect, when_loaded};
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

/// The list's toolbar: a text filter, the sort, Export CSV and Copy KB numbers, and a chip per
/// product when there are several. Plain DOM (`Toolbar`), built once, which an effect keeps as
/// the view's options change and one handler per kind of event acts on.
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
    let copied = RwSignal::new(false);
    let products = product_names(&list.kbs);
    let toolbar = match Toolbar::build(&products, view_options.with_untracked(|options| options.sort), later, &prefix) {
        Ok(toolbar) => toolbar,
        Err(error) => {
            report_refusal("the list's tools", &error);
            return Either::Left(());
        }
    };
    let host = NodeRef::<leptos::html::Div>::new();
    when_loaded(host, {
        let content = toolbar.content.clone();
        move |host| drop(host.append_child(&content))
    });
    // What changes the options elsewhere (the host's URL, another language) shows here too.
    effect({
        let (filter, chips) = (toolbar.filter.clone(), toolbar.chips.clone());
        let products = products.clone();
        move || {
            view_options.with(|options| {
                if filter.value() != options.text {
                    filter.set_value(&options.text);
                }
                for (chip, product) in chips.iter().zip(&products) {
                    let _ = chip.set_attribute("aria-pressed", true_or_false(options.products.contains(product)));
                }
            })
        }
    });
    effect({
        let copy = toolbar.copy.clone();
        move || copy.set_text_content(Some(if copied.get() { later.kbs_copied } else { later.copy_kbs }))
    });

    let id = subject.as_str().to_owned();
    let on_click = move |event: web_sys::MouseEvent| {
        let Some(button) = event_within(&event, "button") else { return };
        if button == toolbar.export {
            let csv = shown.with_untracked(|shown| kbs_to_csv(&list.kbs, &shown.indices, later.csv_headings));
            download_text(&format!("missing-kbs-{id}.csv"), "text/csv;charset=utf-8", &csv);
        } else if button == toolbar.copy {
            copy_to_clipboard(&shown.with_untracked(|shown| kb_numbers(&list.kbs, &shown.indices)));
            copied.set(true);
        } else if let Some(product) = toolbar.chips.iter().position(|chip| *chip == button).map(|at| &products[at]) {
            pane.change_view(|options| options.toggle_product(product));
        }
    };
    // The select's changes come as input events too: only the filter's are the filter's.
    let on_input = move |event: web_sys::Event| {
        let filter = event.target().and_then(|target| target.dyn_into::<HtmlInputElement>().ok());
        if let Some(filter) = filter {
            pane.change_view(|options| options.text = filter.value());
        }
    };
    let on_change = move |event: web_sys::Event| {
        let sort = event.target().and_then(|target| target.dyn_into::<HtmlSelectElement>().ok());
        if let Some(sort) = sort {
            pane.change_view(|options| options.sort = SortKey::parse(&sort.value()));
        }
    };
    Either::Right(view! {
        <div class="mkb-toolbar" node_ref=host on:click=on_click on:input=on_input on:change=on_change></div>
    })
}

/// The toolbar's content, and the elements its effects and its click handler keep.
struct Toolbar {
    content: DocumentFragment,
    filter: HtmlInputElement,
    export: Element,
    copy: Element,
    /// A chip per product, in the order of the products.
    chips: Vec<Element>,
}

impl Toolbar {
    fn build(products: &[String], sort: SortKey, later: &'static LaterTexts, prefix: &str) -> Built<Self> {
        let document = document();
        let content = document.create_document_fragment();
        let filter_id = format!("{prefix}-filter");
        let filter = field(&document, &content, "input", &filter_id, later.filter_label, "")?;
        filter.set_class_name("mkb-form__input");
        for (name, value) in [("type", "search"), ("placeholder", later.filter_placeholder), ("data-testid", "filter")]
        {
            filter.set_attribute(name, value)?;
        }
        let sort_id = format!("{prefix}-sort");
        let select = field(&document, &content, "select", &sort_id, later.sort_label, "")?;
        select.set_class_name("mkb-select");
        select.set_attribute("data-testid", "sort")?;
        for key in SortKey::ALL {
            option(&document, &select, key.as_str(), sort_label(later, key), key == sort)?;
        }
        let actions = child(&document, &content, "div", "mkb-toolbar__actions", "")?;
        let export = button(&document, &actions, "mkb-button mkb-button--subtle", "export-csv", later.export_csv)?;
        let copy = button(&document, &actions, "mkb-button mkb-button--subtle", "copy-kbs", later.copy_kbs)?;
        let mut chips = Vec::new();
        if products.len() > 1 {
            let group = child(&document, &content, "div", "mkb-toolbar__chips", "")?;
            group.set_attribute("role", "group")?;
            group.set_attribute("aria-label", later.product_filter_label)?;
            for product in products {
                let chip = button(&document, &group, "mkb-chip", "product-chip", product)?;
                chip.set_attribute("aria-pressed", "false")?;
                chips.push(chip);
            }
        }
        let filter = filter.dyn_into::<HtmlInputElement>()?;
        Ok(Self { content, filter, export, copy, chips })
    }
}
