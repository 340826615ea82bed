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
    /// time), only more are added. When they keep the page's order and drop some cards (a
    /// narrower filter), those are taken out. Otherwise (the first cards, or a new order) the
    /// cards are put in again in one `replaceChildren`, at least as many as the page held, so
    /// that no card the user could reach goes missing for a moment. The first cards replace
    /// what `container` held: Leptos reuses it when another list takes this one's place.
    pub fn show(&mut self, container: &Element, indices: &[usize], deadline_ms: f64) -> Built<bool> {
        let growing = match self.on_page.is_empty() {
            true => None,
            false if indices.starts_with(&self.on_page) => Some(self.on_page.len()),
            false => self.take_out_all_but(indices),
        };
        let (from, at_once) = match growing {
            Some(held) => (held, held + 1),
            None => (0, self.on_page.len().max(1)),
        };
        let fragment = self.builder.document().create_document_fragment();
        let mut to = from;
        while to < indices.len() && (to < at_once || now_ms() < deadline_ms) {
            let card = self.card(indices[to])?;
            fragment.append_child(&card)?;
            to += 1;
        }
        match growing {
            Some(_) => container.append_child(&fragment).map(drop)?,
            None => container.replace_children_with_node_1(&fragment),
        }
        self.on_page = indices[..to].to_vec();
        Ok(to == indices.len())
    }

    /// When `indices` keeps the order of the cards on the page and drops some of them, takes
    /// those out and returns how many of `indices` the page then holds; `None`, changing
    /// nothing, when the order differs.
    fn take_out_all_but(&mut self, indices: &[usize]) -> Option<usize> {
        let mut on_page = vec![false; self.built.len()];
        for &index in &self.on_page {
            on_page[index] = true;
        }
        let (mut held, mut dropped) = (0, Vec::new());
        for &index in &self.on_page {
            match indices.get(held) == Some(&index) {
                true => held += 1,
                false => dropped.push(index),
            }
        }
        // What follows the held cards must all be new to the page, or the order changed.
        if indices[held..].iter().any(|&index| on_page[index]) {
            return None;
        }
        for card in dropped.into_iter().filter_map(|index| self.built[index].as_ref()) {
            card.remove();
        }
        Some(held)
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
