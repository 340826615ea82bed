//! The software finder: search the organisation's inventory by name, vendor or ID, the
//! software that can have KBs first (or all of it in one ranking), ranked by exposure, and
//! choose a software to see its missing KBs. Mounted by the `finder` part
//! (`parts.rs`) the first time a widget shows it.

use leptos::either::EitherOf4;
use leptos::prelude::*;
use missing_kbs_core::{
    Count, ErrorKind, InventoryCut, InventoryOrder, InventorySort, LaterTexts, SoftwareEntry, Texts, MAX_INVENTORY,
};

use crate::controller::{InventoryLoad, WidgetController, FINDER_PAGE};
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
    let search_id = format!("{prefix}-find");
    // Selected once, as built: the finder is built again whenever it is shown, and a static
    // attribute costs less wasm than a reactive one (ARCHITECTURE.md, "Wasm size").
    let InventoryOrder { sort, kbs_first } = finder.with_untracked(|finder| finder.order);
    let sort_id = format!("{prefix}-find-sort");
    let show_id = format!("{prefix}-find-show");

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
                // Keyed rows: a keystroke builds only the rows new to the matches shown, and
                // moves the others.
                let shown = move || {
                    let limit = finder.with(|finder| finder.limit);
                    matches.with(|matches| matches.iter().take(limit).copied().collect::<Vec<usize>>())
                };
                let value = std::sync::Arc::clone(value);
                let row = move |index: usize| entry_row(&value.entries[index], controller, texts, later);
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
                    <ul class="mkb-software-list" data-testid="software-list">
                        <For each=shown key=|index| *index children=row />
                    </ul>
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
            <div class="mkb-toolbar">
                <div class="mkb-toolbar__field">
                    <label class="mkb-form__label" for=search_id.clone()>{later.find_software}</label>
                    <input
                        id=search_id
                        class="mkb-form__input"
                        type="search"
                        autocomplete="off"
                        spellcheck="false"
                        placeholder=later.find_placeholder
                        data-testid="find-software"
                        prop:value=move || finder.with(|finder| finder.query.clone())
                        on:input:target=move |ev| {
                            let query = ev.target().value();
                            controller.change_finder(|finder| {
                                finder.query = query;
                                finder.limit = FINDER_PAGE;
                            });
                        }
                    />
                </div>
                <div class="mkb-toolbar__field">
                    <label class="mkb-form__label" for=sort_id.clone()>{later.sort_label}</label>
                    <select
                        id=sort_id
                        class="mkb-select"
                        data-testid="finder-sort"
                        on:change:target=move |ev| {
                            let sort = InventorySort::parse(&ev.target().value());
                            controller.change_finder_order(|order| order.sort = sort);
                        }
                    >
                        <option value="exposure" selected=sort == InventorySort::Exposure>
                            {later.sort_exposure}
                        </option>
                        <option value="weaknesses" selected=sort == InventorySort::Weaknesses>
                            {later.sort_weaknesses}
                        </option>
                        <option value="name" selected=sort == InventorySort::Name>
                            {later.sort_name}
                        </option>
                    </select>
                </div>
                // For patching, the software that can have KBs comes first, and says so; the
                // rest follows, each with its note.
                <div class="mkb-toolbar__field">
                    <label class="mkb-form__label" for=show_id.clone()>{later.finder_show}</label>
                    <select
                        id=show_id
                        class="mkb-select"
                        data-testid="finder-show"
                        on:change:target=move |ev| {
                            let kbs_first = InventoryOrder::kbs_first_from(&ev.target().value());
                            controller.change_finder_order(|order| order.kbs_first = kbs_first);
                        }
                    >
                        <option value="kbs-first" selected=kbs_first>
                            {later.show_kbs_first}
                        </option>
                        <option value="all" selected=!kbs_first>
                            {texts.all_software}
                        </option>
                    </select>
                </div>
            </div>
            <p class="mkb-note" role="status" aria-live="polite" data-testid="finder-status">{status}</p>
            {results}
        </div>
    }
}

/// Shows the software chosen by a click, from the widget's top: a widget whose top was
/// scrolled out of view brings it back into view (not the page's top, which may be a portal's
/// header far above an embedded widget).
fn choose(event: &web_sys::MouseEvent, id: &str, controller: WidgetController) {
    use wasm_bindgen::JsCast;
    let widget = event
        .target()
        .and_then(|target| target.dyn_into::<web_sys::Element>().ok())
        .and_then(|target| target.closest(".mkb").ok().flatten());
    controller.choose_software(id);
    if let Some(widget) = widget.filter(|widget| widget.get_bounding_client_rect().top() < 0.0) {
        widget.scroll_into_view();
    }
}

/// One software: its name and vendor as people say them (the button that chooses it), its
/// exposure, its badges, and a note when it cannot have KBs.
fn entry_row(
    entry: &SoftwareEntry,
    controller: WidgetController,
    texts: &'static Texts,
    later: &'static LaterTexts,
) -> impl IntoView {
    let id = entry.id.clone();
    let badge = |on: Option<bool>, text: &'static str, testid: &'static str| {
        on.unwrap_or(false).then(|| view! { <span class="mkb-badge" data-testid=testid>{text}</span> })
    };
    let no_kbs = (!entry.has_kbs())
        .then(|| view! { <p class="mkb-software__note" data-testid="no-kbs">{later.no_kbs_note}</p> });
    view! {
        <li class="mkb-software" data-testid="software-option" data-software-id=entry.id.clone()>
            <button type="button" class="mkb-software__choose" on:click=move |ev| choose(&ev, &id, controller)>
                <span class="mkb-software__name" data-testid="software-name">{entry.display_name()}</span>
                " "
                <span class="mkb-software__vendor">{entry.display_vendor().unwrap_or_default()}</span>
            </button>
            <dl class="mkb-software__facts">
                <div>
                    <dt>{texts.exposed_machines}</dt>
                    <dd data-testid="software-exposed">{format_count(texts, entry.exposed_machines)}</dd>
                </div>
                <div>
                    <dt>{later.weaknesses}</dt>
                    <dd>{format_count(texts, entry.weaknesses)}</dd>
                </div>
            </dl>
            {badge(entry.public_exploit, later.public_exploit, "public-exploit")}
            {badge(entry.active_alert, later.active_alert, "active-alert")}
            {no_kbs}
        </li>
    }
}
