//! If the widget ever panics, say so in every widget on the page instead of leaving broken markup.
//!
//! All widgets share one wasm module, which a panic leaves unusable, so the
//! hook replaces each widget's content with a plain "reload the page" card,
//! built with the DOM directly (the reactive system may be what failed), and
//! fires `missingkbs:error` with kind `panic` on each host element.

use std::cell::RefCell;

use missing_kbs_core::Locale;
use web_sys::HtmlElement;

use crate::host_events::HostEvents;

thread_local! {
    /// Every mounted widget's host element and language, by widget ID.
    static HOSTS: RefCell<Vec<(u32, HtmlElement, Locale)>> = const { RefCell::new(Vec::new()) };
}

pub fn register(id: u32, host: HtmlElement, locale: Locale) {
    let _ = HOSTS.try_with(|hosts| hosts.try_borrow_mut().map(|mut hosts| hosts.push((id, host, locale))));
}

pub fn unregister(id: u32) {
    let _ = HOSTS.try_with(|hosts| hosts.try_borrow_mut().map(|mut hosts| hosts.retain(|(other, ..)| *other != id)));
}

/// Installs the hook once, when the module starts.
pub fn install() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        let hosts = HOSTS.try_with(|hosts| hosts.try_borrow().map(|hosts| hosts.clone()).unwrap_or_default());
        for (_, host, locale) in hosts.unwrap_or_default() {
            show_stopped_card(&host, locale);
            HostEvents::new(host).stopped();
        }
    }));
}

fn show_stopped_card(host: &HtmlElement, locale: Locale) {
    let texts = locale.texts();
    let Some(document) = host.owner_document() else { return };
    let element = |tag: &str, class: &str, text: &str| {
        let element = document.create_element(tag).ok()?;
        element.set_class_name(class);
        element.set_text_content(Some(text));
        Some(element)
    };
    let (Some(card), Some(title), Some(body)) = (
        element("div", "mkb-error", ""),
        element("h2", "mkb-error__title", texts.widget_stopped_title),
        element("p", "mkb-error__message", texts.widget_stopped_body),
    ) else {
        return;
    };
    let _ = card.set_attribute("role", "alert");
    let _ = card.set_attribute("data-testid", "widget-stopped");
    let _ = card.append_child(&title);
    let _ = card.append_child(&body);
    let Some(section) = element("section", "mkb", "") else { return };
    let _ = section.set_attribute("lang", locale.tag());
    let _ = section.append_child(&card);
    host.set_text_content(None);
    let _ = host.append_child(&section);
}
