//! The cards on the page, in the order the sort and filter give: each card is built once,
//! when first shown, and later changes of order move it instead of building it again.

use std::sync::Arc;

use missing_kbs_core::{card_update, CardUpdate, MissingKbList};
use web_sys::Element;

use super::kb_card::{Built, CardBuilder};
use crate::clock::now_ms;

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
    /// `deadline_ms` (`Date.now()` time) has passed, or on until `finish_by_ms` when the cards
    /// built so far say that all of them will be in by then; returns whether it holds them all.
    ///
    /// `card_update` (core) says what changes. When every card is put in again, at least
    /// as many go in as the page held, so that no card the user could reach goes missing
    /// for a moment. The first cards replace what `container` held: Leptos reuses it when
    /// another list takes this one's place.
    pub fn show(&mut self, container: &Element, indices: &[usize], deadline_ms: f64, finish_by_ms: f64) -> Built<bool> {
        let held = match card_update(&self.on_page, indices, self.built.len()) {
            CardUpdate::Append { held } => Some(held),
            CardUpdate::TakeOut { held, dropped } => {
                for card in dropped.into_iter().filter_map(|index| self.built[index].as_ref()) {
                    card.remove();
                }
                Some(held)
            }
            CardUpdate::Replace => None,
        };
        let (from, at_once) = match held {
            Some(held) => (held, held + 1),
            None => (0, self.on_page.len().max(1)),
        };
        let fragment = self.builder.document().create_document_fragment();
        let (started, mut deadline) = (now_ms(), deadline_ms);
        let mut to = from;
        while to < indices.len() {
            // One reading of the clock per card: each is a call out of the wasm.
            let now = now_ms();
            if to >= at_once && now >= deadline {
                // Past the budget: on to `finish_by_ms` only if the cards built so far say
                // that the rest will be in by then (`to > from` here: `at_once > from`).
                let per_card = (now - started) / (to - from) as f64;
                if deadline >= finish_by_ms || now + per_card * (indices.len() - to) as f64 > finish_by_ms {
                    break;
                }
                deadline = finish_by_ms;
            }
            let card = self.card(indices[to])?;
            fragment.append_child(&card)?;
            to += 1;
        }
        match held {
            Some(_) => container.append_child(&fragment).map(drop)?,
            None => container.replace_children_with_node_1(&fragment),
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
