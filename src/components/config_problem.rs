//! Why no list is shown when the host's options cannot be used (a failure's view is
//! `error_panel.rs`). Mounted by the `problem` part (`parts.rs`): a widget that shows its list
//! never fetches it. (A wait's countdown stays in the first download: it is built again every
//! second, and a view that loads later would be built anew each time.)

use leptos::prelude::*;
use missing_kbs_core::{ConfigProblem, Texts};

use crate::language_catalogue::later_texts;

#[component]
pub fn ConfigProblemView(problem: ConfigProblem, texts: &'static Texts) -> impl IntoView {
    let later = later_texts(texts.locale);
    view! {
        <div class="mkb-error" role="alert" data-testid="config-error">
            <h2 class="mkb-error__title">{later.config_error_title}</h2>
            <p class="mkb-error__message">{later.config_problem(texts, &problem)}</p>
        </div>
    }
}
