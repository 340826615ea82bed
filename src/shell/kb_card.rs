//! One missing KB as a card: what it is, how many machines lack it, and where to get it.
//!
//! Cards are plain DOM, not a Leptos view: a list holds up to 10,000 of them and none ever
//! changes once built, so they need no reactive state. A view per card cost the wasm 10 KB
//! gzip and rendered 1,000 cards 1.6 times slower than hand-written JavaScript.
//!
//! One template card holds the markup, classes and labels. For each KB, `web/card-filler.js`
//! fills its blanks and the browser clones it: the card's texts cross from wasm to JavaScript
//! as one string, decoded once (a string per blank spent more time decoding than building).
//! Text goes in as `textContent` and the bar's width through the CSSOM, so nothing from the
//! network becomes markup and a strict CSP holds.

use missing_kbs_core::{bar_width, MissingKb, Texts, UpdateCatalogLink};
use wasm_bindgen::prelude::*;
use web_sys::{Document, Element};

use crate::dom::{child, element, fact, text_child, Built};

#[wasm_bindgen(module = "/web/card-filler.js")]
extern "C" {
    /// Fills the template card's blanks and clones it (web/card-filler.js).
    type CardFiller;

    #[wasm_bindgen(constructor)]
    fn new(item: &Element, blanks: &js_sys::Array, locale: &str, unknown: &str) -> CardFiller;

    /// `texts` as [`pack`] writes them; a count is `undefined` when Defender did not say.
    #[wasm_bindgen(method, catch)]
    fn card(this: &CardFiller, texts: &str, machines: Option<f64>, cves: Option<f64>) -> Result<Element, JsValue>;
}

/// Makes the cards of one list, which share the most-missed count and the language.
pub struct CardBuilder {
    document: Document,
    /// The largest machine count in the list: each card's bar shows its share of it,
    /// so the KBs to deploy first stand out at a glance.
    most_missed: u64,
    texts: &'static Texts,
    /// Makes the ids of a card's details panel unique to the widget.
    prefix: String,
    filler: CardFiller,
}

impl CardBuilder {
    pub fn new(document: Document, most_missed: u64, texts: &'static Texts, prefix: String) -> Built<Self> {
        let (item, blanks) = template(&document, texts)?;
        let filler = CardFiller::new(&item, &blanks, texts.locale.tag(), texts.unknown);
        Ok(Self { document, most_missed, texts, prefix, filler })
    }

    pub fn document(&self) -> &Document {
        &self.document
    }

    /// The card for `kb`, in the list item that holds it.
    pub fn card(&self, kb: &MissingKb) -> Built {
        let texts = self.texts;
        let label = kb.kb_label().unwrap_or_else(|| texts.unknown_kb.to_owned());
        let link = UpdateCatalogLink::for_kb(kb);
        let link_context = link.as_ref().map(|_| texts.opens_in_new_tab(&label)).unwrap_or_default();
        // The Details button names its panel; kb_list.rs opens it (KBs without a number have none).
        let (panel_id, panel_label) = match &kb.id {
            Some(digits) => {
                (format!("{}-details-{digits}", self.prefix), texts.with(texts.details_label, "kb", &label))
            }
            None => Default::default(),
        };
        let packed = pack(&[
            &label,
            kb.name.as_deref().unwrap_or(texts.name_unknown),
            &bar_width(kb.machine_missed_on, self.most_missed),
            &self.products(kb),
            link.as_ref().map_or("", |link| link.as_str()),
            &link_context,
            kb.id.as_deref().unwrap_or(""),
            &panel_id,
            &panel_label,
        ]);
        // u64 counts of machines and CVEs are far below 2^53, where f64 stays exact.
        let item =
            self.filler.card(&packed, kb.machine_missed_on.map(|n| n as f64), kb.cve_addressed.map(|n| n as f64))?;
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

/// The template card's list item, and its blanks in the order web/card-filler.js takes them.
fn template(document: &Document, texts: &Texts) -> Built<(Element, js_sys::Array)> {
    // An item of the list (kb_list.rs) through the group it is in (shown_cards.rs), which has no role.
    let item = element(document, "div", "mkb-grid__item")?;
    item.set_attribute("role", "listitem")?;
    let card = child(document, &item, "article", "mkb-card", "kb-card")?;
    let title = child(document, &card, "h3", "mkb-card__title", "kb-number")?;
    let name = child(document, &card, "p", "mkb-card__name", "kb-name")?;

    let facts = child(document, &card, "dl", "mkb-card__facts", "")?;
    let machines_fact = fact(document, &facts, "mkb-card__fact mkb-card__fact--machines", texts.machines_missing_it)?;
    let machines = child(document, &machines_fact, "dd", "", "machines-missing")?;
    let bar = child(document, &machines_fact, "div", "mkb-card__bar", "")?;
    bar.set_attribute("aria-hidden", "true")?;
    let bar_fill = child(document, &bar, "div", "mkb-card__bar-fill", "")?;
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
    let blanks = [title, name, machines, bar_fill, cves, products, link, link_context, details, panel];
    Ok((item, blanks.into_iter().map(JsValue::from).collect()))
}

/// `texts` for web/card-filler.js: their lengths in UTF-16 code units, comma-separated, a
/// colon, then the texts one after the other. Any character may be in a text.
fn pack(texts: &[&str]) -> String {
    let lengths: Vec<String> = texts.iter().map(|text| text.encode_utf16().count().to_string()).collect();
    let mut packed = lengths.join(",");
    packed.push(':');
    packed.extend(texts.iter().copied());
    packed
}

/// A template card always has the parts a card looks for in its clone.
fn lost_part() -> JsValue {
    "missing-kbs: a card lost a part of its template".into()
}
