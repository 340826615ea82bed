//! How the cards on the page change when the shown KBs change: the least DOM work
//! that ends with the page holding the wanted cards in the wanted order.

/// What to do to a page that holds the cards of `on_page` so that it holds those of
/// `wanted`, in that order (indices into the loaded list). See [`card_update`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CardUpdate {
    /// The page holds the first `held` wanted cards already, in order: append the rest.
    Append { held: usize },
    /// Take the cards of `dropped` out; the page then holds the first `held` wanted
    /// cards, in order; append the rest.
    TakeOut { held: usize, dropped: Vec<usize> },
    /// Put every wanted card in again, in one go: the order changed, or the page is empty.
    Replace,
}

/// The update from `on_page` to `wanted`, for a list of `list_len` KBs.
///
/// When the page already holds the first wanted cards in order (the list growing a
/// task at a time), only more are appended. When `wanted` keeps the page's order and
/// drops some cards (a narrower filter), those are taken out. Otherwise (the first
/// cards, or a new order) every card is put in again.
///
/// ```
/// use missing_kbs_core::{card_update, CardUpdate};
///
/// assert_eq!(card_update(&[4, 2], &[4, 2, 7], 8), CardUpdate::Append { held: 2 });
/// assert_eq!(card_update(&[4, 2, 7], &[4, 7, 1], 8), CardUpdate::TakeOut { held: 2, dropped: vec![2] });
/// assert_eq!(card_update(&[4, 2], &[2, 4], 8), CardUpdate::Replace);
/// ```
pub fn card_update(on_page: &[usize], wanted: &[usize], list_len: usize) -> CardUpdate {
    if on_page.is_empty() {
        return CardUpdate::Replace;
    }
    if wanted.starts_with(on_page) {
        return CardUpdate::Append { held: on_page.len() };
    }
    let mut is_on_page = vec![false; list_len];
    for &index in on_page {
        is_on_page[index] = true;
    }
    let (mut held, mut dropped) = (0, Vec::new());
    for &index in on_page {
        match wanted.get(held) == Some(&index) {
            true => held += 1,
            false => dropped.push(index),
        }
    }
    // What follows the held cards must all be new to the page, or the order changed.
    if wanted[held..].iter().any(|&index| is_on_page[index]) {
        return CardUpdate::Replace;
    }
    CardUpdate::TakeOut { held, dropped }
}

/// How many cards a group of the list holds (the last group fewer). The list is a column of
/// groups, each a grid of its own that the browser skips while it is off the screen; 840 is
/// a multiple of every column count from 1 to 8, so a full group fills whole rows, and the
/// rows of the next group continue the grid without a gap.
pub const CARDS_PER_GROUP: usize = 840;

/// The groups that get cards when the cards at positions `from..to` go in (`from` 0 when
/// every card is put in again): from the group of position `from` to the one of the last.
pub fn card_groups(from: usize, to: usize) -> std::ops::Range<usize> {
    (from / CARDS_PER_GROUP)..to.div_ceil(CARDS_PER_GROUP)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_page_gets_every_card() {
        assert_eq!(card_update(&[], &[3, 1], 4), CardUpdate::Replace);
        assert_eq!(card_update(&[], &[], 4), CardUpdate::Replace);
    }

    #[test]
    fn a_growing_list_only_appends() {
        assert_eq!(card_update(&[0, 1], &[0, 1], 5), CardUpdate::Append { held: 2 });
        assert_eq!(card_update(&[0, 1], &[0, 1, 2, 3], 5), CardUpdate::Append { held: 2 });
    }

    #[test]
    fn a_narrower_filter_takes_out_what_it_drops() {
        assert_eq!(card_update(&[0, 1, 2, 3], &[1, 3], 5), CardUpdate::TakeOut { held: 2, dropped: vec![0, 2] });
        assert_eq!(card_update(&[0, 1, 2], &[], 5), CardUpdate::TakeOut { held: 0, dropped: vec![0, 1, 2] });
        // New cards may follow the kept ones.
        assert_eq!(card_update(&[0, 1, 2], &[0, 2, 4], 5), CardUpdate::TakeOut { held: 2, dropped: vec![1] });
    }

    #[test]
    fn a_new_order_puts_every_card_in_again() {
        assert_eq!(card_update(&[0, 1, 2], &[2, 1, 0], 5), CardUpdate::Replace);
        assert_eq!(card_update(&[0, 1, 2], &[0, 4, 1], 5), CardUpdate::Replace);
        assert_eq!(card_update(&[0, 1], &[1], 5), CardUpdate::TakeOut { held: 1, dropped: vec![0] });
    }

    #[test]
    fn cards_go_into_groups_of_whole_rows() {
        for columns in 1..=8 {
            assert_eq!(CARDS_PER_GROUP % columns, 0, "{columns} columns");
        }
        assert_eq!(card_groups(0, 0), 0..0);
        assert_eq!(card_groups(0, 1), 0..1);
        assert_eq!(card_groups(0, 840), 0..1);
        assert_eq!(card_groups(0, 841), 0..2);
        // Appending: from the group of the first new card on.
        assert_eq!(card_groups(839, 900), 0..2);
        assert_eq!(card_groups(840, 900), 1..2);
        assert_eq!(card_groups(1700, 10_000), 2..12);
        assert_eq!(card_groups(840, 840), 1..1);
    }
}
