//! missing-kbs: a browser widget that shows the Windows security updates (KBs)
//! an organisation's machines still miss for one piece of software, as
//! Microsoft Defender for Endpoint reports them.
//!
//! The rules live in [`missing_kbs_core`]; this crate fetches (`transport`),
//! keeps the view's state (`loader`) and renders it (`components`).

mod components;
mod dom;
mod loader;
pub mod standalone;
mod transport;

pub use components::MissingKbsWidget;
pub use missing_kbs_core as core;
