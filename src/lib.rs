//! missing-kbs: a browser widget that shows the Windows security updates (KBs)
//! an organisation's machines still miss for one piece of software, as
//! Microsoft Defender for Endpoint reports them.
//!
//! The rules live in [`missing_kbs_core`]; this crate reads the host's options
//! (`host_options`, `token`), fetches (`transport`) within the page-wide limits
//! (`rate_limit`, `clock`), keeps each widget's state (`loader`, `controller`),
//! renders it (`components`, with `intl` for numbers and ages, `clipboard` and
//! `file_download` for what the user takes away), installs the texts of the
//! language it speaks (`language_catalogue`) and exposes the JavaScript contract
//! (`embed`, `host_events`, `panic_guard`, `standalone_exports`).

mod clipboard;
mod clock;
mod components;
mod controller;
mod embed;
mod endpoints;
mod file_download;
mod host_events;
mod host_options;
mod intl;
mod js_object;
pub(crate) mod language_catalogue;
mod load;
mod panic_guard;
mod rate_limit;
mod standalone_exports;
mod token;
mod transport;

pub use embed::{mount, WidgetHandle};
pub use language_catalogue::{add_texts, texts_to_load};
pub use panic_guard::stopped_texts;
pub use standalone_exports::{page_texts, standalone_config};

// Talc instead of the standard library's dlmalloc: smaller in wasm (README, "Download size").
// Only there: on any other target (a host `cargo check`, rust-analyzer) the system allocator stays.
#[cfg(all(target_family = "wasm", not(target_feature = "atomics")))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();
