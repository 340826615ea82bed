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
use web_sys::{Document, DocumentFragment, Element, HtmlElement, HtmlInputElement, Node};

use crate::clipboard::copy_to_clipboard;
use crate::controller::WidgetController;
use crate::dom::{button, child, event_within, index_in, report_refusal, text_child, Built};
use crate::effects::{effect, when_loaded};
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
    if details.cves.is_empty() && details.devices.is_empty() {
        // Nothing at all, or nothing usable although the card counts some.
        let text = if details.cves_partial || details.devices_partial {
            later.details_unreadable
        } else {
            later.details_empty
        };
        return leptos::either::Either::Left(view! { <p class="mkb-note" data-testid="details-empty">{text}</p> });
    }
    let cves = NodeRef::<leptos::html::Section>::new();
    when_loaded(cves, {
        let details = std::sync::Arc::clone(&details);
        let panel = panel.clone();
        move |section| {
            cve_section(&section, &details, &panel, texts).unwrap_or_else(|error| report_refusal("a KB's CVEs", &error))
        }
    });
    leptos::either::Either::Right(view! {
        <section class="mkb-details__section" data-testid="cves" node_ref=cves></section>
        <DeviceList details panel texts />
    })
}

/// The devices that miss the KB, filtered by name, 200 at a time, each opening its own missing
/// KBs; their names copied or the rows exported. Plain DOM (`DeviceSection`), kept by effects.
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
    let built = match DeviceSection::build(&details, &key, &filter_id, texts) {
        Ok(built) => built,
        Err(error) => {
            report_refusal("the devices of a KB", &error);
            return leptos::either::Either::Left(());
        }
    };
    let section = NodeRef::<leptos::html::Section>::new();
    when_loaded(section, {
        let content = built.content.clone();
        move |section| drop(section.append_child(&content))
    });
    effect({
        let (details, body) = (std::sync::Arc::clone(&details), built.body.clone());
        move || {
            let limit = limit.get();
            matching
                .with(|indices| fill_devices(&body, &details, &indices[..indices.len().min(limit)], later))
                .unwrap_or_else(|error| report_refusal("the devices of a KB", &error));
        }
    });
    effect({
        let copy = built.copy.clone();
        move || copy.set_text_content(Some(if copied.get() { later.copied } else { later.copy_device_names }))
    });
    effect({
        let more = built.more.clone();
        move || {
            let hidden = matching.with(Vec::len).saturating_sub(limit.get());
            let _ = more.toggle_attribute_with_force("hidden", hidden == 0);
            more.set_text_content(Some(&later.show_more_rows(&number(hidden.min(DEVICES_PER_PAGE) as u64))));
        }
    });

    let chosen = {
        let details = std::sync::Arc::clone(&details);
        move || matching.with(|indices| indices.iter().map(|&index| details.devices[index].clone()).collect::<Vec<_>>())
    };
    let on_click = move |event: web_sys::MouseEvent| {
        let Some(button) = event_within(&event, "button") else { return };
        if button == built.copy {
            let names: Vec<String> = chosen().iter().map(|device| device.shown_name().to_owned()).collect();
            copy_to_clipboard(&names.join("\n"));
            copied.set(true);
        } else if button == built.export {
            let devices = chosen();
            let headings = [later.device_name, "ID", later.os_platform, later.device_group];
            let csv = devices_to_csv(&devices.iter().collect::<Vec<_>>(), headings);
            download_text(&format!("KB{}-devices.csv", key.kb.as_str()), "text/csv;charset=utf-8", &csv);
        } else if button == built.more {
            limit.update(|limit| *limit += DEVICES_PER_PAGE);
        } else if let Some(index) = index_in(&button, "data-device") {
            if let (Some(device), Ok(opener)) = (details.devices.get(index), button.dyn_into::<HtmlElement>()) {
                controller.open_device(device.id.clone(), Some(opener));
            }
        }
    };
    let on_input = move |event: web_sys::Event| {
        let input = event.target().and_then(|target| target.dyn_into::<HtmlInputElement>().ok());
        if let Some(input) = input {
            filter.set(input.value());
            limit.set(DEVICES_PER_PAGE);
        }
    };
    leptos::either::Either::Right(view! {
        <section class="mkb-details__section" data-testid="devices" node_ref=section on:click=on_click on:input=on_input></section>
    })
}

/// The device section's content, and the elements its effects and its click handler keep.
struct DeviceSection {
    content: DocumentFragment,
    /// The table's body, whose rows `fill_devices` writes.
    body: Element,
    copy: Element,
    export: Element,
    /// "Show more", hidden while every matching device is shown.
    more: Element,
}

impl DeviceSection {
    fn build(details: &KbDetails, key: &DetailsKey, filter_id: &str, texts: &'static Texts) -> Built<Self> {
        let later = later_texts(texts.locale);
        let number = |n: u64| format_number(texts.locale, n);
        let document = leptos::prelude::document();
        let content = document.create_document_fragment();
        let heading = fill(later.devices_missing, &[("count", &number(details.devices.len() as u64))]);
        text_child(&document, &content, "h4", "mkb-details__heading", "", &heading)?;
        // The true reason the list is short: the bound on the rows read, else the one CVE asked about.
        if details.devices_partial {
            let count = number(key.card.machines.unwrap_or(0));
            let shown = number(details.devices.len() as u64);
            let (text, reason) = if details.devices_bound_reached {
                let (rows, pages) = (number(MAX_DEVICE_ROWS as u64), number(MAX_DEVICE_PAGES as u64));
                let values = [("count", count.as_str()), ("shown", &shown), ("rows", &rows), ("pages", &pages)];
                (fill(later.devices_limit, &values), "limit")
            } else {
                let cve = details.devices_cve.as_ref().map_or("", |cve| cve.as_str());
                (fill(later.devices_partial, &[("count", &count), ("shown", &shown), ("cve", cve)]), "cve")
            };
            let notice = notice(&document, &content, "devices-partial", &text)?;
            notice.set_attribute("data-reason", reason)?;
        }
        if details.names_unknown {
            notice(&document, &content, "names-unknown", later.device_names_unknown)?;
        }
        let tools = child(&document, &content, "div", "mkb-details__tools", "")?;
        let label = text_child(&document, &tools, "label", "mkb-form__label", "", later.filter_devices)?;
        label.set_attribute("for", filter_id)?;
        let input = child(&document, &tools, "input", "mkb-form__input", "device-filter")?;
        for (name, value) in [("id", filter_id), ("type", "search"), ("autocomplete", "off")] {
            input.set_attribute(name, value)?;
        }
        let copy = button(&document, &tools, "mkb-button mkb-button--subtle", "copy-devices", later.copy_device_names)?;
        let export =
            button(&document, &tools, "mkb-button mkb-button--subtle", "export-devices", later.export_devices_csv)?;
        let table = child(&document, &content, "table", "mkb-devices", "")?;
        let thead = child(&document, &table, "thead", "", "")?;
        let head = child(&document, &thead, "tr", "", "")?;
        for heading in [later.device_name, later.os_platform, later.device_group] {
            text_child(&document, &head, "th", "", "", heading)?.set_attribute("scope", "col")?;
        }
        let body = child(&document, &table, "tbody", "", "")?;
        let more = button(&document, &content, "mkb-button mkb-button--subtle mkb-show-more", "show-more-devices", "")?;
        Ok(Self { content, body, copy, export, more })
    }
}

/// The CVEs' section: how many the KB fixes, a bar and a summary of their severities, and the
/// list of them, worst first.
fn cve_section(section: &Element, details: &KbDetails, panel: &Panel, texts: &'static Texts) -> Built<()> {
    let later = later_texts(texts.locale);
    let number = |n: u64| format_number(texts.locale, n);
    let document = leptos::prelude::document();
    let heading = fill(later.cves_fixed, &[("count", &number(details.cves.len() as u64))]);
    text_child(&document, section, "h4", "mkb-details__heading", "", &heading)?;
    // The bar for the eye, its counts as text for everyone.
    let bar = child(&document, section, "div", "mkb-severity", "")?;
    bar.set_attribute("aria-hidden", "true")?;
    let mut summary = Vec::new();
    for (severity, count) in Severity::ALL.iter().zip(details.severity_counts()).filter(|(_, count)| *count > 0) {
        let class = format!("mkb-severity__part mkb-severity--{}", severity_class(*severity));
        let part = child(&document, &bar, "span", &class, "")?.unchecked_into::<HtmlElement>();
        part.style().set_property("flex-grow", &count.to_string())?;
        summary.push(format!("{}: {}", later.severity(*severity), number(count)));
    }
    let summary = summary.join(", ");
    text_child(&document, section, "p", "mkb-note mkb-severity__counts", "severity-summary", &summary)?;
    if details.cves_partial {
        let count = number(panel.key.card.cves.unwrap_or(0));
        notice(&document, section, "cves-partial", &fill(later.cves_partial, &[("count", &count)]))?;
    }
    let list = child(&document, section, "ul", "mkb-cves", "cve-list")?;
    fill_cves(&list, details, panel, texts)
}

/// A note of what the section cannot show, at the end of `parent`.
fn notice(document: &Document, parent: &Node, test_id: &str, text: &str) -> Built {
    let notice = text_child(document, parent, "p", "mkb-notice", test_id, text)?;
    notice.set_attribute("role", "note")?;
    Ok(notice)
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
        let button = button(&document, &name, "mkb-link-button", "device-name", device.shown_name())?;
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
