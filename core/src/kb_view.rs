//! What the admin asked to see: the KBs sorted and filtered, with totals for what is shown.

use std::cmp::{Ordering, Reverse};

use crate::missing_kb::{kb_digits, most_first_unknown_last, triage_order, MissingKb};

/// The orders a list can be shown in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum SortKey {
    /// Most machines missing first: what to deploy first.
    #[default]
    MachinesMissing,
    /// Most CVEs addressed first.
    CvesAddressed,
    /// Newest KB first (KB numbers grow over time).
    KbNumber,
    /// Alphabetical by the update's name.
    Name,
}

impl SortKey {
    pub const ALL: [SortKey; 4] = [SortKey::MachinesMissing, SortKey::CvesAddressed, SortKey::KbNumber, SortKey::Name];

    /// The name used in URLs (`?sort=cves`).
    pub fn as_str(self) -> &'static str {
        match self {
            SortKey::MachinesMissing => "machines",
            SortKey::CvesAddressed => "cves",
            SortKey::KbNumber => "kb",
            SortKey::Name => "name",
        }
    }

    /// Reads a URL value; anything unknown falls back to the default order.
    pub fn parse(text: &str) -> Self {
        SortKey::ALL.into_iter().find(|key| key.as_str() == text).unwrap_or_default()
    }
}

/// The admin's choices: an order, a text to search for, and the products to keep.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct KbViewOptions {
    pub sort: SortKey,
    /// Matched, ignoring ASCII case, against the KB number, the name and the product names.
    pub text: String,
    /// When not empty, only KBs for at least one of these products are shown. Sorted, without
    /// repeats (a `Vec` rather than a set: a handful of names, and far less wasm).
    pub products: Vec<String>,
}

impl KbViewOptions {
    /// Clears the text and product filters, keeping the sort: a filter typed for one list
    /// rarely makes sense for the next.
    pub fn clear_filters(&mut self) {
        self.text.clear();
        self.products.clear();
    }

    /// Keeps only the KBs of `products` (none: every KB). Each goes in at its place, as
    /// `toggle_product` puts one: for a handful of names, a sort would be more wasm than work.
    pub fn set_products(&mut self, products: impl IntoIterator<Item = String>) {
        self.products.clear();
        for product in products {
            if let Err(index) = self.products.binary_search(&product) {
                self.products.insert(index, product);
            }
        }
    }

    /// Adds `product` to the product filter, or takes it out if it was there.
    pub fn toggle_product(&mut self, product: &str) {
        match self.products.binary_search_by(|chosen| chosen.as_str().cmp(product)) {
            Ok(index) => {
                self.products.remove(index);
            }
            Err(index) => self.products.insert(index, product.to_owned()),
        }
    }
}

/// Totals for a set of KBs, for the summary bar.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct KbTotals {
    pub kbs: usize,
    /// The sum of `machineMissedOn`: missing installs, not distinct machines.
    pub machines_missing: u64,
    pub cves_addressed: u64,
}

/// The KBs to show, in order, as indices into `kbs`.
///
/// ```
/// use missing_kbs_core::{visible_kbs, KbViewOptions, MissingKb, SortKey};
///
/// let kbs = vec![
///     MissingKb { id: Some("1".into()), cve_addressed: Some(3), ..Default::default() },
///     MissingKb { id: Some("2".into()), cve_addressed: Some(9), ..Default::default() },
/// ];
/// let options = KbViewOptions { sort: SortKey::CvesAddressed, ..Default::default() };
/// assert_eq!(visible_kbs(&kbs, &options), vec![1, 0]);
/// ```
pub fn visible_kbs(kbs: &[MissingKb], options: &KbViewOptions) -> Vec<usize> {
    let needle = options.text.trim();
    let mut shown: Vec<usize> = (0..kbs.len())
        .filter(|&index| matches_text(&kbs[index], needle) && matches_products(&kbs[index], &options.products))
        .collect();
    let number = |kb: &MissingKb| kb.id.as_deref().and_then(kb_digits).and_then(|digits| digits.parse::<u64>().ok());
    // Lower-cased once per KB, not once per comparison: a sort of 10,000 makes ~130,000 comparisons.
    let names: Vec<Option<String>> = match options.sort {
        SortKey::Name => kbs.iter().map(|kb| kb.name.as_deref().map(str::to_ascii_lowercase)).collect(),
        _ => Vec::new(),
    };
    // Unstable, with the index as the last tie-break: the same order as a stable sort, in less wasm.
    shown.sort_unstable_by(|&a, &b| {
        let first = match options.sort {
            SortKey::MachinesMissing => Ordering::Equal,
            SortKey::CvesAddressed => most_first_unknown_last(kbs[a].cve_addressed, kbs[b].cve_addressed),
            SortKey::KbNumber => most_first_unknown_last(number(&kbs[a]), number(&kbs[b])),
            // Reverse twice: alphabetical, with unnamed updates last.
            SortKey::Name => most_first_unknown_last(names[a].as_ref().map(Reverse), names[b].as_ref().map(Reverse)),
        };
        first.then_with(|| triage_order(&kbs[a], &kbs[b])).then(a.cmp(&b))
    });
    shown
}

/// Every product named in the list, sorted, for the product filter's chips.
pub fn product_names(kbs: &[MissingKb]) -> Vec<String> {
    // Sorted as Strings, like the product filter: one sort in the wasm instead of two.
    let mut names: Vec<String> = kbs.iter().flat_map(|kb| kb.products_names.iter().flatten()).cloned().collect();
    names.sort_unstable();
    names.dedup();
    names
}

/// The KBs the sort and filter show, in order, with their totals: what the list view
/// shows, as one value so the widget keeps one memo for both (ARCHITECTURE.md, "Wasm size").
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ShownKbs {
    /// Indices into the loaded list.
    pub indices: Vec<usize>,
    pub totals: KbTotals,
}

impl ShownKbs {
    pub fn new(kbs: &[MissingKb], options: &KbViewOptions) -> Self {
        let indices = visible_kbs(kbs, options);
        Self { totals: totals(kbs, &indices), indices }
    }
}

/// Totals over the KBs at `indices`.
pub fn totals(kbs: &[MissingKb], indices: &[usize]) -> KbTotals {
    indices.iter().map(|&index| &kbs[index]).fold(KbTotals::default(), |totals, kb| KbTotals {
        kbs: totals.kbs + 1,
        machines_missing: totals.machines_missing.saturating_add(kb.machine_missed_on.unwrap_or(0)),
        cves_addressed: totals.cves_addressed.saturating_add(kb.cve_addressed.unwrap_or(0)),
    })
}

fn matches_text(kb: &MissingKb, needle: &str) -> bool {
    if needle.is_empty() {
        return true;
    }
    let contains = |text: &str| contains_ignoring_ascii_case(text, needle);
    kb.kb_label().is_some_and(|label| contains(&label))
        || kb.name.as_deref().is_some_and(contains)
        || kb.products_names.iter().flatten().any(|product| contains(product))
}

/// Whether `haystack` contains `needle`, ignoring ASCII case; other characters match exactly.
/// Defender's KB and product names are English, so ASCII case is all they need, and the
/// wasm carries no Unicode case tables (5 KB gzip). No copy is made: it runs per KB per keystroke.
fn contains_ignoring_ascii_case(haystack: &str, needle: &str) -> bool {
    let (haystack, needle) = (haystack.as_bytes(), needle.as_bytes());
    needle.is_empty() || haystack.windows(needle.len()).any(|window| window.eq_ignore_ascii_case(needle))
}

fn matches_products(kb: &MissingKb, products: &[String]) -> bool {
    products.is_empty() || kb.products_names.iter().flatten().any(|product| products.contains(product))
}

/// The width of a card's bar, as a CSS percentage to the nearest tenth: `machines` as a
/// share of `most`, the most-missed KB's count. Formatted as integers: float formatting
/// would bring its own code into the wasm, and this runs for every card.
pub fn bar_width(machines: Option<u64>, most: u64) -> String {
    let tenths = match machines {
        // At most 1000; f64 keeps huge counts from overflowing without 128-bit division code.
        Some(machines) if most > 0 => (machines.min(most) as f64 * 1000.0 / most as f64 + 0.5) as u64,
        _ => 0,
    };
    format!("{}.{}%", tenths / 10, tenths % 10)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bar_is_the_share_of_the_most_missed_kb() {
        assert_eq!(bar_width(Some(240), 240), "100.0%");
        assert_eq!(bar_width(Some(1), 3), "33.3%");
        assert_eq!(bar_width(Some(2), 3), "66.7%");
        assert_eq!(bar_width(Some(0), 5), "0.0%");
        assert_eq!(bar_width(None, 5), "0.0%");
        assert_eq!(bar_width(Some(7), 0), "0.0%");
        assert_eq!(bar_width(Some(u64::MAX), u64::MAX), "100.0%");
    }

    #[test]
    fn the_product_filter_stays_sorted_without_repeats() {
        let mut options = KbViewOptions::default();
        options.set_products(["office", "edge", "office"].map(String::from));
        assert_eq!(options.products, ["edge", "office"]);
        options.toggle_product("windows_10");
        options.toggle_product("access");
        assert_eq!(options.products, ["access", "edge", "office", "windows_10"]);
        options.toggle_product("edge");
        assert_eq!(options.products, ["access", "office", "windows_10"]);
    }

    fn kb(id: &str, name: Option<&str>, products: &[&str], machines: Option<u64>, cves: Option<u64>) -> MissingKb {
        MissingKb {
            id: Some(id.into()),
            name: name.map(Into::into),
            products_names: Some(products.iter().map(|p| (*p).to_owned()).collect()),
            machine_missed_on: machines,
            cve_addressed: cves,
            ..MissingKb::default()
        }
    }

    fn sample() -> Vec<MissingKb> {
        vec![
            kb("5044273", Some("2024-10 Cumulative Update for Windows 10"), &["windows_10"], Some(412), Some(118)),
            kb(
                "890830",
                Some("Windows Malicious Software Removal Tool"),
                &["windows_10", "windows_11"],
                Some(61),
                Some(0),
            ),
            kb("5049981", Some("2025-01 Cumulative Update for Windows 10"), &["windows_10"], Some(2211), Some(97)),
            kb("5044091", Some(".NET Framework update"), &["windows_10", ".net_framework"], Some(388), None),
            kb("KB5000001", None, &[], None, Some(5)),
        ]
    }

    fn ids(kbs: &[MissingKb], options: &KbViewOptions) -> Vec<String> {
        visible_kbs(kbs, options).into_iter().map(|i| kbs[i].id.clone().unwrap()).collect()
    }

    fn sorted(key: SortKey) -> KbViewOptions {
        KbViewOptions { sort: key, ..KbViewOptions::default() }
    }

    #[test]
    fn each_sort_key_orders_the_list() {
        let kbs = sample();
        assert_eq!(
            ids(&kbs, &sorted(SortKey::MachinesMissing)),
            ["5049981", "5044273", "5044091", "890830", "KB5000001"]
        );
        assert_eq!(
            ids(&kbs, &sorted(SortKey::CvesAddressed)),
            ["5044273", "5049981", "KB5000001", "890830", "5044091"]
        );
        assert_eq!(ids(&kbs, &sorted(SortKey::KbNumber)), ["5049981", "5044273", "5044091", "KB5000001", "890830"]);
        assert_eq!(ids(&kbs, &sorted(SortKey::Name)), ["5044091", "5044273", "5049981", "890830", "KB5000001"]);
    }

    #[test]
    fn text_matches_kb_number_name_and_product_ignoring_case() {
        let kbs = sample();
        let find = |text: &str| ids(&kbs, &KbViewOptions { text: text.into(), ..KbViewOptions::default() });
        assert_eq!(find("kb890830"), ["890830"]);
        assert_eq!(find("  5049981 "), ["5049981"]);
        assert_eq!(find("REMOVAL"), ["890830"]);
        assert_eq!(find(".net_fr"), ["5044091"]);
        assert_eq!(find("windows_11"), ["890830"]);
        assert_eq!(find("no such thing"), Vec::<String>::new());
        assert_eq!(find("").len(), kbs.len());
    }

    #[test]
    fn text_matching_ignores_ascii_case_and_matches_other_letters_exactly() {
        assert!(contains_ignoring_ascii_case("Mise à jour cumulative", "à JOUR"));
        assert!(!contains_ignoring_ascii_case("Mise à jour cumulative", "a jour"));
        assert!(contains_ignoring_ascii_case("Windows 11", "windows 11"));
        assert!(!contains_ignoring_ascii_case("Win", "windows"));
        assert!(contains_ignoring_ascii_case("", ""));
    }

    #[test]
    fn equal_kbs_keep_the_order_they_came_in() {
        // Hundreds, in three interleaved groups: the standard library keeps the order of a short
        // or already sorted slice anyway, so only a real partitioning shows the tie-break at work.
        let kbs: Vec<MissingKb> = (0..600)
            .map(|index| MissingKb {
                os_build: Some(index),
                ..kb("5044273", Some("Same"), &["windows_10"], Some(index % 3), Some(index % 3))
            })
            .collect();
        // Every order ranks by the counts here (equal numbers and names fall back to them),
        // and equal KBs stay in the order they came in: what a stable sort gives.
        let mut expected: Vec<usize> = (0..kbs.len()).collect();
        expected.sort_by_key(|&index| Reverse(index % 3));
        for key in SortKey::ALL {
            assert_eq!(visible_kbs(&kbs, &sorted(key)), expected, "{key:?}");
        }
    }

    #[test]
    fn product_filter_keeps_kbs_for_any_chosen_product() {
        let kbs = sample();
        let only = |products: &[&str]| {
            let mut options = KbViewOptions::default();
            options.set_products(products.iter().map(|p| (*p).to_owned()));
            ids(&kbs, &options)
        };
        assert_eq!(only(&["windows_11"]), ["890830"]);
        assert_eq!(only(&["windows_11", ".net_framework"]), ["5044091", "890830"]);
        let both = KbViewOptions {
            text: "cumulative".into(),
            products: vec![".net_framework".to_owned()],
            ..KbViewOptions::default()
        };
        assert_eq!(ids(&kbs, &both), Vec::<String>::new());
    }

    #[test]
    fn product_names_are_listed_once_and_sorted() {
        assert_eq!(product_names(&sample()), [".net_framework", "windows_10", "windows_11"]);
    }

    #[test]
    fn totals_count_what_is_shown_and_treat_unknown_as_zero() {
        let kbs = sample();
        assert_eq!(totals(&kbs, &[0, 3, 4]), KbTotals { kbs: 3, machines_missing: 800, cves_addressed: 123 });
        assert_eq!(totals(&kbs, &[]), KbTotals::default());
        let huge = vec![kb("1", None, &[], Some(u64::MAX), None), kb("2", None, &[], Some(5), None)];
        assert_eq!(totals(&huge, &[0, 1]).machines_missing, u64::MAX);
    }

    #[test]
    fn sort_keys_round_trip_through_urls() {
        for key in SortKey::ALL {
            assert_eq!(SortKey::parse(key.as_str()), key);
        }
        assert_eq!(SortKey::parse("bogus"), SortKey::MachinesMissing);
    }
}
