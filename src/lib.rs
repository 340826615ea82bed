//! missing-kbs: a browser widget that shows the Windows security updates (KBs)
//! an organisation's machines still miss for one piece of software, as
//! Microsoft Defender for Endpoint reports them.
//!
//! The rules live in [`missing_kbs_core`]; this crate reads the host's options
//! (`host_options`, `token`), fetches each kind of answer (`endpoints`, over `transport`)
//! within the page-wide limits (`rate_limit`, `clock`), keeps each widget's state (`load`,
//! `session_cache`, `controller`), renders it (`shell`, the first download's views, and
//! `components`, the views of the parts that load later, which only `parts` reaches; with
//! `dom` for what is built once as plain DOM, `effects` for what keeps it, `intl` for numbers
//! and ages, `clipboard` and `file_download` for what the user takes away),
//! chooses the language it speaks and installs its texts (`language_catalogue`) and exposes
//! the JavaScript contract (`embed`, `host_events`, `stopped_texts`, `standalone_exports`,
//! with the standalone page's part in `standalone_page`).
//!
//! The views and the JavaScript contract (`components`, `dom`, `embed`, `parts`, `shell`, and the
//! standalone page's) stay out of the test build of `src/load/tests.rs`: the parts' imports
//! in them are filled only by the size build's wasm-split, and the state beneath needs none.
#![cfg_attr(test, allow(dead_code, unused_imports))]

mod clipboard;
mod clock;
#[cfg(not(test))]
mod components;
mod controller;
#[cfg(not(test))]
mod dom;
mod effects;
#[cfg(not(test))]
mod embed;
mod endpoints;
mod file_download;
mod host_events;
mod host_options;
mod intl;
mod js_object;
pub(crate) mod language_catalogue;
mod load;
#[cfg(not(test))]
mod parts;
mod rate_limit;
mod session_cache;
#[cfg(not(test))]
mod shell;
#[cfg(not(test))]
mod standalone_exports;
#[cfg(not(test))]
mod standalone_page;
mod stopped_texts;
mod token;
mod transport;

#[cfg(not(test))]
pub use embed::{mount, WidgetHandle};
pub use language_catalogue::{add_texts, texts_to_load};
#[cfg(not(test))]
pub use standalone_exports::{page_texts, prepare_finder, standalone_config};
pub use stopped_texts::stopped_texts;

// Talc instead of the standard library's dlmalloc: smaller in wasm (docs/size.md).
// Only there: on any other target (a host `cargo check`, rust-analyzer) the system allocator stays.
#[cfg(all(target_family = "wasm", not(target_feature = "atomics")))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();
