//! The cards on the page, in the order the sort and filter give: each card is built once,
//! when first shown, and later changes of order move it instead of building it again.

use std::sync::Arc;

use web_sys::Element;

use super::kb_card::{Built, CardBuilder};
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

    /// Makes `container` hold the cards of `indices`, in that order. When the page already
    /// holds the first of them in order (the list growing a chunk at a time), only the rest
    /// are added; otherwise all are put in again in one `replaceChildren`.
    pub fn show(&mut self, container: &Element, indices: &[usize]) -> Built<()> {
        let kept = if indices.starts_with(&self.on_page) { self.on_page.len() } else { 0 };
        let fragment = self.builder.document().create_document_fragment();
        for &index in &indices[kept..] {
            let card = self.card(index)?;
            fragment.append_child(&card)?;
        }
        if kept == 0 {
            container.replace_children_with_node_1(&fragment);
        } else {
            container.append_child(&fragment)?;
        }
        self.on_page = indices.to_vec();
        Ok(())
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
