//! The finder's device search: devices whose name begins with what is typed
//! (`GET /api/machines?$filter=startswith(computerDnsName,'…')`, which needs Machine.Read), and a
//! device chosen to see the KBs it misses. Typing is debounced: the API allows 100 calls a minute
//! and 1,500 an hour, so a search is sent once the typing has paused ([`TYPING_PAUSE_MS`], never
//! more than 100 a minute), and at once on Enter; every request also keeps to the page-wide limit.

use std::time::Duration;

use leptos::either::EitherOf3;
use leptos::prelude::*;
use missing_kbs_core::{fill, DeviceInfo, LaterTexts, Texts, DEVICE_SEARCH_TOP};

use crate::clock::now_ms;
use crate::controller::WidgetController;
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
                let rows = value.iter().map(|device| device_row(device, controller, texts, later)).collect_view();
                EitherOf3::A(view! { <ul class="mkb-software-list" data-testid="device-list">{rows}</ul> })
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

/// One device: its name (the button that opens its missing KBs), operating system, group, last
/// contact and exposure.
fn device_row(
    device: &DeviceInfo,
    controller: WidgetController,
    texts: &'static Texts,
    later: &'static LaterTexts,
) -> impl IntoView {
    let id = device.id.clone();
    let machine_id = id.as_ref().map(|id| id.as_str().to_owned());
    let last_seen = device.last_seen.as_deref().map(js_sys::Date::parse).filter(|ms| ms.is_finite());
    let fact = |label: &'static str, value: Option<String>| {
        value.map(|value| view! { <div><dt>{label}</dt><dd>{value}</dd></div> })
    };
    view! {
        <li class="mkb-software" data-testid="device-option" data-machine-id=machine_id>
            <button
                type="button"
                class="mkb-software__choose"
                on:click=move |_| {
                    if let Some(id) = id.clone() {
                        controller.choose_device(id);
                    }
                }
            >
                <span class="mkb-software__name" data-testid="device-option-name">
                    {device.shown_name().unwrap_or_default().to_owned()}
                </span>
            </button>
            <dl class="mkb-software__facts">
                {fact(later.operating_system, device.operating_system())}
                {fact(later.device_group, device.group.clone())}
                {fact(later.last_seen, last_seen.map(|ms| relative_age(texts.locale, now_ms() - ms)))}
                {fact(later.exposure_level, device.exposure_level.clone())}
            </dl>
        </li>
    }
}
