//! The software ID field: validates as the user submits and says exactly what is wrong.

use leptos::prelude::*;
use missing_kbs_core::Texts;

use super::id_combobox::combobox;
use crate::controller::WidgetController;

#[component]
pub fn SoftwareIdForm(prefix: String, controller: WidgetController, texts: &'static Texts) -> impl IntoView {
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
                    aria-invalid=move || if invalid() { "true" } else { "false" }
                    prop:value=move || field.with(|field| field.text.clone())
                    on:input:target=move |ev| field.update(|field| field.text = ev.target().value())
                    use:combobox=(controller, texts, listbox_id)
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
