//! The loaded list: summary, its tools (age and Refresh; sort, filter and export), and a card
//! per shown KB; or the empty state.

use std::sync::Arc;
use std::time::Duration;

use leptos::either::Either;
use leptos::prelude::*;
use missing_kbs_core::{CardCounts, Count, KbNumber, ListSubject, MissingKbList, ShownKbs, Texts};
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};

use super::kb_card::CardBuilder;
use super::shown_cards::ShownCards;
use crate::clock::now_ms;
use crate::controller::{ListPane, WidgetController};
use crate::dom::{child, element, event_within, fact, report_refusal, text_child, true_or_false, Built};
use crate::effects::{effect, when_loaded};
use crate::endpoints::{DetailsKey, ListTitle};
use crate::intl::format_number;
use crate::parts::{device_header_slot, kb_details, list_tools_slot, ListToolsOf, MountedPart};

/// How long the first rendering task may spend adding cards: it also builds the summary
/// and sorts the list, so it adds few, and the first cards paint at once.
const FIRST_TASK_MS: f64 = 10.0;
/// How long the first rendering task may go on when, by the time its own budget is spent, the
/// cards built say that the rest will be in by then: a list of a thousand is then shown in one
/// task and one paint, with no wait for a frame between two.
const WHOLE_LIST_TASK_MS: f64 = 40.0;
/// How long each later rendering task may spend adding cards. With the browser's own style
/// and layout work after it, a task stays far below the 200 ms that makes a page feel frozen
/// (bench/results.md), on a slow machine as on a fast one.
const LATER_TASK_MS: f64 = 30.0;
/// How many cards the page holds before the user asks for more: enough for any real
/// software (every one stays reachable by keyboard, screen reader and find-in-page),
/// few enough that a 100,000-KB answer cannot exhaust the browser's memory.
const CARDS_PER_PAGE: usize = 10_000;

#[component]
pub fn KbList(
    subject: ListSubject,
    list: Arc<MissingKbList>,
    pane: ListPane,
    controller: WidgetController,
    texts: &'static Texts,
    prefix: String,
    loaded_at: f64,
    from_cache: bool,
) -> impl IntoView {
    let number = move |n: u64| format_number(texts.locale, n);
    let title = pane.load.extra;
    // The name the summary gives the list: the software's ID, or the device's name once its
    // facts are here (else its ID).
    let name = {
        let subject = subject.clone();
        move || match &subject {
            ListSubject::Software(id) => id.as_str().to_owned(),
            ListSubject::Device(id) => title
                .with(|title| match title {
                    Some(ListTitle::Device(Ok(device))) => device.shown_name().map(str::to_owned),
                    _ => None,
                })
                .unwrap_or_else(|| id.as_str().to_owned()),
        }
    };
    let tools = ListToolsOf {
        subject: subject.clone(),
        pane,
        list: Arc::clone(&list),
        loaded_at,
        from_cache,
        shown: None,
        controller,
        texts,
        prefix: prefix.clone(),
    };
    let incomplete = list.incomplete.as_ref().map(|refused| {
        view! { <p class="mkb-notice" role="note" data-testid="incomplete">{texts.paging_error(refused)}</p> }
    });
    if list.kbs.is_empty() {
        return Either::Left(view! {
            <div class="mkb-empty" data-testid="empty">
                <h2 class="mkb-empty__title">{texts.empty_title}</h2>
                <p>{move || texts.empty_body(&name())}</p>
                {incomplete}
            </div>
            {list_tools_slot(tools)}
        });
    }
    let view_options = pane.view;
    let shown = Memo::new({
        let list = Arc::clone(&list);
        move |_| view_options.with(|options| ShownKbs::new(&list.kbs, options))
    });
    let all = list.kbs.len() as u64;
    let most_missed = list.kbs.iter().filter_map(|kb| kb.machine_missed_on).max().unwrap_or(0);
    let limit = RwSignal::new(CARDS_PER_PAGE);
    let show_cards = {
        let list = Arc::clone(&list);
        let prefix = prefix.clone();
        move |container: Element| match CardBuilder::new(document(), most_missed, texts, prefix.clone()) {
            Ok(builder) => show_in_chunks(container, ShownCards::new(builder, Arc::clone(&list)), shown, limit),
            Err(error) => report_refusal("the cards", &error),
        }
    };
    let hidden = move || shown.with(|shown| shown.indices.len()).saturating_sub(limit.get());
    // The details panels filled so far, unmounted with the list.
    let panels: StoredValue<Vec<MountedPart>, LocalStorage> = StoredValue::new_local(Vec::new());
    let toggle_details = {
        let (list, subject) = (Arc::clone(&list), subject.clone());
        move |event: web_sys::MouseEvent| toggle_details(&event, &list, &subject, controller, texts, panels)
    };
    // The summary bar is plain DOM (`SummaryBar`), which one effect keeps as the shown KBs and
    // the list's title change.
    let bar = NodeRef::<leptos::html::Div>::new();
    match SummaryBar::build(texts) {
        Ok(summary) => {
            when_loaded(bar, {
                let (text, totals) = (summary.text.clone(), summary.totals.clone());
                move |bar| {
                    let _ = bar.append_with_node_2(&text, &totals);
                }
            });
            effect(move || {
                let software = title.with(|title| match title {
                    Some(ListTitle::Software(info)) => (info.title(), info.exposed_machines),
                    _ => (None, None),
                });
                let (kbs, machines, cves) = shown.with(|shown| {
                    (shown.totals.kbs as u64, shown.totals.machines_missing, shown.totals.cves_addressed)
                });
                let count = Count { shown: &number(all), n: all };
                let text = if kbs == all {
                    texts.summary_all(count, &name())
                } else {
                    texts.summary_some(&number(kbs), count, &name())
                };
                summary
                    .show(software, &text, machines, cves, number)
                    .unwrap_or_else(|error| report_refusal("the list's summary", &error));
            });
        }
        Err(error) => report_refusal("the list's summary", &error),
    }
    // A device's facts, whose view loads later, like the finder's.
    let device_header =
        subject.device().map(|_| device_header_slot(subject.clone(), Arc::clone(&list), title, controller, texts));

    Either::Right(view! {
        <div class="mkb-results">
            {device_header}
            <div class="mkb-summary" data-testid="summary-bar" node_ref=bar></div>
            {list_tools_slot(ListToolsOf { shown: Some(shown), ..tools })}
            {incomplete}
            {move || shown.with(|shown| shown.indices.is_empty()).then(|| view! {
                <p class="mkb-note" data-testid="no-match">{texts.no_match}</p>
            })}
            // "=()" because Leptos 0.8's view! takes a directive without a value for static markup, and drops it.
            // One listener for every card's Details button (the cards are plain DOM, kb_card.rs).
            <div class="mkb-cards" role="list" data-testid="kb-list" use:show_cards=() on:click=toggle_details></div>
            {move || (hidden() > 0).then(|| view! {
                <button
                    type="button"
                    class="mkb-button mkb-button--subtle mkb-show-more"
                    on:click=move |_| limit.update(|limit| *limit += CARDS_PER_PAGE)
                    data-testid="show-more"
                >
                    {texts.show_more(&number(hidden().min(CARDS_PER_PAGE) as u64))}
                </button>
            })}
        </div>
    })
}

/// Opens or closes the details panel of the card whose Details button was clicked. The first
/// opening fills the panel (its code loads then, kb_details.rs); later ones only show it.
fn toggle_details(
    event: &web_sys::MouseEvent,
    list: &MissingKbList,
    subject: &ListSubject,
    controller: WidgetController,
    texts: &'static Texts,
    panels: StoredValue<Vec<MountedPart>, LocalStorage>,
) {
    let Some(button) = event_within(event, "[data-kb]") else { return };
    let Some(digits) = button.get_attribute("data-kb") else { return };
    // The panel follows its button (by id, a KB listed twice would find the first one's).
    let Some(panel) = button.next_element_sibling().and_then(|panel| panel.dyn_into::<HtmlElement>().ok()) else {
        return;
    };
    let open = button.get_attribute("aria-expanded").as_deref() != Some("true");
    let _ = button.set_attribute("aria-expanded", true_or_false(open));
    panel.set_hidden(!open);
    if !open || panel.has_attribute("data-filled") {
        return;
    }
    let (Some(kb), Some(card)) =
        (KbNumber::parse(&digits), list.kbs.iter().find(|kb| kb.id.as_deref() == Some(&digits)))
    else {
        return;
    };
    let _ = panel.set_attribute("data-filled", "");
    // A failed fetch of the details' code may have left its message here.
    panel.set_text_content(None);
    let _ = panel.set_attribute("role", "region");
    // A device's card counts that one device: the KB's devices are not checked against it.
    let machines = subject.software().and(card.machine_missed_on);
    let key = DetailsKey {
        software: subject.software().cloned(),
        device: subject.device().cloned(),
        kb,
        card: CardCounts { machines, cves: card.cve_addressed },
    };
    leptos::task::spawn_local(async move {
        match kb_details(panel.clone(), key, controller, texts).await {
            Ok(handle) => {
                let _ = panels.try_update_value(|panels| panels.push(handle));
            }
            // Its code could not be fetched: the open panel says so (an alert, announced as
            // its text arrives); closing and opening it again asks again.
            Err(_) => {
                let _ = panel.remove_attribute("data-filled");
                let _ = panel.set_attribute("role", "alert");
                panel.set_text_content(Some(texts.part_failed));
            }
        }
    });
}

/// Keeps `container` holding the cards of the shown KBs, up to `limit`. Cards are added in
/// chunks, a task each with a time budget, so a list of thousands never freezes the page.
fn show_in_chunks(container: Element, mut cards: ShownCards, shown: Memo<ShownKbs>, limit: RwSignal<usize>) {
    let tasks = RwSignal::new(0_usize);
    effect(move || {
        let first = tasks.get() == 0;
        let now = now_ms();
        let deadline = now + if first { FIRST_TASK_MS } else { LATER_TASK_MS };
        let finish_by = if first { now + WHOLE_LIST_TASK_MS } else { deadline };
        let all_shown = shown.with(|shown| {
            let wanted = &shown.indices[..shown.indices.len().min(limit.get())];
            cards.show(&container, wanted, deadline, finish_by)
        });
        match all_shown {
            Ok(true) => {}
            // The next task starts once the browser has painted this one's cards.
            Ok(false) => request_animation_frame(move || {
                set_timeout(move || tasks.try_update(|count| *count += 1).unwrap_or(()), Duration::ZERO)
            }),
            Err(error) => report_refusal("the cards", &error),
        }
    });
}

/// The list's summary bar: the software's title when Defender gave one, what the list holds
/// (of what is shown), and its totals, with the software's exposed devices when known.
struct SummaryBar {
    /// The title and the summary, in the bar's first column.
    text: Element,
    software: Element,
    heading: Element,
    totals: Element,
    /// The exposed devices' fact, first of the totals, and its value.
    exposed: Element,
    exposed_value: Element,
    machines: Element,
    cves: Element,
}

impl SummaryBar {
    fn build(texts: &'static Texts) -> Built<Self> {
        let document = document();
        let text = element(&document, "div", "")?;
        let software = element(&document, "p", "mkb-summary__software")?;
        software.set_attribute("data-testid", "software-title")?;
        let heading = child(&document, &text, "h2", "mkb-summary__title", "summary")?;
        let totals = element(&document, "dl", "mkb-summary__totals")?;
        let exposed = element(&document, "div", "")?;
        text_child(&document, &exposed, "dt", "", "", texts.exposed_machines)?;
        let exposed_value = child(&document, &exposed, "dd", "", "exposed-machines")?;
        let machines = fact(&document, &totals, "", texts.missing_installs)?;
        let machines = child(&document, &machines, "dd", "", "total-machines")?;
        let cves = fact(&document, &totals, "", texts.cves_addressed)?;
        let cves = child(&document, &cves, "dd", "", "total-cves")?;
        Ok(Self { text, software, heading, totals, exposed, exposed_value, machines, cves })
    }

    /// Shows the software's title and exposed devices (each left out when not known), the
    /// summary and the totals, the numbers as `number` writes them.
    fn show(
        &self,
        (title, exposed): (Option<String>, Option<u64>),
        summary: &str,
        machines: u64,
        cves: u64,
        number: impl Fn(u64) -> String,
    ) -> Built<()> {
        if let Some(title) = &title {
            self.software.set_text_content(Some(title));
        }
        put_first(&self.text, &self.software, title.is_some())?;
        if let Some(exposed) = exposed {
            self.exposed_value.set_text_content(Some(&number(exposed)));
        }
        put_first(&self.totals, &self.exposed, exposed.is_some())?;
        self.heading.set_text_content(Some(summary));
        self.machines.set_text_content(Some(&number(machines)));
        self.cves.set_text_content(Some(&number(cves)));
        Ok(())
    }
}

/// Puts `node` first in `parent` while `shown` (where it then stays), else takes it out.
fn put_first(parent: &Element, node: &Element, shown: bool) -> Built<()> {
    if !shown {
        node.remove();
    } else if node.parent_node().is_none() {
        parent.prepend_with_node_1(node)?;
    }
    Ok(())
}
