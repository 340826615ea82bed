//! The finder: a choice between searching the software inventory and searching devices by
//! name, and the search chosen. Mounted by the `finder` part (`parts.rs`).

use leptos::either::Either;
use leptos::prelude::*;
use missing_kbs_core::Texts;

use super::device_finder::DeviceFinder;
use super::finder::SoftwareFinder;
use crate::controller::{FinderTab, WidgetController};
use crate::dom::true_or_false;
use crate::language_catalogue::later_texts;

#[component]
pub fn Finder(controller: WidgetController, texts: &'static Texts, prefix: String) -> impl IntoView {
    let later = later_texts(texts.locale);
    let finder = controller.finder;
    let tab = Memo::new(move |_| finder.with(|finder| finder.tab));
    let choice = move |this: FinderTab, text: &'static str, testid: &'static str| {
        view! {
            <button
                type="button"
                class="mkb-chip"
                aria-pressed=move || true_or_false(tab.get() == this)
                data-testid=testid
                on:click=move |_| controller.change_finder(|finder| finder.tab = this)
            >
                {text}
            </button>
        }
    };
    let search = move || match tab.get() {
        FinderTab::Software => Either::Left(view! { <SoftwareFinder controller texts prefix=prefix.clone() /> }),
        FinderTab::Devices => Either::Right(view! {
            <div class="mkb-finder" data-testid="device-finder">
                <h2 class="mkb-finder__title">{later.tab_devices}</h2>
                <DeviceFinder controller texts prefix=prefix.clone() />
            </div>
        }),
    };
    view! {
        <div class="mkb-toolbar__chips mkb-finder__choice" role="group" aria-label=later.search_for>
            {choice(FinderTab::Software, later.tab_software, "finder-software")}
            {choice(FinderTab::Devices, later.tab_devices, "finder-devices")}
        </div>
        {search}
    }
}
