//! The finder's device search: devices whose name begins with what is typed
//! (`GET /api/machines?$filter=startswith(computerDnsName,'…')`, which needs Machine.Read), and a
//! device chosen to see the KBs it misses. Typing is debounced: the API allows 100 calls a minute
//! and 1,500 an hour, so a search is sent once the typing has paused ([`TYPING_PAUSE_MS`], never
//! more than 100 a minute), and at once on Enter; every request also keeps to the page-wide limit.

use std::time::Duration;

use leptos::either::EitherOf3;
use leptos::prelude::*;
use missing_kbs_core::{fill, DeviceInfo, DeviceNamePrefix, LaterTexts, Texts, DEVICE_SEARCH_TOP};
use web_sys::{Document, Element};

use crate::clock::now_ms;
use crate::controller::WidgetController;
use crate::dom::{button, child, element, event_within, fact, index_in, report_refusal, text_child, Built};
use crate::effects::when_loaded;
use crate::intl::{format_number, relative_age};
use crate::language_catalogue::later_texts;
use crate::load::LoadState;

/// How long typing must pause before a search is sent: 600 ms, so that even a steady typist
/// sends at most 100 searches a minute, the API's limit.
const TYPING_PAUSE_MS: u64 = 600;

#[component]
pub fn DeviceFinder(controller: WidgetController, texts: &'static Texts, prefix: String) -> impl IntoView {
    let later = later_texts(texts.locale);
    let finder = controller.finder;
    let search = controller.finder_loads().device_search.state;
    let number = move |n: u64| format_number(texts.locale, n);
    let search_id = format!("{prefix}-find-device");
    let hint_id = format!("{prefix}-find-device-hint");
    // Which keystroke's pause is awaited: an older one's timer does nothing.
    let typed = StoredValue::new(0_usize);
    let search_now = move || controller.search_devices(&finder.with_untracked(|finder| finder.device_query.clone()));
    let on_input = move |query: String| {
        controller.change_finder(|finder| finder.device_query = query);
        let this = typed.try_update_value(|typed| {
            *typed += 1;
            *typed
        });
        set_timeout(
            move || {
                if typed.try_get_value() == this {
                    search_now();
                }
            },
            Duration::from_millis(TYPING_PAUSE_MS),
        );
    };

    let status = move || {
        search.with(|state| match state {
            LoadState::Idle | LoadState::Misconfigured(_) => String::new(),
            LoadState::Loading(_) => later.devices_searching.to_owned(),
            LoadState::Waiting { reason, remaining_secs, .. } => texts.waiting(*reason, &number(*remaining_secs)),
            LoadState::Loaded { key, value, .. } if value.is_empty() => {
                fill(later.no_device_found, &[("text", key.as_str())])
            }
            LoadState::Loaded { value, .. } => {
                let found = fill(later.devices_found, &[("count", &number(value.len() as u64))]);
                if value.len() >= DEVICE_SEARCH_TOP {
                    format!("{found} {}", fill(later.devices_first, &[("count", &number(DEVICE_SEARCH_TOP as u64))]))
                } else {
                    found
                }
            }
            // The cause the token's claims name, when they name one, else the status's text.
            LoadState::Failed { error, .. } => fill(
                later.device_search_failed,
                &[("reason", &later.failure_reason(texts, error, |n| format_number(texts.locale, n)))],
            ),
        })
    };
    let results = move || {
        search.with(|state| match state {
            LoadState::Loaded { value, .. } => {
                // The rows are plain DOM (device_row), put in this answer's list once it is on
                // the page: a list of another answer is never filled.
                let list = NodeRef::<leptos::html::Ul>::new();
                let devices = std::sync::Arc::clone(value);
                when_loaded(list, move |list| {
                    show_devices(&list, &devices, texts, later)
                        .unwrap_or_else(|error| report_refusal("the devices found", &error))
                });
                EitherOf3::A(view! {
                    <ul
                        class="mkb-software-list"
                        data-testid="device-list"
                        node_ref=list
                        on:click=move |event| choose(&event, search, controller)
                    ></ul>
                })
            }
            LoadState::Failed { .. } => EitherOf3::B(view! {
                <button
                    type="button"
                    class="mkb-button mkb-button--primary"
                    data-testid="retry-device-search"
                    on:click=move |_| controller.finder_loads().device_search.refresh()
                >
                    {texts.retry}
                </button>
            }),
            _ => EitherOf3::C(()),
        })
    };

    view! {
        <div class="mkb-toolbar">
            <div class="mkb-toolbar__field">
                <label class="mkb-form__label" for=search_id.clone()>{later.find_device}</label>
                <input
                    id=search_id
                    class="mkb-form__input"
                    type="search"
                    autocomplete="off"
                    spellcheck="false"
                    aria-describedby=hint_id.clone()
                    data-testid="find-device"
                    prop:value=move || finder.with(|finder| finder.device_query.clone())
                    on:input:target=move |ev| on_input(ev.target().value())
                    on:keydown=move |ev| {
                        if ev.key() == "Enter" {
                            ev.prevent_default();
                            typed.update_value(|typed| *typed += 1);
                            search_now();
                        }
                    }
                />
                <p class="mkb-form__hint" id=hint_id>{later.device_search_hint}</p>
            </div>
        </div>
        <p class="mkb-note" role="status" aria-live="polite" data-testid="device-search-status">{status}</p>
        {results}
    }
}

/// Opens the device whose row's button was clicked (`data-device`, its index in the search's answer).
fn choose(
    event: &web_sys::MouseEvent,
    search: RwSignal<LoadState<DeviceNamePrefix, Vec<DeviceInfo>>>,
    controller: WidgetController,
) {
    let index = event_within(event, "[data-device]").and_then(|button| index_in(&button, "data-device"));
    let Some(index) = index else { return };
    let id = search.with_untracked(|state| match state {
        LoadState::Loaded { value, .. } => value.get(index).and_then(|device| device.id.clone()),
        _ => None,
    });
    if let Some(id) = id {
        controller.choose_device(id);
    }
}

/// `list`'s rows: one per device found.
fn show_devices(
    list: &Element,
    devices: &[DeviceInfo],
    texts: &'static Texts,
    later: &'static LaterTexts,
) -> Built<()> {
    let document = document();
    let rows = document.create_document_fragment();
    for (index, device) in devices.iter().enumerate() {
        let row = device_row(&document, index, device, texts, later)?;
        rows.append_child(&row)?;
    }
    list.replace_children_with_node_1(&rows);
    Ok(())
}

/// One device: its name (the button that opens its missing KBs), operating system, group, last
/// contact and exposure.
fn device_row(
    document: &Document,
    index: usize,
    device: &DeviceInfo,
    texts: &'static Texts,
    later: &'static LaterTexts,
) -> Built {
    let row = element(document, "li", "mkb-software")?;
    row.set_attribute("data-testid", "device-option")?;
    if let Some(id) = &device.id {
        row.set_attribute("data-machine-id", id.as_str())?;
    }
    let button = button(document, &row, "mkb-software__choose", "", "")?;
    button.set_attribute("data-device", &index.to_string())?;
    let name = device.shown_name().unwrap_or_default();
    text_child(document, &button, "span", "mkb-software__name", "device-option-name", name)?;
    let facts = child(document, &row, "dl", "mkb-software__facts", "")?;
    let last_seen = device.last_seen.as_deref().map(js_sys::Date::parse).filter(|ms| ms.is_finite());
    for (term, value) in [
        (later.operating_system, device.operating_system()),
        (later.device_group, device.group.clone()),
        (later.last_seen, last_seen.map(|ms| relative_age(texts.locale, now_ms() - ms))),
        (later.exposure_level, device.exposure_level.clone()),
    ] {
        if let Some(value) = value {
            let fact = fact(document, &facts, "", term)?;
            text_child(document, &fact, "dd", "", "", &value)?;
        }
    }
    Ok(row)
}
