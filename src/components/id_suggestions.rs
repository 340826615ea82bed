//! The software ID field's suggestions: a combobox that suggests software from the inventory, in a
//! widget that has the finder: the WAI-ARIA 1.2 combobox pattern of the ARIA Authoring
//! Practices (<https://www.w3.org/WAI/ARIA/apg/patterns/combobox/>), with a list
//! autocomplete: the field keeps what the user types (an ID typed or pasted in full still
//! works), and a listbox below it suggests the software whose name, vendor or ID match.
//! Down and Up move through the suggestions, Home and End go to the first and last, Enter
//! chooses the one shown as active, Escape closes the list.
//!
//! The field's roles are set in the first download (`shell/software_id_form.rs`); this code is
//! the finder's part's, attached when the field is first focused (`parts::suggestions`).

use leptos::prelude::*;
use missing_kbs_core::{InventoryOrder, Texts};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlInputElement, KeyboardEvent};

use crate::controller::WidgetController;
use crate::dom::{child, event_within, index_in, report_refusal, text_child, true_or_false, Built};
use crate::effects::effect;
use crate::language_catalogue::later_texts;
use crate::load::LoadState;

/// How many software the list suggests.
const SUGGESTIONS: usize = 8;

/// Puts the suggestions' listbox after the field's row and handles the field's keys.
pub fn attach_suggestions(
    input: HtmlInputElement,
    controller: WidgetController,
    texts: &'static Texts,
    listbox_id: String,
) {
    let later = later_texts(texts.locale);
    let inventory = controller.finder_loads().inventory;
    controller.read_inventory();
    let Some(row) = input.parent_element() else { return };
    let Ok(container) = document().create_element("div") else { return };
    container.set_class_name("mkb-suggestions");
    let _ = row.after_with_node_1(&container);

    // What the field holds, as the form keeps it (so keys typed before this code arrived count).
    let field = controller.id_field;
    let open = RwSignal::new(false);
    let active = RwSignal::new(None::<usize>);
    let suggestions = Memo::new(move |_| {
        let query = field.with(|field| field.text.clone());
        if query.trim().is_empty() {
            return Vec::new();
        }
        inventory.state.with(|state| match state {
            LoadState::Loaded { value, .. } => value
                .index
                .find(&value.entries, &query, InventoryOrder::default())
                .into_iter()
                .take(SUGGESTIONS)
                .map(|index| {
                    let entry = &value.entries[index];
                    (entry.id.clone(), entry.display_name(), entry.display_vendor().unwrap_or_default())
                })
                .collect(),
            _ => Vec::new(),
        })
    });
    let shown = move || open.get() && suggestions.with(|list: &Vec<(String, String, String)>| !list.is_empty());
    let option_id = {
        let listbox_id = listbox_id.clone();
        move |index: usize| format!("{listbox_id}-{index}")
    };
    let choose = move |index: usize| {
        if let Some(id) = suggestions.with_untracked(|list| list.get(index).map(|(id, _, _)| id.clone())) {
            open.set(false);
            active.set(None);
            controller.choose_software(&id);
        }
    };

    // The field says whether the list is open and which suggestion is active.
    effect({
        let input = input.clone();
        let option_id = option_id.clone();
        move || {
            let _ = input.set_attribute("aria-expanded", true_or_false(shown()));
            match active.get().filter(|_| shown()) {
                Some(index) => drop(input.set_attribute("aria-activedescendant", &option_id(index))),
                None => drop(input.remove_attribute("aria-activedescendant")),
            }
        }
    });

    // The listbox and its options are plain DOM, which these effects keep as the signals say.
    let Ok(listbox) = listbox(&container, &listbox_id, later.finder_title) else { return };
    effect({
        let listbox = listbox.clone();
        move || drop(listbox.toggle_attribute_with_force("hidden", !shown()))
    });
    effect({
        let listbox = listbox.clone();
        move || {
            suggestions
                .with(|list| show_options(&listbox, list, &option_id, active.get_untracked()))
                .unwrap_or_else(|error| report_refusal("the suggestions", &error));
        }
    });
    effect({
        let listbox = listbox.clone();
        move || {
            let active = active.get();
            let options = listbox.children();
            for index in 0..options.length() {
                if let Some(option) = options.item(index) {
                    let _ = option.set_attribute("aria-selected", true_or_false(active == Some(index as usize)));
                }
            }
        }
    });
    // Chosen on mousedown, before the field loses its focus.
    let on_mousedown = Closure::<dyn Fn(web_sys::MouseEvent)>::new(move |event: web_sys::MouseEvent| {
        let index = event_within(&event, "[role=option]").and_then(|option| index_in(&option, "data-index"));
        if let Some(index) = index {
            event.prevent_default();
            choose(index);
        }
    });
    let _ = listbox.add_event_listener_with_callback("mousedown", on_mousedown.as_ref().unchecked_ref());
    on_mousedown.forget();

    let on_input = Closure::<dyn Fn()>::new(move || {
        open.set(true);
        active.set(None);
    });
    let on_blur = Closure::<dyn Fn()>::new(move || {
        open.set(false);
        active.set(None);
    });
    let on_key = Closure::<dyn Fn(KeyboardEvent)>::new(move |event: KeyboardEvent| {
        let count = suggestions.with_untracked(Vec::len);
        let current = active.get_untracked();
        let next = match event.key().as_str() {
            "ArrowDown" if count > 0 => Some(current.map_or(0, |index| (index + 1) % count)),
            "ArrowUp" if count > 0 => Some(current.map_or(count - 1, |index| (index + count - 1) % count)),
            "Home" if open.get_untracked() && count > 0 => Some(0),
            "End" if open.get_untracked() && count > 0 => Some(count - 1),
            "Enter" => {
                // The active suggestion of the open list, or else the form submits the field as typed.
                let was_open = open.get_untracked();
                open.set(false);
                if let Some(index) = current.filter(|_| was_open && count > 0) {
                    event.prevent_default();
                    choose(index);
                }
                return;
            }
            "Escape" if open.get_untracked() => {
                event.prevent_default();
                open.set(false);
                active.set(None);
                return;
            }
            _ => return,
        };
        event.prevent_default();
        open.set(true);
        active.set(next);
    });
    let _ = input.add_event_listener_with_callback("input", on_input.as_ref().unchecked_ref());
    let _ = input.add_event_listener_with_callback("blur", on_blur.as_ref().unchecked_ref());
    let _ = input.add_event_listener_with_callback("keydown", on_key.as_ref().unchecked_ref());
    // The listeners live as long as the field, which the widget removes with them.
    on_input.forget();
    on_blur.forget();
    on_key.forget();
    // Keys typed while this code was on its way: their suggestions show at once.
    if input.value() == field.with_untracked(|field| field.text.clone()) && !input.value().is_empty() {
        open.set(true);
    }
}

/// The suggestions' listbox, hidden, at the end of `container`.
fn listbox(container: &Element, id: &str, label: &str) -> Built {
    let listbox = child(&document(), container, "ul", "mkb-suggestions__list", "")?;
    listbox.set_attribute("role", "listbox")?;
    listbox.set_attribute("id", id)?;
    listbox.set_attribute("aria-label", label)?;
    listbox.set_attribute("hidden", "")?;
    Ok(listbox)
}

/// `listbox`'s options: one per suggestion (its ID, name and vendor), the one at `active` selected.
fn show_options(
    listbox: &Element,
    suggestions: &[(String, String, String)],
    option_id: &impl Fn(usize) -> String,
    active: Option<usize>,
) -> Built<()> {
    let document = document();
    listbox.set_text_content(None);
    for (index, (_, name, vendor)) in suggestions.iter().enumerate() {
        let option = text_child(&document, listbox, "li", "mkb-suggestions__option", "suggestion", name)?;
        option.set_attribute("role", "option")?;
        option.set_attribute("id", &option_id(index))?;
        option.set_attribute("data-index", &index.to_string())?;
        option.set_attribute("aria-selected", true_or_false(active == Some(index)))?;
        option.append_with_str_1(" ")?;
        text_child(&document, &option, "span", "mkb-suggestions__vendor", "", vendor)?;
    }
    Ok(())
}
