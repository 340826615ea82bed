//! One missing KB as a card: what it is, how many machines lack it, and where to get it.
//!
//! Cards are built with plain DOM calls, not a Leptos view: a list holds up to 10,000 of
//! them and none ever changes once built, so they need no reactive state. A view per card
//! cost the wasm 10 KB gzip and rendered 1,000 cards 1.6 times slower than hand-written
//! JavaScript (bench/results.md). Text goes in as `textContent` and the bar's width through
//! the CSSOM, so nothing from the network becomes markup and a strict CSP holds.

use missing_kbs_core::{bar_width, MissingKb, Texts, UpdateCatalogLink};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Document, Element, HtmlElement};

/// What building a card returns: the DOM refuses nothing it is asked here, but its calls
/// can throw, and a throw becomes an error to report, not a panic.
pub type Built<T = Element> = Result<T, JsValue>;

/// The fixed strings every card passes to the DOM: its tags, classes, test IDs and attributes.
const CARD_STRINGS: &[&str] = &[
    "li",
    "article",
    "h3",
    "p",
    "dl",
    "div",
    "dt",
    "dd",
    "a",
    "span",
    "data-testid",
    "data-value",
    "aria-hidden",
    "true",
    "width",
    "href",
    "target",
    "rel",
    "mkb-grid__item",
    "mkb-card",
    "kb-card",
    "mkb-card__title",
    "kb-number",
    "mkb-card__name",
    "kb-name",
    "mkb-card__facts",
    "mkb-card__fact mkb-card__fact--machines",
    "machines-missing",
    "mkb-card__bar",
    "mkb-card__bar-fill",
    "mkb-card__fact",
    "cves-addressed",
    "mkb-card__fact mkb-card__fact--wide",
    "products",
    "mkb-card__link",
    "noopener noreferrer",
    "catalog-link",
    "mkb-visually-hidden",
    "_blank",
];

/// Builds the cards of one list, which share the most-missed count and the language.
pub struct CardBuilder {
    document: Document,
    /// The largest machine count in the list: each card's bar shows its share of it,
    /// so the KBs to deploy first stand out at a glance.
    most_missed: u64,
    texts: &'static Texts,
}

impl CardBuilder {
    /// Also interns the strings each card repeats (wasm-bindgen's `intern`), so that thousands
    /// of cards pass the same JavaScript strings instead of decoding each from wasm memory again.
    pub fn new(document: Document, most_missed: u64, texts: &'static Texts) -> Self {
        let labels = [
            texts.machines_missing_it,
            texts.cves_addressed,
            texts.products,
            texts.open_in_catalog,
            texts.unknown,
            texts.none_listed,
            texts.no_catalog_link,
        ];
        for text in CARD_STRINGS.iter().copied().chain(labels) {
            wasm_bindgen::intern(text);
        }
        Self { document, most_missed, texts }
    }

    pub fn document(&self) -> &Document {
        &self.document
    }

    /// The card for `kb`, in the list item that holds it.
    pub fn card(&self, kb: &MissingKb) -> Built {
        let texts = self.texts;
        let label = kb.kb_label().unwrap_or_else(|| texts.unknown_kb.to_owned());
        let item = self.element("li", "mkb-grid__item")?;
        let card = self.child(&item, "article", "mkb-card", "kb-card")?;
        self.text_child(&card, "h3", "mkb-card__title", "kb-number", &label)?;
        let name = kb.name.as_deref().unwrap_or(texts.name_unknown);
        self.text_child(&card, "p", "mkb-card__name", "kb-name", name)?;

        let facts = self.child(&card, "dl", "mkb-card__facts", "")?;
        let machines = self.fact(&facts, "mkb-card__fact mkb-card__fact--machines", texts.machines_missing_it)?;
        let count = self.text_child(&machines, "dd", "", "machines-missing", &self.count(kb.machine_missed_on))?;
        if let Some(n) = kb.machine_missed_on {
            count.set_attribute("data-value", &n.to_string())?;
        }
        let bar = self.child(&machines, "div", "mkb-card__bar", "")?;
        bar.set_attribute("aria-hidden", "true")?;
        let fill: HtmlElement = self.child(&bar, "div", "mkb-card__bar-fill", "")?.unchecked_into();
        fill.style().set_property("width", &bar_width(kb.machine_missed_on, self.most_missed))?;

        let cves = self.fact(&facts, "mkb-card__fact", texts.cves_addressed)?;
        self.text_child(&cves, "dd", "", "cves-addressed", &self.count(kb.cve_addressed))?;
        let products = self.fact(&facts, "mkb-card__fact mkb-card__fact--wide", texts.products)?;
        self.text_child(&products, "dd", "", "products", &self.products(kb))?;
        if let Some(build) = kb.os_build {
            let os_build = self.fact(&facts, "mkb-card__fact", texts.os_build)?;
            self.text_child(&os_build, "dd", "", "", &build.to_string())?;
        }

        match UpdateCatalogLink::for_kb(kb) {
            Some(link) => {
                let anchor = self.child(&card, "a", "mkb-card__link", "catalog-link")?;
                anchor.set_attribute("href", link.as_str())?;
                anchor.set_attribute("target", "_blank")?;
                anchor.set_attribute("rel", "noopener noreferrer")?;
                anchor.append_with_str_1(texts.open_in_catalog)?;
                self.text_child(&anchor, "span", "mkb-visually-hidden", "", &texts.opens_in_new_tab(&label))?;
            }
            None => {
                self.text_child(&card, "p", "mkb-card__no-link", "", texts.no_catalog_link)?;
            }
        }
        Ok(item)
    }

    fn count(&self, value: Option<u64>) -> String {
        value.map_or_else(|| self.texts.unknown.to_owned(), |n| crate::dom::format_number(self.texts.locale, n))
    }

    fn products(&self, kb: &MissingKb) -> String {
        match &kb.products_names {
            Some(names) if !names.is_empty() => names.join(", "),
            Some(_) => self.texts.none_listed.to_owned(),
            None => self.texts.unknown.to_owned(),
        }
    }

    /// A `<div>` of the facts list with its term; its value goes in after.
    fn fact(&self, facts: &Element, class: &str, term: &str) -> Built {
        let fact = self.child(facts, "div", class, "")?;
        self.text_child(&fact, "dt", "", "", term)?;
        Ok(fact)
    }

    fn element(&self, tag: &str, class: &str) -> Built {
        let element = self.document.create_element(tag)?;
        if !class.is_empty() {
            element.set_class_name(class);
        }
        Ok(element)
    }

    /// A new `tag` element at the end of `parent`, with these class and test ID when not empty.
    fn child(&self, parent: &Element, tag: &str, class: &str, test_id: &str) -> Built {
        let child = self.element(tag, class)?;
        if !test_id.is_empty() {
            child.set_attribute("data-testid", test_id)?;
        }
        parent.append_child(&child)?;
        Ok(child)
    }

    /// [`Self::child`] holding `text`, as text: never parsed as markup.
    fn text_child(&self, parent: &Element, tag: &str, class: &str, test_id: &str, text: &str) -> Built {
        let child = self.child(parent, tag, class, test_id)?;
        child.set_text_content(Some(text));
        Ok(child)
    }
}
