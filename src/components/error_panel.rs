//! A failed load: what went wrong in words a person can act on, Defender's own detail, and Retry.

use leptos::prelude::*;
use missing_kbs_core::{ApiError, SoftwareId};

use crate::dom::copy_to_clipboard;

#[component]
pub fn ErrorPanel(id: SoftwareId, error: ApiError, on_retry: Callback<()>) -> impl IntoView {
    let service = error.service.clone().unwrap_or_default();
    let detail = service.message.map(|message| {
        view! {
            <p class="mkb-error__detail" data-testid="error-detail">
                "Defender said: " <q>{message}</q>
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
                "Correlation ID (Microsoft support asks for it): "
                <code data-testid="correlation-id">{target}</code>
                " "
                <button class="mkb-button mkb-button--subtle" type="button" on:click=copy data-testid="copy-correlation-id">
                    {move || if copied.get() { "Copied" } else { "Copy" }}
                </button>
            </p>
        }
    });

    view! {
        <div class="mkb-error" role="alert" data-testid="error" data-error-kind=error.kind.code()>
            <h2 class="mkb-error__title">{format!("Could not load the missing KBs for {id}")}</h2>
            <p class="mkb-error__message" data-testid="error-message">{error.kind.to_string()}</p>
            {detail}
            {correlation}
            <button class="mkb-button mkb-button--primary" type="button" on:click=move |_| on_retry.run(()) data-testid="retry">
                "Retry"
            </button>
        </div>
    }
}
