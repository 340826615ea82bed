//! The software ID field: validates as the user submits and says exactly what is wrong. In a
//! widget with a finder it is a combobox (the WAI-ARIA 1.2 pattern,
//! <https://www.w3.org/WAI/ARIA/apg/patterns/combobox/>) whose suggestions are the finder's
//! part's code (`components/id_suggestions.rs`). The field is code of the tools' part: a first
//! card does not need it (`parts::id_form_slot`).

use leptos::prelude::*;
use missing_kbs_core::Texts;

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlInputElement};

use crate::controller::WidgetController;
use crate::dom::true_or_false;

/// What gives the field its suggestions, on its first focus (the finder's part's code, which the
/// parts boundary fetches): the field, the widget, its texts, the suggestions' list's ID, and
/// the owner their signals belong to.
pub type Suggest = fn(HtmlInputElement, WidgetController, &'static Texts, String, Owner);

#[component]
pub fn SoftwareIdForm(
    prefix: String,
    controller: WidgetController,
    texts: &'static Texts,
    suggest: Suggest,
) -> impl IntoView {
    let input_id = format!("{prefix}-software-id");
    let hint_id = format!("{prefix}-software-id-hint");
    let error_id = format!("{prefix}-software-id-error");
    let field = controller.id_field;
    let invalid = move || field.with(|field| field.problem.is_some());

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        controller.submit();
    };
    // The error's ID is named even while there is no error: a reference to no element is
    // ignored, and one static attribute is 0.8 KB gzip of wasm smaller than a reactive one.
    let described_by = format!("{error_id} {hint_id}");
    let listbox_id = format!("{prefix}-suggestions");

    view! {
        <form class="mkb-form" role="search" on:submit=submit novalidate>
            <label class="mkb-form__label" for=input_id.clone()>{texts.software_id_label}</label>
            <div class="mkb-form__row">
                <input
                    id=input_id
                    class="mkb-form__input"
                    type="text"
                    name="softwareId"
                    autocomplete="off"
                    spellcheck="false"
                    data-testid="software-id"
                    aria-describedby=described_by
                    aria-invalid=move || true_or_false(invalid())
                    prop:value=move || field.with(|field| field.text.clone())
                    on:input:target=move |ev| field.update(|field| field.text = ev.target().value())
                    use:combobox=(controller, texts, listbox_id, suggest)
                />
                <button class="mkb-button mkb-button--primary" type="submit" data-testid="show">
                    {texts.show_button}
                </button>
            </div>
            <p class="mkb-form__hint" id=hint_id>{texts.software_id_hint}</p>
            {move || field.with(|field| field.problem.clone()).map(|problem| view! {
                <p class="mkb-form__error" id=error_id.clone() role="alert" data-testid="software-id-error">
                    {texts.software_id_error(&problem)}
                </p>
            })}
        </form>
    }
}

/// A `use:` directive for the ID field of a widget with a finder: the combobox roles now, the
/// suggestions once the field is first focused. A widget without a finder keeps a plain field.
fn combobox(
    input: Element,
    (controller, texts, listbox_id, suggest): (WidgetController, &'static Texts, String, Suggest),
) {
    if !controller.finder.with_untracked(|finder| finder.enabled) {
        return;
    }
    for (name, value) in [
        ("role", "combobox"),
        ("aria-autocomplete", "list"),
        ("aria-expanded", "false"),
        ("aria-controls", &listbox_id),
    ] {
        let _ = input.set_attribute(name, value);
    }
    let Ok(input) = input.dyn_into::<HtmlInputElement>() else { return };
    // The suggestions' signals belong to the form's view, and go with it.
    let Some(owner) = Owner::current() else { return };
    let attach = Closure::once_into_js({
        let input = input.clone();
        move || suggest(input, controller, texts, listbox_id, owner)
    });
    let options = web_sys::AddEventListenerOptions::new();
    options.set_once(true);
    let _ = input.add_event_listener_with_callback_and_add_event_listener_options(
        "focus",
        attach.unchecked_ref(),
        &options,
    );
}
