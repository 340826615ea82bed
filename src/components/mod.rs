//! Thin Leptos components that turn core values into markup.

mod error_panel;
mod finder;
mod id_combobox;
mod kb_card;
mod kb_details;
mod kb_list;
mod kb_toolbar;
mod list_problem;
mod list_tools;
mod loaded_age;
mod part_slot;
mod shown_cards;
mod software_id_form;
mod widget;

pub use finder::reload_inventory;
pub use widget::MissingKbsWidget;

use std::sync::atomic::{AtomicU32, Ordering};

/// A prefix for element ids that is unique to one widget instance, since a page may hold several.
fn instance_prefix() -> String {
    static NEXT: AtomicU32 = AtomicU32::new(1);
    format!("mkb{}", NEXT.fetch_add(1, Ordering::Relaxed))
}
