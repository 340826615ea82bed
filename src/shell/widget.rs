//! The whole widget: the software ID form, a live status line, and the current state's view.

use leptos::either::EitherOf5;
use leptos::prelude::*;

use missing_kbs_core::Count;

use super::instance_prefix;
use super::kb_list::KbList;
use super::software_id_form::SoftwareIdForm;
use crate::controller::WidgetController;
use crate::host_options::Theme;
use crate::intl::format_number;
use crate::load::LoadState;
use crate::parts::{finder_slot, problem_slot};

#[component]
pub fn MissingKbsWidget(controller: WidgetController, theme: Theme) -> impl IntoView {
    let list_state = controller.list.state;
    let locale = controller.locale;
    let prefix = instance_prefix();

    // What a screen reader hears when the state changes.
    let announcement = move || {
        let texts = locale.get().texts();
        list_state.with(|state| match state {
            LoadState::Idle => String::new(),
            LoadState::Loading(id) => texts.loading(id.as_str()),
            LoadState::Loaded { key: id, value: list, .. } if list.kbs.is_empty() => texts.announce_empty(id.as_str()),
            LoadState::Loaded { key: id, value: list, .. } => {
                let n = list.kbs.len() as u64;
                texts.announce_loaded(Count { shown: &format_number(texts.locale, n), n }, id.as_str())
            }
            // When the token's claims name the cause, the failure's view leads with it, in words
            // of the part that loads later, and its alert is what is heard: the status's generic
            // text would be a second sentence, and a wrong one (LaterTexts::failure_reason).
            LoadState::Failed { error, .. } if error.token.is_some() => String::new(),
            LoadState::Failed { error, .. } => texts.error_kind(&error.kind, |n| format_number(texts.locale, n)),
            // Announced once, with the whole wait, not at every tick of the countdown.
            LoadState::Waiting { delay_secs, reason, .. } => {
                texts.waiting(*reason, &format_number(texts.locale, *delay_secs))
            }
            // Its words are in its view's part, whose alert is announced when it is shown.
            LoadState::Misconfigured(_) => String::new(),
        })
    };

    let form = {
        let prefix = prefix.clone();
        move || view! { <SoftwareIdForm prefix=prefix.clone() controller texts=locale.get().texts() /> }
    };

    // With a finder: the finder, or a software's list with a way back to it.
    let finder = controller.finder;
    // Built again only when it is shown or hidden (or the language changes), not at each change
    // of the search: its code loads asynchronously the first time.
    let finder_shown = Memo::new(move |_| finder.with(|finder| finder.shown));
    let finder_view = {
        let prefix = prefix.clone();
        move || {
            let texts = locale.get().texts();
            let prefix = prefix.clone();
            finder_shown.get().then(|| finder_slot(controller, texts, prefix))
        }
    };
    let back_to_finder = move || {
        let texts = locale.get().texts();
        (finder.with_untracked(|finder| finder.enabled) && !finder_shown.get()).then(|| {
            view! {
                <button
                    type="button"
                    class="mkb-button mkb-button--subtle mkb-back"
                    data-testid="all-software"
                    on:click=move |_| controller.show_finder()
                >
                    {texts.all_software}
                </button>
            }
        })
    };

    let body = move || {
        let texts = locale.get().texts();
        if finder_shown.get() {
            return None;
        }
        Some(match list_state.get() {
            LoadState::Idle => EitherOf5::A(view! { <p class="mkb-note" data-testid="idle">{texts.idle}</p> }),
            LoadState::Loading(id) => EitherOf5::B(view! {
                <div class="mkb-loading" data-testid="loading" aria-busy="true">
                    <p class="mkb-note">{texts.loading(id.as_str())}</p>
                    <div class="mkb-grid" aria-hidden="true">
                        <div class="mkb-card mkb-card--skeleton"></div>
                        <div class="mkb-card mkb-card--skeleton"></div>
                        <div class="mkb-card mkb-card--skeleton"></div>
                    </div>
                </div>
            }),
            LoadState::Loaded { key: id, value: list, loaded_at, from_cache } => EitherOf5::C(view! {
                <KbList id list controller texts prefix=prefix.clone() loaded_at from_cache />
            }),
            // Built again every second of its countdown, in place: it stays in the first
            // download, so that its Cancel button keeps the focus.
            LoadState::Waiting { key: id, remaining_secs, reason, .. } => EitherOf5::D(view! {
                <div class="mkb-waiting" data-testid="waiting">
                    <p class="mkb-note">{texts.loading(id.as_str())}</p>
                    <p class="mkb-waiting__countdown" data-testid="countdown">
                        {texts.waiting(reason, &format_number(texts.locale, remaining_secs))}
                    </p>
                    <button
                        type="button"
                        class="mkb-button mkb-button--subtle"
                        on:click=move |_| controller.cancel()
                        data-testid="cancel"
                    >
                        {texts.cancel}
                    </button>
                </div>
            }),
            // A failure or unusable options: code that loads later. Should that code not arrive,
            // a failure's kind in plain words says what went wrong; unusable options have theirs
            // in that code only.
            problem => {
                let fallback = match &problem {
                    LoadState::Failed { error, .. } => {
                        texts.error_kind(&error.kind, |n| format_number(texts.locale, n))
                    }
                    _ => String::new(),
                };
                EitherOf5::E(problem_slot(problem, fallback, controller, texts))
            }
        })
    };

    view! {
        <section class=theme.classes() lang=move || locale.get().tag() aria-label=move || locale.get().texts().widget_label>
            {form}
            <p class="mkb-visually-hidden" role="status" aria-live="polite" data-testid="announcement">
                {announcement}
            </p>
            {back_to_finder}
            {finder_view}
            {body}
        </section>
    }
}
