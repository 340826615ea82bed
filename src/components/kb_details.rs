//! A KB's details panel: the CVEs it fixes, by severity, and the devices that miss it. Mounted
//! by the `details` part (`parts.rs`) when a panel is first opened; the card's Details button
//! and the panel it fills are plain DOM (`shell/kb_card.rs`, `shell/kb_list.rs`).

use leptos::either::EitherOf4;
use leptos::prelude::*;
use missing_kbs_core::{
    defender_cve_link, devices_to_csv, fill, msrc_cve_link, ApiBase, Cloud, DeviceSearch, KbDetails, LaterTexts,
    Severity, Texts, MAX_DEVICE_PAGES, MAX_DEVICE_ROWS,
};
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};

use crate::clipboard::copy_to_clipboard;
use crate::controller::WidgetController;
use crate::dom::{child, report_refusal, text_child, Built};
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
    let cve_list = NodeRef::<leptos::html::Ul>::new();
    cve_list.on_load({
        let details = std::sync::Arc::clone(&details);
        let panel = panel.clone();
        move |list| {
            fill_cves(&list, &details, &panel, texts).unwrap_or_else(|error| report_refusal("a KB's details", &error))
        }
    });

    leptos::either::Either::Right(view! {
        <section class="mkb-details__section" data-testid="cves">
            <h4 class="mkb-details__heading">{fill(later.cves_fixed, &[("count", &number(details.cves.len() as u64))])}</h4>
            // The bar for the eye, its counts as text for everyone.
            <div class="mkb-severity" aria-hidden="true">{bar}</div>
            <p class="mkb-note mkb-severity__counts" data-testid="severity-summary">{summary}</p>
            {cves_partial}
            <ul class="mkb-cves" data-testid="cve-list" node_ref=cve_list></ul>
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
    // Rows are plain DOM (fill_devices), built again as the filter and "Show more" change which.
    let rows = NodeRef::<leptos::html::Tbody>::new();
    Effect::new({
        let details = std::sync::Arc::clone(&details);
        move |_| {
            let Some(body) = rows.get() else { return };
            let limit = limit.get();
            matching
                .with(|indices| fill_devices(&body, &details, &indices[..indices.len().min(limit)], later))
                .unwrap_or_else(|error| report_refusal("a KB's details", &error));
        }
    });
    let open = {
        let details = std::sync::Arc::clone(&details);
        move |event: web_sys::MouseEvent| {
            let Some(button) = event
                .target()
                .and_then(|target| target.dyn_into::<Element>().ok())
                .and_then(|target| target.closest("[data-device]").ok().flatten())
                .and_then(|button| button.dyn_into::<HtmlElement>().ok())
            else {
                return;
            };
            let index = button.get_attribute("data-device").and_then(|index| index.parse::<usize>().ok());
            if let Some(device) = index.and_then(|index| details.devices.get(index)) {
                controller.open_device(device.id.clone(), Some(button));
            }
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
                <tbody node_ref=rows on:click=open></tbody>
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

/// The items of the CVE list: each one's severity, ID, and links to Defender's page of it and
/// Microsoft's (MSRC), which open in a new tab.
fn fill_cves(list: &Element, details: &KbDetails, panel: &Panel, texts: &'static Texts) -> Built<()> {
    let later = later_texts(texts.locale);
    let document = leptos::prelude::document();
    for cve in &details.cves {
        let id = cve.id.as_str();
        let item = child(&document, list, "li", "mkb-cve", "cve")?;
        let badge = format!("mkb-severity-badge mkb-severity--{}", severity_class(cve.severity));
        text_child(&document, &item, "span", &badge, "cve-severity", later.severity(cve.severity))?;
        item.append_with_str_1(" ")?;
        text_child(&document, &item, "code", "", "cve-id", id)?;
        let context = format!(" {}", texts.opens_in_new_tab(id));
        let defender = defender_cve_link(&panel.api_base, panel.cloud, &cve.id);
        for (href, text, test_id) in [
            (defender.as_str(), later.open_in_defender, "cve-defender"),
            (&msrc_cve_link(&cve.id), later.open_in_msrc, "cve-msrc"),
        ] {
            item.append_with_str_1(" ")?;
            let link = text_child(&document, &item, "a", "mkb-cve__link", test_id, text)?;
            link.set_attribute("href", href)?;
            link.set_attribute("target", "_blank")?;
            link.set_attribute("rel", "noopener noreferrer")?;
            text_child(&document, &link, "span", "mkb-visually-hidden", "", &context)?;
        }
    }
    Ok(())
}

/// `body`'s rows: the devices at `indices`, each name a button that opens the device's own
/// missing KBs (`data-device`, its index, is read by the table's click handler).
fn fill_devices(body: &Element, details: &KbDetails, indices: &[usize], later: &LaterTexts) -> Built<()> {
    let document = leptos::prelude::document();
    body.set_text_content(None);
    for &index in indices {
        let device = &details.devices[index];
        let row = child(&document, body, "tr", "", "device")?;
        let name = child(&document, &row, "td", "", "")?;
        let button = text_child(&document, &name, "button", "mkb-link-button", "device-name", device.shown_name())?;
        button.set_attribute("type", "button")?;
        button.set_attribute("title", later.open_device)?;
        button.set_attribute("data-device", &index.to_string())?;
        text_child(&document, &row, "td", "", "", device.os_platform.as_deref().unwrap_or_default())?;
        text_child(&document, &row, "td", "", "", device.group.as_deref().unwrap_or_default())?;
    }
    Ok(())
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
