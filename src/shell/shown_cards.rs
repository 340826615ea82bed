//! The cards on the page, in the order the sort and filter give: each card is built once,
//! when first shown, and later changes of order move it instead of building it again.

use std::sync::Arc;

use missing_kbs_core::{card_groups, card_update, CardUpdate, MissingKbList, CARDS_PER_GROUP};
use wasm_bindgen::JsCast;
use web_sys::{DocumentFragment, Element, HtmlElement};

use super::kb_card::CardBuilder;
use crate::clock::now_ms;
use crate::dom::Built;

/// The height of a row of cards, with the gap below it, for a group's estimated size
/// (style/missing-kbs.css: a card is at least 180 px high, most about 240).
const CARD_ROW_PX: usize = 256;

/// How `show` puts the cards into their groups (see there).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Placing {
    Append,
    Shift,
    Refill,
}

pub struct ShownCards {
    builder: CardBuilder,
    list: Arc<MissingKbList>,
    /// The card of each KB of the list, once built.
    built: Vec<Option<Element>>,
    /// The KBs whose cards the page holds, in order, as indices into the list.
    on_page: Vec<usize>,
    /// The groups of cards in the list's element, in order (`CARDS_PER_GROUP` each, the last
    /// one fewer): each is a grid of its own, which the browser skips while it is off the
    /// screen, so a frame that adds cards to a list of thousands costs little more than one
    /// that adds them to a short list (style/missing-kbs.css, "Cards").
    groups: Vec<HtmlElement>,
}

impl ShownCards {
    pub fn new(builder: CardBuilder, list: Arc<MissingKbList>) -> Self {
        let built = vec![None; list.kbs.len()];
        Self { builder, list, built, on_page: Vec::new(), groups: Vec::new() }
    }

    /// Makes `container` hold the cards of `indices`, in that order, adding cards until
    /// `deadline_ms` (`Date.now()` time) has passed, or on until `finish_by_ms` when the cards
    /// built so far say that all of them will be in by then; returns whether it holds them all.
    ///
    /// `card_update` (core) says what changes. When every card is put in again, at least
    /// as many go in as the page held, so that no card the user could reach goes missing
    /// for a moment. New cards go at the end of the last group and into new groups; when
    /// cards were taken out, each group from the first that lost one takes the cards that
    /// follow; when the order changed, the groups from the first card that moved on are
    /// filled again. Each group but the last stays full. The first cards replace what
    /// `container` held: Leptos reuses it when another list takes this one's place.
    pub fn show(&mut self, container: &Element, indices: &[usize], deadline_ms: f64, finish_by_ms: f64) -> Built<bool> {
        let (from, at_once, placing) = match card_update(&self.on_page, indices, self.built.len()) {
            CardUpdate::Append { held } => (held, held + 1, Placing::Append),
            CardUpdate::TakeOut { held, dropped } => {
                for card in dropped.into_iter().filter_map(|index| self.built[index].as_ref()) {
                    card.remove();
                }
                (held, held + 1, Placing::Shift)
            }
            CardUpdate::Replace => (0, self.on_page.len().max(1), Placing::Refill),
        };
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
            self.card(indices[to])?;
            to += 1;
        }
        if self.groups.is_empty() {
            container.replace_children_with_node_0();
        }
        // The groups from the first card that changed place on (those before it hold the same
        // cards as they did); when cards are appended, that is the first new one.
        let first_changed = match placing {
            Placing::Append => from,
            Placing::Shift | Placing::Refill => {
                self.on_page.iter().zip(indices).take_while(|(on_page, wanted)| on_page == wanted).count()
            }
        };
        let groups = card_groups(first_changed, to);
        for group in groups.clone() {
            let element = self.group(container, group)?;
            let end = to.min((group + 1) * CARDS_PER_GROUP);
            match placing {
                // New cards at the end of the group.
                Placing::Append => {
                    let fragment = self.cards(&indices[from.max(group * CARDS_PER_GROUP)..end])?;
                    element.append_child(&fragment)?;
                }
                // The order is kept: the group holds the start of its cards, and takes the
                // rest, in order, from the groups after it (or new), which moves no other card.
                Placing::Shift => {
                    for &index in &indices[group * CARDS_PER_GROUP..end] {
                        let card = self.card(index)?;
                        if card.parent_node().as_ref() != Some(element.as_ref()) {
                            element.append_child(&card)?;
                        }
                    }
                }
                Placing::Refill => {
                    let fragment = self.cards(&indices[group * CARDS_PER_GROUP..end])?;
                    element.replace_children_with_node_1(&fragment);
                }
            }
            // Its size while skipped before it was ever shown: the card rows of three columns.
            let rows = (end - group * CARDS_PER_GROUP).div_ceil(3);
            element.style().set_property("contain-intrinsic-size", &format!("auto {}px", rows * CARD_ROW_PX))?;
        }
        // Groups past the last card go (a narrower filter).
        if placing != Placing::Append {
            for group in self.groups.drain(groups.end.min(self.groups.len())..) {
                group.remove();
            }
        }
        self.on_page = indices[..to].to_vec();
        Ok(to == indices.len())
    }

    /// The cards of `indices`, in order, in a fragment.
    fn cards(&mut self, indices: &[usize]) -> Built<DocumentFragment> {
        let fragment = self.builder.document().create_document_fragment();
        for &index in indices {
            let card = self.card(index)?;
            fragment.append_child(&card)?;
        }
        Ok(fragment)
    }

    fn card(&mut self, index: usize) -> Built {
        if let Some(card) = &self.built[index] {
            return Ok(card.clone());
        }
        let card = self.builder.card(&self.list.kbs[index])?;
        self.built[index] = Some(card.clone());
        Ok(card)
    }

    /// The element of group `group`, made (at the end of `container`) if it is new.
    fn group(&mut self, container: &Element, group: usize) -> Built<HtmlElement> {
        while self.groups.len() <= group {
            let element: HtmlElement = self.builder.document().create_element("div")?.unchecked_into();
            element.set_class_name("mkb-grid");
            element.set_attribute("role", "none")?;
            container.append_child(&element)?;
            self.groups.push(element);
        }
        Ok(self.groups[group].clone())
    }
}
