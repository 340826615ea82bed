//! A device's facts above its missing KBs: its name, operating system, last contact, health,
//! exposure, risk, group and tags (`GET /api/machines/{id}`, which needs Machine.Read; without
//! it the list is shown all the same, and the header says why the facts are missing), where its
//! list came from, and the worst severity among the CVEs its KBs fix, when the answer says.

use std::sync::Arc;

use leptos::prelude::*;
use missing_kbs_core::{fill, DeviceInfo, ErrorKind, LaterTexts, ListSubject, MissingKbList, Texts};

use crate::clock::now_ms;
use crate::endpoints::ListTitle;
use crate::intl::{format_number, relative_age};
use crate::language_catalogue::later_texts;

#[component]
pub fn DeviceHeader(
    subject: ListSubject,
    list: Arc<MissingKbList>,
    title: RwSignal<Option<ListTitle>>,
    texts: &'static Texts,
) -> impl IntoView {
    let later = later_texts(texts.locale);
    let id = subject.as_str().to_owned();
    let facts = move || {
        title.with(|title| match title {
            Some(ListTitle::Device(Ok(device))) => Some(Ok(device.clone())),
            Some(ListTitle::Device(Err(kind))) => Some(Err(kind.clone())),
            _ => None,
        })
    };
    let heading = {
        let id = id.clone();
        move || match facts() {
            Some(Ok(device)) => device.shown_name().unwrap_or(&id).to_owned(),
            _ => id.clone(),
        }
    };
    let body = move || {
        facts().map(|facts| match facts {
            Ok(device) => leptos::either::Either::Left(fact_list(&device, later, texts)),
            Err(kind) => {
                let text = match kind {
                    ErrorKind::Forbidden | ErrorKind::Unauthorized => later.device_facts_forbidden.to_owned(),
                    kind => fill(
                        later.device_facts_failed,
                        &[("reason", &texts.error_kind(&kind, |n| format_number(texts.locale, n)))],
                    ),
                };
                leptos::either::Either::Right(view! {
                    <p class="mkb-notice" role="note" data-testid="device-facts-missing">{text}</p>
                })
            }
        })
    };
    let source = list.from_vulnerability_rows.then(|| {
        view! { <p class="mkb-notice" role="note" data-testid="device-kbs-source">{later.device_kbs_from_rows}</p> }
    });
    let worst = list.worst_severity.map(|severity| {
        view! {
            <p class="mkb-note" data-testid="device-worst-severity">
                {fill(later.worst_severity, &[("severity", later.severity(severity))])}
            </p>
        }
    });
    view! {
        <div class="mkb-device" data-testid="device-header">
            <p class="mkb-device__kind">{later.device}</p>
            <h2 class="mkb-device__name" data-testid="device-title" tabindex="-1">{heading}</h2>
            {body}
            {worst}
            {source}
        </div>
    }
}

/// The facts the device's entity holds, each only when it has it.
fn fact_list(device: &DeviceInfo, later: &'static LaterTexts, texts: &'static Texts) -> impl IntoView {
    // An ISO time; `Date.parse` reads it, and an unreadable one is left out.
    let last_seen = device.last_seen.as_deref().map(js_sys::Date::parse).filter(|ms| ms.is_finite());
    let facts = [
        (later.operating_system, device.operating_system(), "device-os"),
        (later.last_seen, last_seen.map(|ms| relative_age(texts.locale, now_ms() - ms)), "device-last-seen"),
        (later.health, device.health_status.clone(), "device-health"),
        (later.exposure_level, device.exposure_level.clone(), "device-exposure"),
        (later.risk, device.risk_score.clone(), "device-risk"),
        (later.device_group, device.group.clone(), "device-group"),
        (later.tags, (!device.tags.is_empty()).then(|| device.tags.join(", ")), "device-tags"),
    ];
    let items = facts
        .into_iter()
        .filter_map(|(label, value, testid)| {
            Some(view! {
                <div>
                    <dt>{label}</dt>
                    <dd data-testid=testid>{value?}</dd>
                </div>
            })
        })
        .collect_view();
    view! { <dl class="mkb-device__facts" data-testid="device-facts">{items}</dl> }
}
