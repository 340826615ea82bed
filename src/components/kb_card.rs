//! One missing KB as a card: what it is, how many machines lack it, and where to get it.
//!
//! Cards are plain DOM, not a Leptos view: a list holds up to 10,000 of them and none ever
//! changes once built, so they need no reactive state. A view per card cost the wasm 10 KB
//! gzip and rendered 1,000 cards 1.6 times slower than hand-written JavaScript.
//!
//! One template card holds the markup, classes and labels. For each KB its blanks are filled
//! in and the browser clones it, so a card crosses from wasm to JavaScript only its own
//! values. Text goes in as `textContent` and the bar's width through the CSSOM, so nothing
//! from the network becomes markup and a strict CSP holds.

use missing_kbs_core::{bar_width, MissingKb, Texts, UpdateCatalogLink};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Document, Element, HtmlElement};

/// What building a card returns: the DOM refuses nothing it is asked here, but its calls
/// can throw, and a throw becomes an error to report, not a panic.
pub type Built<T = Element> = Result<T, JsValue>;

/// Makes the cards of one list, which share the most-missed count and the language.
pub struct CardBuilder {
    document: Document,
    /// The largest machine count in the list: each card's bar shows its share of it,
    /// so the KBs to deploy first stand out at a glance.
    most_missed: u64,
    texts: &'static Texts,
    /// Makes the ids of a card's details panel unique to the widget.
    prefix: String,
    template: Blanks,
}

/// The template card and the elements of it that differ from one KB to the next.
struct Blanks {
    item: Element,
    title: Element,
    name: Element,
    machines: Element,
    bar_fill: HtmlElement,
    cves: Element,
    products: Element,
    link: Element,
    link_context: Element,
    details: Element,
    panel: Element,
}

impl CardBuilder {
    pub fn new(document: Document, most_missed: u64, texts: &'static Texts, prefix: String) -> Built<Self> {
        let template = Blanks::build(&document, texts)?;
        Ok(Self { document, most_missed, texts, prefix, template })
    }

    pub fn document(&self) -> &Document {
        &self.document
    }

    /// The card for `kb`, in the list item that holds it.
    pub fn card(&self, kb: &MissingKb) -> Built {
        let (texts, blanks) = (self.texts, &self.template);
        let label = kb.kb_label().unwrap_or_else(|| texts.unknown_kb.to_owned());
        blanks.title.set_text_content(Some(&label));
        blanks.name.set_text_content(Some(kb.name.as_deref().unwrap_or(texts.name_unknown)));
        blanks.machines.set_text_content(Some(&crate::intl::format_count(self.texts, kb.machine_missed_on)));
        match kb.machine_missed_on {
            Some(n) => blanks.machines.set_attribute("data-value", &n.to_string())?,
            None => blanks.machines.remove_attribute("data-value")?,
        }
        blanks.bar_fill.style().set_property("width", &bar_width(kb.machine_missed_on, self.most_missed))?;
        blanks.cves.set_text_content(Some(&crate::intl::format_count(self.texts, kb.cve_addressed)));
        blanks.products.set_text_content(Some(&self.products(kb)));
        let link = UpdateCatalogLink::for_kb(kb);
        if let Some(link) = &link {
            blanks.link.set_attribute("href", link.as_str())?;
            blanks.link_context.set_text_content(Some(&texts.opens_in_new_tab(&label)));
        }

        // The Details button names its panel; kb_list.rs opens it (KBs without a number have none).
        if let Some(digits) = &kb.id {
            let panel_id = format!("{}-details-{digits}", self.prefix);
            blanks.details.set_attribute("data-kb", digits)?;
            blanks.details.set_attribute("aria-controls", &panel_id)?;
            blanks.panel.set_attribute("id", &panel_id)?;
            blanks.panel.set_attribute("aria-label", &texts.with(texts.details_label, "kb", &label))?;
        }

        let item: Element = blanks.item.clone_node_with_deep(true)?.unchecked_into();
        if kb.id.is_none() {
            let card = item.first_element_child().ok_or_else(lost_part)?;
            card.last_element_child().ok_or_else(lost_part)?.remove();
            card.last_element_child().ok_or_else(lost_part)?.remove();
        }
        // The rare KBs that have an OS build or no link change the cloned card's shape.
        if link.is_none() || kb.os_build.is_some() {
            let card = item.first_element_child().ok_or_else(lost_part)?;
            let anchor = card.query_selector(".mkb-card__link")?.ok_or_else(lost_part)?;
            if let Some(build) = kb.os_build {
                let facts = anchor.previous_element_sibling().ok_or_else(lost_part)?;
                let fact = fact(&self.document, &facts, "mkb-card__fact", texts.os_build)?;
                text_child(&self.document, &fact, "dd", "", "", &build.to_string())?;
            }
            if link.is_none() {
                let note = element(&self.document, "p", "mkb-card__no-link")?;
                note.set_text_content(Some(texts.no_catalog_link));
                anchor.replace_with_with_node_1(&note)?;
            }
        }
        Ok(item)
    }

    fn products(&self, kb: &MissingKb) -> String {
        match &kb.products_names {
            Some(names) if !names.is_empty() => names.join(", "),
            Some(_) => self.texts.none_listed.to_owned(),
            None => self.texts.unknown.to_owned(),
        }
    }
}

impl Blanks {
    fn build(document: &Document, texts: &Texts) -> Built<Self> {
        let item = element(document, "li", "mkb-grid__item")?;
        let card = child(document, &item, "article", "mkb-card", "kb-card")?;
        let title = child(document, &card, "h3", "mkb-card__title", "kb-number")?;
        let name = child(document, &card, "p", "mkb-card__name", "kb-name")?;

        let facts = child(document, &card, "dl", "mkb-card__facts", "")?;
        let machines_fact =
            fact(document, &facts, "mkb-card__fact mkb-card__fact--machines", texts.machines_missing_it)?;
        let machines = child(document, &machines_fact, "dd", "", "machines-missing")?;
        let bar = child(document, &machines_fact, "div", "mkb-card__bar", "")?;
        bar.set_attribute("aria-hidden", "true")?;
        let bar_fill = child(document, &bar, "div", "mkb-card__bar-fill", "")?.unchecked_into();
        let cves_fact = fact(document, &facts, "mkb-card__fact", texts.cves_addressed)?;
        let cves = child(document, &cves_fact, "dd", "", "cves-addressed")?;
        let products_fact = fact(document, &facts, "mkb-card__fact mkb-card__fact--wide", texts.products)?;
        let products = child(document, &products_fact, "dd", "", "products")?;

        let link = child(document, &card, "a", "mkb-card__link", "catalog-link")?;
        link.set_attribute("target", "_blank")?;
        link.set_attribute("rel", "noopener noreferrer")?;
        link.append_with_str_1(texts.open_in_catalog)?;
        let link_context = child(document, &link, "span", "mkb-visually-hidden", "")?;

        let details =
            child(document, &card, "button", "mkb-button mkb-button--subtle mkb-card__details", "details-toggle")?;
        details.set_attribute("type", "button")?;
        details.set_attribute("aria-expanded", "false")?;
        details.set_text_content(Some(texts.details));
        let panel = child(document, &card, "div", "mkb-details", "details-panel")?;
        panel.set_attribute("role", "region")?;
        panel.set_attribute("hidden", "")?;
        Ok(Self { item, title, name, machines, bar_fill, cves, products, link, link_context, details, panel })
    }
}

/// A template card always has the parts a card looks for in its clone.
fn lost_part() -> JsValue {
    "missing-kbs: a card lost a part of its template".into()
}

/// A `<div>` of the facts list with its term; its value goes in after.
fn fact(document: &Document, facts: &Element, class: &str, term: &str) -> Built {
    let fact = child(document, facts, "div", class, "")?;
    text_child(document, &fact, "dt", "", "", term)?;
    Ok(fact)
}

fn element(document: &Document, tag: &str, class: &str) -> Built {
    let element = document.create_element(tag)?;
    if !class.is_empty() {
        element.set_class_name(class);
    }
    Ok(element)
}

/// A new `tag` element at the end of `parent`, with these class and test ID when not empty.
fn child(document: &Document, parent: &Element, tag: &str, class: &str, test_id: &str) -> Built {
    let child = element(document, tag, class)?;
    if !test_id.is_empty() {
        child.set_attribute("data-testid", test_id)?;
    }
    parent.append_child(&child)?;
    Ok(child)
}

/// [`child`] holding `text`, as text: never parsed as markup.
fn text_child(document: &Document, parent: &Element, tag: &str, class: &str, test_id: &str, text: &str) -> Built {
    let child = child(document, parent, tag, class, test_id)?;
    child.set_text_content(Some(text));
    Ok(child)
}
