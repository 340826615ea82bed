//! Building plain DOM, for what is built once and changes only row by row or text by text: the
//! cards and the list's summary bar (`shell/`), and in the parts a KB's CVE and device sections,
//! the finder's rows and fields, the ID field's listbox and the list's toolbar (`components/`).
//! A Leptos view of such markup costs kilobytes of wasm per shape; these calls cost one import
//! each. Text goes in as `textContent`, so nothing from the network becomes markup.

use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Document, Element, Event, Node};

/// What building DOM returns: the DOM refuses nothing it is asked here, but its calls can
/// throw, and a throw becomes an error to report, not a panic.
pub type Built<T = Element> = Result<T, JsValue>;

/// A new `tag` element with this class, when not empty.
pub fn element(document: &Document, tag: &str, class: &str) -> Built {
    let element = document.create_element(tag)?;
    if !class.is_empty() {
        element.set_class_name(class);
    }
    Ok(element)
}

/// A new `tag` element at the end of `parent` (an element or a fragment), with these class and
/// test ID when not empty.
pub fn child(document: &Document, parent: &Node, tag: &str, class: &str, test_id: &str) -> Built {
    let child = element(document, tag, class)?;
    if !test_id.is_empty() {
        child.set_attribute("data-testid", test_id)?;
    }
    parent.append_child(&child)?;
    Ok(child)
}

/// [`child`] holding `text`, as text: never parsed as markup.
pub fn text_child(document: &Document, parent: &Node, tag: &str, class: &str, test_id: &str, text: &str) -> Built {
    let child = child(document, parent, tag, class, test_id)?;
    child.set_text_content(Some(text));
    Ok(child)
}

/// A `<button type="button">` at the end of `parent`, with these class, test ID and text when
/// not empty.
pub fn button(document: &Document, parent: &Node, class: &str, test_id: &str, text: &str) -> Built {
    let button = child(document, parent, "button", class, test_id)?;
    button.set_attribute("type", "button")?;
    if !text.is_empty() {
        button.set_text_content(Some(text));
    }
    Ok(button)
}

/// An ARIA state's value (`aria-pressed`, `aria-selected`, `aria-expanded`) as the attribute spells it.
pub fn true_or_false(state: bool) -> &'static str {
    if state {
        "true"
    } else {
        "false"
    }
}

/// A `<div>` of the facts list `facts` with its term; its value goes in after.
pub fn fact(document: &Document, facts: &Element, class: &str, term: &str) -> Built {
    let fact = child(document, facts, "div", class, "")?;
    text_child(document, &fact, "dt", "", "", term)?;
    Ok(fact)
}

/// A field of a toolbar at the end of `parent`: its label (of class `label_class`), then its
/// `tag` control, whose id is `id`.
pub fn field(document: &Document, parent: &Node, tag: &str, id: &str, label: &str, label_class: &str) -> Built {
    let field = element(document, "div", "mkb-toolbar__field")?;
    parent.append_child(&field)?;
    text_child(document, &field, "label", label_class, "", label)?.set_attribute("for", id)?;
    let control = child(document, &field, tag, "", "")?;
    control.set_attribute("id", id)?;
    Ok(control)
}

/// An option of `select`, selected when `selected`: a select's options are selected once, as
/// built, since only the select changes its value afterwards.
pub fn option(document: &Document, select: &Element, value: &str, text: &str, selected: bool) -> Built {
    let option = text_child(document, select, "option", "", "", text)?;
    option.set_attribute("value", value)?;
    if selected {
        option.set_attribute("selected", "")?;
    }
    Ok(option)
}

/// The element an event happened in that matches `selector`: its target or the target's
/// nearest ancestor that does. One handler on a view's host thus acts for all its controls.
pub fn event_within(event: &Event, selector: &str) -> Option<Element> {
    event.target()?.dyn_into::<Element>().ok()?.closest(selector).ok().flatten()
}

/// The number in `element`'s attribute `name`, such as a row's index in what it shows.
pub fn index_in(element: &Element, name: &str) -> Option<usize> {
    element.get_attribute(name)?.parse().ok()
}

/// The DOM calls that build what these helpers build do not throw in any browser the widget
/// supports; if one ever does, the console says so (`shown`: what could not be shown) rather
/// than the widget failing silently or panicking.
pub fn report_refusal(shown: &str, error: &JsValue) {
    web_sys::console::error_2(&format!("missing-kbs: the browser refused to show {shown}:").into(), error);
}
