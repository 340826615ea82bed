//! The whole widget: the software ID form (code that loads later), a live status line, and the
//! current state's view.

use std::time::Duration;

use leptos::either::EitherOf5;
use leptos::prelude::*;

use missing_kbs_core::{Count, Texts};
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};

use super::instance_prefix;
use super::kb_list::KbList;
use crate::controller::{KbListState, ListPane, WidgetController};
use crate::host_options::Theme;
use crate::intl::format_number;
use crate::load::LoadState;
use crate::parts::{finder_slot, id_form_slot, problem_slot, set_after_paint};

/// How long after its first frame a widget whose list is still loading asks for its software ID
/// form anyway: a first card over a fast link comes sooner, and a slow list leaves the field usable.
const FORM_AT_THE_LATEST: Duration = Duration::from_millis(300);

#[component]
pub fn MissingKbsWidget(controller: WidgetController, theme: Theme) -> impl IntoView {
    let locale = controller.locale;
    let prefix = instance_prefix();

    // A device opened from a KB's devices, over the list, which stays (hidden) as it was.
    let device_open = Memo::new(move |_| controller.device_open());
    // What a screen reader hears when the state of the list shown changes.
    let announcement = move || {
        let load = if device_open.get() { controller.device.load } else { controller.list };
        load.state.with(|state| announce(state, locale.get().texts()))
    };

    // The software ID form is code of the tools' part, asked for once a frame has been painted
    // with the list no longer loading (its first cards, a failure, or nothing to load), as a
    // list's tools are: fetching and compiling it would hold a first card back. A list slow to
    // come does not keep it from the user that long. Its room is kept.
    let form_wanted = RwSignal::new(false);
    set_after_paint(form_wanted, FORM_AT_THE_LATEST);
    let form = {
        let prefix = prefix.clone();
        move || {
            if !form_wanted.get() {
                if !controller.list.state.with(|state| matches!(state, LoadState::Loading(_))) {
                    set_after_paint(form_wanted, Duration::ZERO);
                }
                return None;
            }
            Some(id_form_slot(controller, locale.get().texts(), prefix.clone()))
        }
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

    let main = controller.main_pane();
    let body = {
        let prefix = prefix.clone();
        move || {
            let texts = locale.get().texts();
            (!finder_shown.get()).then(|| list_body(main, controller, texts, prefix.clone()))
        }
    };
    let device_pane = {
        let prefix = format!("{prefix}-device");
        move || {
            let texts = locale.get().texts();
            device_open.get().then(|| {
                let pane = controller.device;
                view! {
                    <div class="mkb-device-pane" data-testid="device-pane">
                        <button
                            type="button"
                            class="mkb-button mkb-button--subtle mkb-back"
                            data-testid="back-to-list"
                            on:click=move |_| controller.close_device()
                            // "=()": a directive without a value is dropped (kb_list.rs says so too).
                            use:take_focus=()
                        >
                            {texts.back}
                        </button>
                        {list_body(pane, controller, texts, prefix.clone())}
                    </div>
                }
            })
        }
    };

    view! {
        <section class=theme.classes() lang=move || locale.get().tag() aria-label=move || locale.get().texts().widget_label>
            <div class="mkb-form-slot" data-testid="id-form">{form}</div>
            <p class="mkb-visually-hidden" role="status" aria-live="polite" data-testid="announcement">
                {announcement}
            </p>
            <div class="mkb-main" data-testid="main-list" hidden=move || device_open.get()>
                {back_to_finder}
                {finder_view}
                {body}
            </div>
            {device_pane}
        </section>
    }
}

/// What a screen reader hears when a list's state becomes `state`.
fn announce(state: &KbListState, texts: &'static Texts) -> String {
    match state {
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
    }
}

/// What a list pane shows as its load goes: nothing yet, loading, the list, a wait with its
/// countdown, or (code that loads later) a failure or unusable options.
fn list_body(pane: ListPane, controller: WidgetController, texts: &'static Texts, prefix: String) -> impl IntoView {
    move || match pane.load.state.get() {
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
        LoadState::Loaded { key: subject, value: list, loaded_at, from_cache } => EitherOf5::C(view! {
            <KbList subject list pane controller texts prefix=prefix.clone() loaded_at from_cache />
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
                    on:click=move |_| pane.load.cancel()
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
                LoadState::Failed { error, .. } => texts.error_kind(&error.kind, |n| format_number(texts.locale, n)),
                _ => String::new(),
            };
            EitherOf5::E(problem_slot(problem, fallback, pane, controller, texts))
        }
    }
}

/// Gives `element` the focus once it is in the page: the device's Back button, as the device
/// opens in place of the list that held the focus.
fn take_focus(element: Element) {
    request_animation_frame(move || {
        if let Some(element) = element.dyn_ref::<HtmlElement>() {
            let _ = element.focus();
        }
    });
}
