//! A failed load: what went wrong in words a person can act on, Defender's own detail, and Retry.

use leptos::prelude::*;
use missing_kbs_core::{ApiError, ErrorKind, ListSubject, Texts};

use crate::clipboard::copy_to_clipboard;
use crate::controller::ListPane;
use crate::intl::format_number;
use crate::language_catalogue::later_texts;

#[component]
pub fn ErrorPanel(subject: ListSubject, error: ApiError, pane: ListPane, texts: &'static Texts) -> impl IntoView {
    let later = later_texts(texts.locale);
    let service = error.service().unwrap_or_default();
    // A device's list has two ways in, and both were refused: say which permissions they need.
    let device_forbidden = (subject.device().is_some() && error.kind == ErrorKind::Forbidden).then(|| {
        view! { <p class="mkb-error__detail" data-testid="device-kbs-forbidden">{later.device_kbs_forbidden}</p> }
    });
    let detail = service.message.map(|message| {
        view! {
            <p class="mkb-error__detail" data-testid="error-detail">
                {later.defender_said} " " <q>{message}</q>
            </p>
        }
    });
    let correlation = service.target.map(|target| {
        let copied = RwSignal::new(false);
        let copy = {
            let target = target.clone();
            move |_| {
                copy_to_clipboard(&target);
                copied.set(true);
            }
        };
        view! {
            <p class="mkb-error__correlation">
                {later.correlation_id} " " <code data-testid="correlation-id">{target}</code> " "
                <button
                    class="mkb-button mkb-button--subtle"
                    type="button"
                    on:click=copy
                    data-testid="copy-correlation-id"
                >
                    {move || if copied.get() { later.copied } else { later.copy }}
                </button>
            </p>
        }
    });

    view! {
        <div class="mkb-error" role="alert" data-testid="error" data-error-kind=error.kind.code()>
            <h2 class="mkb-error__title">{later.error_title(subject.as_str())}</h2>
            // The cause the token's claims name, when they name one, else the status's text.
            <p class="mkb-error__message" data-testid="error-message">
                {later.failure_reason(texts, &error, |n| format_number(texts.locale, n))}
            </p>
            {device_forbidden}
            {detail}
            {correlation}
            <button
                class="mkb-button mkb-button--primary"
                type="button"
                on:click=move |_| pane.refresh()
                data-testid="retry"
            >
                {texts.retry}
            </button>
        </div>
    }
}
