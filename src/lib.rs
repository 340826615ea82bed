//! missing-kbs: a browser widget that shows the Windows security updates (KBs)
//! an organisation's machines still miss for one piece of software, as
//! Microsoft Defender for Endpoint reports them.
//!
//! The rules live in [`missing_kbs_core`]; this crate reads the host's options
//! (`host_options`, `token`), fetches each kind of answer (`endpoints`, over `transport`)
//! within the page-wide limits (`rate_limit`, `clock`), keeps each widget's state (`load`,
//! `session_cache`, `controller`), renders it (`shell`, the first download's views, and
//! `components`, the views of the parts that load later, which only `parts` reaches; with
//! `intl` for numbers and ages, `clipboard` and `file_download` for what the user takes away),
//! chooses the language it speaks and installs its texts (`language_catalogue`) and exposes
//! the JavaScript contract (`embed`, `host_events`, `stopped_texts`, `standalone_exports`,
//! with the standalone page's part in `standalone_page`).

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
mod parts;
mod rate_limit;
mod session_cache;
mod shell;
mod standalone_exports;
mod standalone_page;
mod stopped_texts;
mod token;
mod transport;

pub use embed::{mount, WidgetHandle};
pub use language_catalogue::{add_texts, texts_to_load};
pub use standalone_exports::{page_texts, standalone_config};
pub use stopped_texts::stopped_texts;

// Talc instead of the standard library's dlmalloc: smaller in wasm (docs/size.md).
// Only there: on any other target (a host `cargo check`, rust-analyzer) the system allocator stays.
#[cfg(all(target_family = "wasm", not(target_feature = "atomics")))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();
