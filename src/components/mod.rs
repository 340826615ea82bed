//! The views of the parts that load later: plain Leptos components that turn state and core
//! values into markup. `parts.rs` mounts them; nothing else reaches them (ARCHITECTURE.md).

mod config_problem;
mod error_panel;
mod finder;
mod id_suggestions;
mod kb_details;
mod list_tools;
mod loaded_age;

pub use config_problem::ConfigProblemView;
pub use error_panel::ErrorPanel;
pub use finder::SoftwareFinder;
pub use id_suggestions::attach_suggestions;
pub use kb_details::DetailsPanel;
pub use list_tools::ListTools;
