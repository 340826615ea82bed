//! missing-kbs: a browser widget that shows the Windows security updates (KBs)
//! an organisation's machines still miss for one piece of software, as
//! Microsoft Defender for Endpoint reports them.
//!
//! The rules live in [`missing_kbs_core`]; this crate reads the host's options
//! (`host_options`, `token`), fetches (`transport`), keeps each widget's state
//! (`loader`, `controller`), renders it (`components`), installs the texts of
//! the language it speaks (`language_catalogue`) and exposes the JavaScript
//! contract (`embed`).

mod components;
mod controller;
mod dom;
mod embed;
mod host_events;
mod host_options;
mod language_catalogue;
mod loader;
mod panic_guard;
mod standalone_exports;
mod timing;
mod token;
mod transport;

pub use embed::{mount, WidgetHandle};
pub use language_catalogue::{add_texts, texts_to_load};
pub use panic_guard::stopped_texts;
pub use standalone_exports::{page_texts, standalone_config};
