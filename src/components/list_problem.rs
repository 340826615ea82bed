//! Why no list is shown: a failure (error_panel.rs), or options the widget cannot use. Its
//! code is a wasm part that loads later (ARCHITECTURE.md, "Code that loads later"): a widget
//! that shows its list never fetches it. (A wait's countdown stays in the first download: it
//! is built again every second, and a view that loads later would be built anew each time.)

use leptos::either::EitherOf3;
use leptos::prelude::*;
use leptos::wasm_split::{wasm_split, SplitLoaderError};
use missing_kbs_core::{MissingKbList, SoftwareId, Texts};
use web_sys::HtmlElement;

use super::error_panel::ErrorPanel;
use super::part_slot::{part_slot, MountedPart};
use crate::controller::WidgetController;
use crate::language_catalogue::later_texts;
use crate::load::LoadState;

pub type ListState = LoadState<SoftwareId, MissingKbList>;

/// The view of `state` (Failed or Misconfigured), or why it is missing, with Retry.
/// `message` says in plain words what the view would have said (a failure's kind; empty for
/// options that cannot be used, whose words are the part's own).
pub fn problem_slot(
    state: ListState,
    message: String,
    controller: WidgetController,
    texts: &'static Texts,
) -> impl IntoView {
    let message = (!message.is_empty()).then_some(message);
    part_slot(texts, message, move |slot| mount_problem_view(slot, state.clone(), controller, texts))
}

#[wasm_split(problem, wasm_split_path = ::leptos::wasm_split, fallible)]
fn mount_problem_view(
    slot: HtmlElement,
    state: ListState,
    controller: WidgetController,
    texts: &'static Texts,
) -> Result<MountedPart, SplitLoaderError> {
    let later = later_texts(texts.locale);
    Ok(Box::new(leptos::mount::mount_to(slot, move || match state {
        LoadState::Failed { key: id, error } => EitherOf3::A(view! { <ErrorPanel id error controller texts /> }),
        LoadState::Misconfigured(problem) => EitherOf3::B(view! {
            <div class="mkb-error" role="alert" data-testid="config-error">
                <h2 class="mkb-error__title">{later.config_error_title}</h2>
                <p class="mkb-error__message">{later.config_problem(texts, &problem)}</p>
            </div>
        }),
        LoadState::Idle | LoadState::Loading(_) | LoadState::Waiting { .. } | LoadState::Loaded { .. } => {
            EitherOf3::C(())
        }
    })))
}
