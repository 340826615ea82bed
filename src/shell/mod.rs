//! The widget's first download: its frame (`widget.rs`), the loaded list and its cards. What only some views need is in parts that load later, which the frame asks
//! for through `parts.rs`.

mod kb_card;
mod kb_list;
mod shown_cards;
mod widget;

pub use widget::MissingKbsWidget;

use std::sync::atomic::{AtomicU32, Ordering};

/// A prefix for element ids that is unique to one widget instance, since a page may hold several.
fn instance_prefix() -> String {
    static NEXT: AtomicU32 = AtomicU32::new(1);
    format!("mkb{}", NEXT.fetch_add(1, Ordering::Relaxed))
}
