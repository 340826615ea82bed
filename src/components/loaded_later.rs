//! A view whose code is a wasm part that loads later (ARCHITECTURE.md, "Code that loads later"),
//! or, when that part could not be fetched, a message with a way to try again.

use leptos::either::Either;
use leptos::prelude::*;
use leptos::wasm_split::SplitLoaderError;
use missing_kbs_core::Texts;

/// `loaded` as built, or why it is missing with a Retry that bumps `attempt` (which the view
/// that loads the part tracks, so it asks again). `message`, if any, is what the missing view
/// would have said, shown first.
pub fn loaded_later(
    loaded: Result<AnyView, SplitLoaderError>,
    texts: &'static Texts,
    attempt: RwSignal<u32>,
    message: Option<String>,
) -> impl IntoView {
    match loaded {
        Ok(view) => Either::Left(view),
        Err(_) => Either::Right(view! {
            <div class="mkb-error" role="alert" data-testid="part-failed">
                {message.map(|message| view! { <p class="mkb-error__message">{message}</p> })}
                <p class="mkb-error__message">{texts.part_failed}</p>
                <button
                    type="button"
                    class="mkb-button mkb-button--primary"
                    data-testid="retry-part"
                    on:click=move |_| attempt.update(|n| *n += 1)
                >
                    {texts.retry}
                </button>
            </div>
        }),
    }
}
