//! The cards on the page, in the order the sort and filter give: each card is built once,
//! when first shown, and later changes of order move it instead of building it again.

use std::sync::Arc;

use web_sys::Element;

use super::kb_card::{Built, CardBuilder};
use crate::timing::now_ms;
use crate::transport::MissingKbList;

pub struct ShownCards {
    builder: CardBuilder,
    list: Arc<MissingKbList>,
    /// The card of each KB of the list, once built.
    built: Vec<Option<Element>>,
    /// The KBs whose cards the page holds, in order, as indices into the list.
    on_page: Vec<usize>,
}

impl ShownCards {
    pub fn new(builder: CardBuilder, list: Arc<MissingKbList>) -> Self {
        let built = vec![None; list.kbs.len()];
        Self { builder, list, built, on_page: Vec::new() }
    }

    /// Makes `container` hold the cards of `indices`, in that order, adding cards until
    /// `deadline_ms` (`Date.now()` time) has passed; returns whether it holds them all.
    ///
    /// When the page already holds the first of them in order (the list growing a task at a
    /// time), only more are added. Otherwise (the first cards, or a new order or filter) the
    /// cards are all put in again in one `replaceChildren`, and at least as many as the page
    /// held, so that no card the user could reach goes missing for a moment. The first cards
    /// replace what `container` held: Leptos reuses it when another list takes this one's place.
    pub fn show(&mut self, container: &Element, indices: &[usize], deadline_ms: f64) -> Built<bool> {
        let growing = !self.on_page.is_empty() && indices.starts_with(&self.on_page);
        let (from, at_once) = match growing {
            true => (self.on_page.len(), self.on_page.len() + 1),
            false => (0, self.on_page.len().max(1)),
        };
        let fragment = self.builder.document().create_document_fragment();
        let mut to = from;
        while to < indices.len() && (to < at_once || now_ms() < deadline_ms) {
            let card = self.card(indices[to])?;
            fragment.append_child(&card)?;
            to += 1;
        }
        if growing {
            container.append_child(&fragment)?;
        } else {
            container.replace_children_with_node_1(&fragment);
        }
        self.on_page = indices[..to].to_vec();
        Ok(to == indices.len())
    }

    fn card(&mut self, index: usize) -> Built {
        if let Some(card) = &self.built[index] {
            return Ok(card.clone());
        }
        let card = self.builder.card(&self.list.kbs[index])?;
        self.built[index] = Some(card.clone());
        Ok(card)
    }
}
