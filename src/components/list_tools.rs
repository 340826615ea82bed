//! What acts on a loaded list: how old it is, with Refresh, and, when it has KBs, the sort,
//! filter and export toolbar. Its code is a wasm part that loads later (ARCHITECTURE.md, "Code
//! that loads later"): it is fetched once a list's first cards are painted, and they never
//! wait for it.

use std::sync::Arc;
use std::time::Duration;

use leptos::prelude::*;
use leptos::wasm_split::{wasm_split, SplitLoaderError};
use missing_kbs_core::{MissingKbList, ShownKbs, SoftwareId, Texts};

use super::kb_toolbar::KbToolbar;
use super::loaded_age::LoadedAge;
use super::loaded_later::loaded_later;
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
    let attempt = RwSignal::new(0_u32);
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
        attempt.track();
        let tools = tools.clone();
        painted.get().then(|| Suspend::new(async move { loaded_later(list_tools(tools).await, texts, attempt, None) }))
    };
    view! { <div class="mkb-tools" data-testid="list-tools">{tools}</div> }
}

#[wasm_split(tools, wasm_split_path = ::leptos::wasm_split, fallible)]
fn list_tools(tools: ListTools) -> Result<AnyView, SplitLoaderError> {
    let ListTools { id, list, loaded_at, from_cache, shown, controller, texts, prefix } = tools;
    // The widget may have been unmounted while this code was on its way.
    if controller.view.try_with_untracked(|_| ()).is_none() {
        return Ok(().into_any());
    }
    let toolbar = shown.map(|shown| view! { <KbToolbar id list controller shown texts prefix /> });
    Ok(view! {
        <LoadedAge loaded_at from_cache texts controller />
        {toolbar}
    }
    .into_any())
}
