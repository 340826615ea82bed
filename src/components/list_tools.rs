//! What acts on a loaded list: how old it is, with Refresh, and, when it has KBs, the sort,
//! filter and export toolbar. Its code is a wasm part that loads later (ARCHITECTURE.md, "Code
//! that loads later"): it is fetched once a list's first cards are painted, and they never
//! wait for it.

use std::sync::Arc;
use std::time::Duration;

use leptos::prelude::*;
use leptos::wasm_split::{wasm_split, SplitLoaderError};
use missing_kbs_core::{MissingKbList, ShownKbs, SoftwareId, Texts};
use web_sys::HtmlElement;

use super::kb_toolbar::KbToolbar;
use super::loaded_age::LoadedAge;
use super::part_slot::{part_slot, MountedPart};
use crate::controller::WidgetController;

/// What the tools of one loaded list need.
#[derive(Clone)]
pub struct ListTools {
    pub id: SoftwareId,
    pub list: Arc<MissingKbList>,
    pub loaded_at: f64,
    pub from_cache: bool,
    /// What the list shows, when it has KBs to sort, filter and export.
    pub shown: Option<Memo<ShownKbs>>,
    pub controller: WidgetController,
    pub texts: &'static Texts,
    pub prefix: String,
}

/// Where the list's tools appear once their code is here (at once, after a first list),
/// or why they are missing, with Retry.
pub fn tools_slot(tools: ListTools) -> impl IntoView {
    // Not before the first cards are on the screen: fetching and compiling the part would
    // hold them back. A frame callback, then a task: the frame is painted by then.
    let painted = RwSignal::new(false);
    request_animation_frame(move || {
        set_timeout(
            move || {
                let _ = painted.try_set(true);
            },
            Duration::ZERO,
        )
    });
    let texts = tools.texts;
    let tools = move || {
        let tools = tools.clone();
        painted.get().then(|| part_slot(texts, None, move |slot| mount_list_tools(slot, tools.clone())))
    };
    view! { <div class="mkb-tools" data-testid="list-tools">{tools}</div> }
}

#[wasm_split(tools, wasm_split_path = ::leptos::wasm_split, fallible)]
fn mount_list_tools(slot: HtmlElement, tools: ListTools) -> Result<MountedPart, SplitLoaderError> {
    let ListTools { id, list, loaded_at, from_cache, shown, controller, texts, prefix } = tools;
    if !controller.is_mounted() {
        return Ok(Box::new(()));
    }
    Ok(Box::new(leptos::mount::mount_to(slot, move || {
        let toolbar = shown.map(|shown| view! { <KbToolbar id list controller shown texts prefix /> });
        view! {
            <LoadedAge loaded_at from_cache texts controller />
            {toolbar}
        }
    })))
}
