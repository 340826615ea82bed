//! The software finder: search the organisation's inventory by name, vendor or ID, the
//! software that can have KBs first (or all of it in one ranking), ranked by exposure, and
//! choose a software to see its missing KBs. Mounted by the `finder` part
//! (`parts.rs`) the first time a widget shows it.

use leptos::either::EitherOf4;
use leptos::prelude::*;
use missing_kbs_core::{
    Count, ErrorKind, Inventory, InventoryCut, InventoryOrder, InventorySort, LaterTexts, SoftwareEntry, Texts,
    MAX_INVENTORY,
};

use std::sync::Arc;

use wasm_bindgen::JsCast;
use web_sys::{Document, DocumentFragment, Element, HtmlInputElement, HtmlSelectElement};

use crate::controller::{InventoryLoad, WidgetController, FINDER_PAGE};
use crate::dom::{button, child, element, event_within, fact, field, option, report_refusal, text_child, Built};
use crate::effects::{effect, when_loaded};
use crate::intl::{format_count, format_number};
use crate::language_catalogue::later_texts;
use crate::load::LoadState;

#[component]
pub fn SoftwareFinder(controller: WidgetController, texts: &'static Texts, prefix: String) -> impl IntoView {
    let later = later_texts(texts.locale);
    let finder = controller.finder;
    let InventoryLoad { state: inventory, progress, .. } = controller.finder_loads().inventory;
    let number = move |n: u64| format_number(texts.locale, n);
    // The matches, in order: computed once per search, sort or inventory.
    let matches = Memo::new(move |_| {
        inventory.with(|state| match state {
            LoadState::Loaded { value, .. } => {
                finder.with(|finder| value.index.find(&value.entries, &finder.query, finder.order))
            }
            _ => Vec::new(),
        })
    });
    // The search field and the two selects are plain DOM (`Toolbar`), in the toolbar once it is
    // on the page; an effect keeps the field's text as the finder's state changes.
    let toolbar = NodeRef::<leptos::html::Div>::new();
    let built = Toolbar::build(finder.with_untracked(|finder| finder.order), texts, later, &prefix);
    let selects = built.as_ref().ok().map(|built| (built.sort.clone(), built.show.clone()));
    match built {
        Ok(Toolbar { content, search, .. }) => {
            when_loaded(toolbar, move |host| drop(host.append_child(&content)));
            effect(move || {
                finder.with(|finder| {
                    if search.value() != finder.query {
                        search.set_value(&finder.query);
                    }
                })
            });
        }
        Err(error) => report_refusal("the finder's search", &error),
    }
    let on_input = move |event: web_sys::Event| {
        let search = event.target().and_then(|target| target.dyn_into::<HtmlInputElement>().ok());
        if let Some(search) = search {
            controller.change_finder(|finder| {
                finder.query = search.value();
                finder.limit = FINDER_PAGE;
            });
        }
    };
    let on_change = move |event: web_sys::Event| {
        let (Some(select), Some((sort, show))) =
            (event.target().and_then(|target| target.dyn_into::<HtmlSelectElement>().ok()), &selects)
        else {
            return;
        };
        let value = select.value();
        if **select == *sort {
            controller.change_finder_order(|order| order.sort = InventorySort::parse(&value));
        } else if **select == *show {
            controller.change_finder_order(|order| order.kbs_first = InventoryOrder::kbs_first_from(&value));
        }
    };

    let status = move || {
        inventory.with(|state| match state {
            LoadState::Loaded { value, .. } => {
                let found = matches.with(Vec::len) as u64;
                let query = finder.with(|finder| finder.query.trim().to_owned());
                let mut text = match found {
                    0 => later.no_software_found(&query),
                    n => later.software_found(Count { shown: &number(n), n }),
                };
                match &value.incomplete {
                    Some(InventoryCut::TooMany) => {
                        text = format!("{text} {}", later.inventory_incomplete(&number(MAX_INVENTORY as u64)));
                    }
                    Some(InventoryCut::Paging(refused)) => text = format!("{text} {}", texts.paging_error(refused)),
                    None => {}
                }
                text
            }
            LoadState::Failed { error, .. } => later.inventory_failed(&match error.kind {
                ErrorKind::InvalidResponse => later.inventory_invalid.to_owned(),
                _ => later.failure_reason(texts, error, |n| format_number(texts.locale, n)),
            }),
            LoadState::Waiting { reason, remaining_secs, .. } => texts.waiting(*reason, &number(*remaining_secs)),
            LoadState::Loading(_) => later.inventory_loading(&number(progress.get() as u64)),
            LoadState::Idle | LoadState::Misconfigured(_) => String::new(),
        })
    };

    let results = move || {
        inventory.with(|state| match state {
            LoadState::Loaded { value, .. } => {
                // The rows are plain DOM (SoftwareRows), kept in this inventory's list as the
                // matches change: a list of another inventory is never filled.
                let list = NodeRef::<leptos::html::Ul>::new();
                let mut rows = SoftwareRows::new(Arc::clone(value));
                effect(move || {
                    let Some(list) = list.get() else { return };
                    let limit = finder.with(|finder| finder.limit);
                    matches
                        .with(|matches| rows.show(&list, &matches[..matches.len().min(limit)], texts, later))
                        .unwrap_or_else(|error| report_refusal("the finder's rows", &error));
                });
                let show_more = move || {
                    let more = matches.with(Vec::len).saturating_sub(finder.with(|finder| finder.limit));
                    (more > 0).then(|| {
                        let next = more.min(FINDER_PAGE) as u64;
                        view! {
                            <button
                                type="button"
                                class="mkb-button mkb-button--subtle mkb-show-more"
                                data-testid="show-more-software"
                                on:click=move |_| controller.change_finder(|finder| finder.limit += FINDER_PAGE)
                            >
                                {later.show_more_rows(&number(next))}
                            </button>
                        }
                    })
                };
                EitherOf4::A(view! {
                    <ul
                        class="mkb-software-list"
                        data-testid="software-list"
                        node_ref=list
                        on:click=move |event| choose(&event, controller)
                    ></ul>
                    {show_more}
                })
            }
            LoadState::Loading(_) | LoadState::Waiting { .. } => EitherOf4::B(view! {
                <div class="mkb-loading" aria-busy="true">
                    <div class="mkb-card mkb-card--skeleton" aria-hidden="true"></div>
                </div>
            }),
            LoadState::Failed { .. } => EitherOf4::C(view! {
                <button
                    type="button"
                    class="mkb-button mkb-button--primary"
                    data-testid="retry-inventory"
                    on:click=move |_| controller.read_inventory_again()
                >
                    {texts.retry}
                </button>
            }),
            LoadState::Idle | LoadState::Misconfigured(_) => EitherOf4::D(()),
        })
    };

    view! {
        <div class="mkb-finder" data-testid="finder">
            <h2 class="mkb-finder__title">{later.finder_title}</h2>
            <div class="mkb-toolbar" node_ref=toolbar on:input=on_input on:change=on_change></div>
            <p class="mkb-note" role="status" aria-live="polite" data-testid="finder-status">{status}</p>
            {results}
        </div>
    }
}

/// The finder's search field and its two selects, as built.
struct Toolbar {
    content: DocumentFragment,
    search: HtmlInputElement,
    sort: Element,
    /// For patching, the software that can have KBs comes first, and says so; the rest
    /// follows, each with its note: this select shows all of it in one ranking instead.
    show: Element,
}

impl Toolbar {
    fn build(order: InventoryOrder, texts: &'static Texts, later: &'static LaterTexts, prefix: &str) -> Built<Self> {
        let document = document();
        let content = document.create_document_fragment();
        let label_class = "mkb-form__label";
        let search_id = format!("{prefix}-find");
        let search = field(&document, &content, "input", &search_id, later.find_software, label_class)?;
        search.set_class_name("mkb-form__input");
        for (name, value) in [
            ("type", "search"),
            ("autocomplete", "off"),
            ("spellcheck", "false"),
            ("placeholder", later.find_placeholder),
            ("data-testid", "find-software"),
        ] {
            search.set_attribute(name, value)?;
        }
        let InventoryOrder { sort, kbs_first } = order;
        let sorts = [
            (InventorySort::Exposure, "exposure", later.sort_exposure),
            (InventorySort::Weaknesses, "weaknesses", later.sort_weaknesses),
            (InventorySort::Name, "name", later.sort_name),
        ];
        let sort_id = format!("{prefix}-find-sort");
        let sort_select = field(&document, &content, "select", &sort_id, later.sort_label, label_class)?;
        sort_select.set_class_name("mkb-select");
        sort_select.set_attribute("data-testid", "finder-sort")?;
        for (key, value, text) in sorts {
            option(&document, &sort_select, value, text, key == sort)?;
        }
        let show_id = format!("{prefix}-find-show");
        let show = field(&document, &content, "select", &show_id, later.finder_show, label_class)?;
        show.set_class_name("mkb-select");
        show.set_attribute("data-testid", "finder-show")?;
        option(&document, &show, "kbs-first", later.show_kbs_first, kbs_first)?;
        option(&document, &show, "all", texts.all_software, !kbs_first)?;
        Ok(Self { content, search: search.dyn_into()?, sort: sort_select, show })
    }
}

/// Shows the software whose row's button was clicked, from the widget's top: a widget whose
/// top was scrolled out of view brings it back into view (not the page's top, which may be a
/// portal's header far above an embedded widget).
fn choose(event: &web_sys::MouseEvent, controller: WidgetController) {
    let Some(button) = event_within(event, ".mkb-software__choose") else { return };
    let Some(id) = button.parent_element().and_then(|row| row.get_attribute("data-software-id")) else { return };
    let widget = button.closest(".mkb").ok().flatten();
    controller.choose_software(&id);
    if let Some(widget) = widget.filter(|widget| widget.get_bounding_client_rect().top() < 0.0) {
        widget.scroll_into_view();
    }
}

/// The rows of the software shown in one list, by its index in the inventory: a row is built
/// when its software comes into the matches and moved while it stays, and the rows that begin
/// both the old order and the new stay where they are, so a keystroke builds only the rows new
/// to the matches, and "Show more" only adds rows.
struct SoftwareRows {
    inventory: Arc<Inventory>,
    /// The rows in the list, in order, with their software's index.
    shown: Vec<(usize, Element)>,
}

impl SoftwareRows {
    fn new(inventory: Arc<Inventory>) -> Self {
        Self { inventory, shown: Vec::new() }
    }

    /// Puts the rows of the software at `indices` in `list`, in that order.
    fn show(
        &mut self,
        list: &Element,
        indices: &[usize],
        texts: &'static Texts,
        later: &'static LaterTexts,
    ) -> Built<()> {
        let kept = self.shown.iter().zip(indices).take_while(|((shown, _), index)| shown == *index).count();
        let mut moved = self.shown.split_off(kept);
        for (_, row) in &moved {
            row.remove();
        }
        moved.sort_unstable_by_key(|(index, _)| *index);
        let document = document();
        let rows = document.create_document_fragment();
        for &index in &indices[kept..] {
            let row = match moved.binary_search_by_key(&index, |(moved, _)| *moved) {
                Ok(at) => moved[at].1.clone(),
                Err(_) => match self.inventory.entries.get(index) {
                    Some(entry) => software_row(&document, entry, texts, later)?,
                    // Matches of another inventory, which replaces this list's: its own fills it.
                    None => continue,
                },
            };
            rows.append_child(&row)?;
            self.shown.push((index, row));
        }
        list.append_child(&rows)?;
        Ok(())
    }
}

/// One software: its name and vendor as people say them (the button that chooses it), its
/// exposure, its badges, and a note when it cannot have KBs.
fn software_row(
    document: &Document,
    entry: &SoftwareEntry,
    texts: &'static Texts,
    later: &'static LaterTexts,
) -> Built {
    let row = element(document, "li", "mkb-software")?;
    row.set_attribute("data-testid", "software-option")?;
    row.set_attribute("data-software-id", &entry.id)?;
    let button = button(document, &row, "mkb-software__choose", "", "")?;
    text_child(document, &button, "span", "mkb-software__name", "software-name", &entry.display_name())?;
    button.append_with_str_1(" ")?;
    text_child(document, &button, "span", "mkb-software__vendor", "", &entry.display_vendor().unwrap_or_default())?;
    let facts = child(document, &row, "dl", "mkb-software__facts", "")?;
    let exposed = fact(document, &facts, "", texts.exposed_machines)?;
    text_child(document, &exposed, "dd", "", "software-exposed", &format_count(texts, entry.exposed_machines))?;
    let weaknesses = fact(document, &facts, "", later.weaknesses)?;
    text_child(document, &weaknesses, "dd", "", "", &format_count(texts, entry.weaknesses))?;
    for (on, text, test_id) in [
        (entry.public_exploit, later.public_exploit, "public-exploit"),
        (entry.active_alert, later.active_alert, "active-alert"),
    ] {
        if on.unwrap_or(false) {
            text_child(document, &row, "span", "mkb-badge", test_id, text)?;
        }
    }
    if !entry.has_kbs() {
        text_child(document, &row, "p", "mkb-software__note", "no-kbs", later.no_kbs_note)?;
    }
    Ok(row)
}
