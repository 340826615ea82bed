//! A KB's details panel: the CVEs it fixes, by severity, and the devices that miss it. Mounted
//! by the `details` part (`parts.rs`) when a panel is first opened; the card's Details button
//! and the panel it fills are plain DOM (`shell/kb_card.rs`, `shell/kb_list.rs`).

use leptos::either::EitherOf4;
use leptos::prelude::*;
use missing_kbs_core::{
    defender_cve_link, devices_to_csv, fill, msrc_cve_link, ApiBase, Cloud, DeviceSearch, KbDetails, Severity, Texts,
    MAX_DEVICE_PAGES, MAX_DEVICE_ROWS,
};
use wasm_bindgen::JsCast;
use web_sys::HtmlElement;

use crate::clipboard::copy_to_clipboard;
use crate::controller::WidgetController;
use crate::endpoints::{DetailsKey, KbCvesAndDevices};
use crate::file_download::download_text;
use crate::intl::{format_number, lower_case};
use crate::language_catalogue::later_texts;
use crate::load::{Load, LoadState};

/// How many devices a panel lists before "Show more".
const DEVICES_PER_PAGE: usize = 200;

/// What a panel's views need to know besides its details.
#[derive(Clone)]
struct Panel {
    key: DetailsKey,
    /// For the links to the Defender portal, with `cloud` when the host named it.
    api_base: ApiBase,
    cloud: Option<Cloud>,
    /// The device filter's id, unique to the widget and the card.
    filter_id: String,
    /// Opens a device's missing KBs over the list.
    controller: WidgetController,
}

/// The panel's content for `key`, as its `load` goes. `filter_id` is unique to the widget and
/// the card; the CVE links go to `api_base`'s Defender portal, the cloud's when the host named
/// it (`controller.cloud`); each device opens its own missing KBs (`controller.open_device`).
#[component]
pub fn DetailsPanel(
    load: Load<KbCvesAndDevices>,
    key: DetailsKey,
    api_base: ApiBase,
    controller: WidgetController,
    filter_id: String,
    texts: &'static Texts,
) -> impl IntoView {
    let panel = Panel { key, api_base, cloud: controller.cloud, filter_id, controller };
    let later = later_texts(texts.locale);
    let number = move |n: u64| format_number(texts.locale, n);
    move || match load.state.get() {
        LoadState::Idle | LoadState::Loading(_) | LoadState::Misconfigured(_) => EitherOf4::A(view! {
            <p class="mkb-note" aria-busy="true" data-testid="details-loading">{later.details_loading}</p>
        }),
        LoadState::Waiting { remaining_secs, reason, .. } => EitherOf4::B(view! {
            <p class="mkb-note" data-testid="details-waiting">{texts.waiting(reason, &number(remaining_secs))}</p>
        }),
        LoadState::Failed { error, .. } => EitherOf4::C(view! {
            <div class="mkb-error mkb-details__error" role="alert" data-testid="details-error" data-error-kind=error.kind.code()>
                // The cause the token's claims name, when they name one, else the status's text.
                <p class="mkb-error__message" data-testid="details-error-message">
                    {fill(later.details_failed, &[("reason", &later.failure_reason(texts, &error, number))])}
                </p>
                <button type="button" class="mkb-button mkb-button--primary" on:click=move |_| load.refresh()>
                    {texts.retry}
                </button>
            </div>
        }),
        LoadState::Loaded { value, .. } => {
            EitherOf4::D(view! { <DetailsContent details=value panel=panel.clone() texts /> })
        }
    }
}

#[component]
fn DetailsContent(details: std::sync::Arc<KbDetails>, panel: Panel, texts: &'static Texts) -> impl IntoView {
    let later = later_texts(texts.locale);
    let number = move |n: u64| format_number(texts.locale, n);
    if details.cves.is_empty() && details.devices.is_empty() {
        // Nothing at all, or nothing usable although the card counts some.
        let text = if details.cves_partial || details.devices_partial {
            later.details_unreadable
        } else {
            later.details_empty
        };
        return leptos::either::Either::Left(view! { <p class="mkb-note" data-testid="details-empty">{text}</p> });
    }
    let counts = details.severity_counts();
    let summary = Severity::ALL
        .iter()
        .zip(counts)
        .filter(|(_, count)| *count > 0)
        .map(|(severity, count)| format!("{}: {}", later.severity(*severity), number(count)))
        .collect::<Vec<_>>()
        .join(", ");
    let bar = Severity::ALL
        .iter()
        .zip(counts)
        .filter(|(_, count)| *count > 0)
        .map(|(severity, count)| {
            view! { <span class=format!("mkb-severity__part mkb-severity--{}", severity_class(*severity)) style:flex-grow=count.to_string()></span> }
        })
        .collect_view();
    let cves_partial = details.cves_partial.then(|| {
        let count = number(panel.key.card.cves.unwrap_or(0));
        view! { <p class="mkb-notice" role="note" data-testid="cves-partial">{fill(later.cves_partial, &[("count", &count)])}</p> }
    });
    let cves = details
        .cves
        .iter()
        .map(|cve| {
            let id = cve.id.as_str().to_owned();
            view! {
                <li class="mkb-cve" data-testid="cve">
                    <span class=format!("mkb-severity-badge mkb-severity--{}", severity_class(cve.severity)) data-testid="cve-severity">
                        {later.severity(cve.severity)}
                    </span>
                    " "
                    <code data-testid="cve-id">{id.clone()}</code>
                    " "
                    <a class="mkb-cve__link" href=defender_cve_link(&panel.api_base, panel.cloud, &cve.id) target="_blank" rel="noopener noreferrer" data-testid="cve-defender">
                        {later.open_in_defender}
                        <span class="mkb-visually-hidden">{format!(" {}", texts.opens_in_new_tab(&id))}</span>
                    </a>
                    " "
                    <a class="mkb-cve__link" href=msrc_cve_link(&cve.id) target="_blank" rel="noopener noreferrer" data-testid="cve-msrc">
                        {later.open_in_msrc}
                        <span class="mkb-visually-hidden">{format!(" {}", texts.opens_in_new_tab(&id))}</span>
                    </a>
                </li>
            }
        })
        .collect_view();

    leptos::either::Either::Right(view! {
        <section class="mkb-details__section" data-testid="cves">
            <h4 class="mkb-details__heading">{fill(later.cves_fixed, &[("count", &number(details.cves.len() as u64))])}</h4>
            // The bar for the eye, its counts as text for everyone.
            <div class="mkb-severity" aria-hidden="true">{bar}</div>
            <p class="mkb-note mkb-severity__counts" data-testid="severity-summary">{summary}</p>
            {cves_partial}
            <ul class="mkb-cves" data-testid="cve-list">{cves}</ul>
        </section>
        <DeviceList details panel texts />
    })
}

#[component]
fn DeviceList(details: std::sync::Arc<KbDetails>, panel: Panel, texts: &'static Texts) -> impl IntoView {
    let later = later_texts(texts.locale);
    let Panel { key, filter_id, controller, .. } = panel;
    let number = move |n: u64| format_number(texts.locale, n);
    let filter = RwSignal::new(String::new());
    let limit = RwSignal::new(DEVICES_PER_PAGE);
    let copied = RwSignal::new(false);
    let matching = Memo::new({
        let search = DeviceSearch::new(&details.devices, lower_case);
        move |_| filter.with(|filter| search.matching(filter))
    });
    let chosen = {
        let details = std::sync::Arc::clone(&details);
        move || matching.with(|indices| indices.iter().map(|&index| details.devices[index].clone()).collect::<Vec<_>>())
    };
    let copy = {
        let chosen = chosen.clone();
        move |_| {
            let names: Vec<String> = chosen().iter().map(|device| device.shown_name().to_owned()).collect();
            copy_to_clipboard(&names.join("\n"));
            copied.set(true);
        }
    };
    let export = {
        let key = key.clone();
        move |_| {
            let devices = chosen();
            let headings = [later.device_name, "ID", later.os_platform, later.device_group];
            let csv = devices_to_csv(&devices.iter().collect::<Vec<_>>(), headings);
            download_text(&format!("KB{}-devices.csv", key.kb.as_str()), "text/csv;charset=utf-8", &csv);
        }
    };
    // The true reason the list is short: the bound on the rows read, else the one CVE asked about.
    let devices_partial = details.devices_partial.then(|| {
        let count = number(key.card.machines.unwrap_or(0));
        let shown = number(details.devices.len() as u64);
        let text = if details.devices_bound_reached {
            let (rows, pages) = (number(MAX_DEVICE_ROWS as u64), number(MAX_DEVICE_PAGES as u64));
            fill(later.devices_limit, &[("count", &count), ("shown", &shown), ("rows", &rows), ("pages", &pages)])
        } else {
            let cve = details.devices_cve.as_ref().map_or("", |cve| cve.as_str());
            fill(later.devices_partial, &[("count", &count), ("shown", &shown), ("cve", cve)])
        };
        let reason = if details.devices_bound_reached { "limit" } else { "cve" };
        view! { <p class="mkb-notice" role="note" data-testid="devices-partial" data-reason=reason>{text}</p> }
    });
    let rows = {
        let details = std::sync::Arc::clone(&details);
        move || {
            matching.with(|indices| {
                indices
                    .iter()
                    .take(limit.get())
                    .map(|&index| {
                        let device = &details.devices[index];
                        let id = device.id.clone();
                        let open = move |event: web_sys::MouseEvent| {
                            let opener =
                                event.current_target().and_then(|target| target.dyn_into::<HtmlElement>().ok());
                            controller.open_device(id.clone(), opener);
                        };
                        view! {
                            <tr data-testid="device">
                                <td>
                                    <button
                                        type="button"
                                        class="mkb-link-button"
                                        data-testid="device-name"
                                        title=later.open_device
                                        on:click=open
                                    >
                                        {device.shown_name().to_owned()}
                                    </button>
                                </td>
                                <td>{device.os_platform.clone().unwrap_or_default()}</td>
                                <td>{device.group.clone().unwrap_or_default()}</td>
                            </tr>
                        }
                    })
                    .collect_view()
            })
        }
    };
    let more = move || matching.with(Vec::len).saturating_sub(limit.get());

    view! {
        <section class="mkb-details__section" data-testid="devices">
            <h4 class="mkb-details__heading">{fill(later.devices_missing, &[("count", &number(details.devices.len() as u64))])}</h4>
            {devices_partial}
            {details.names_unknown.then(|| view! {
                <p class="mkb-notice" role="note" data-testid="names-unknown">{later.device_names_unknown}</p>
            })}
            <div class="mkb-details__tools">
                <label class="mkb-form__label" for=filter_id.clone()>{later.filter_devices}</label>
                <input
                    id=filter_id
                    class="mkb-form__input"
                    type="search"
                    autocomplete="off"
                    data-testid="device-filter"
                    on:input:target=move |ev| {
                        filter.set(ev.target().value());
                        limit.set(DEVICES_PER_PAGE);
                    }
                />
                <button type="button" class="mkb-button mkb-button--subtle" data-testid="copy-devices" on:click=copy>
                    {move || if copied.get() { later.copied } else { later.copy_device_names }}
                </button>
                <button type="button" class="mkb-button mkb-button--subtle" data-testid="export-devices" on:click=export>
                    {later.export_devices_csv}
                </button>
            </div>
            <table class="mkb-devices">
                <thead>
                    <tr>
                        <th scope="col">{later.device_name}</th>
                        <th scope="col">{later.os_platform}</th>
                        <th scope="col">{later.device_group}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
            {move || (more() > 0).then(|| view! {
                <button
                    type="button"
                    class="mkb-button mkb-button--subtle mkb-show-more"
                    data-testid="show-more-devices"
                    on:click=move |_| limit.update(|limit| *limit += DEVICES_PER_PAGE)
                >
                    {later.show_more_rows(&number(more().min(DEVICES_PER_PAGE) as u64))}
                </button>
            })}
        </section>
    }
}

fn severity_class(severity: Severity) -> &'static str {
    match severity {
        Severity::Critical => "critical",
        Severity::High => "high",
        Severity::Medium => "medium",
        Severity::Low => "low",
        Severity::Unknown => "unknown",
    }
}
