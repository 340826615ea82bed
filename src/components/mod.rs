//! The views of the parts that load later: Leptos components that turn state and core values
//! into markup, with plain DOM (`dom.rs`) for what is built once and changes only row by row.
//! `parts.rs` mounts them; nothing else reaches them (ARCHITECTURE.md).

mod config_problem;
mod device_finder;
mod device_header;
mod error_panel;
mod finder;
mod finder_choice;
mod id_suggestions;
mod kb_details;
mod list_tools;
mod loaded_age;
mod software_id_form;

pub use config_problem::ConfigProblemView;
pub use device_header::DeviceHeader;
pub use error_panel::ErrorPanel;
pub use finder_choice::Finder;
pub use id_suggestions::attach_suggestions;
pub use kb_details::DetailsPanel;
pub use list_tools::ListTools;
pub use software_id_form::{SoftwareIdForm, Suggest};
