//! How old the shown list is, with a Refresh button.

use leptos::prelude::*;
use missing_kbs_core::Texts;

use crate::clock::now_ms;
use crate::controller::ListPane;
use crate::intl::relative_age;
use crate::language_catalogue::later_texts;

#[component]
pub fn LoadedAge(loaded_at: f64, from_cache: bool, texts: &'static Texts, pane: ListPane) -> impl IntoView {
    let later = later_texts(texts.locale);
    let age = relative_age(texts.locale, now_ms() - loaded_at);
    view! {
        <p class="mkb-age" data-testid="loaded-age" data-from-cache=if from_cache { "true" } else { "false" }>
            {later.loaded_age(&age)} " "
            <button
                type="button"
                class="mkb-button mkb-button--subtle"
                on:click=move |_| pane.refresh()
                data-testid="refresh"
            >
                {later.refresh}
            </button>
        </p>
    }
}
