//! The organisation's software inventory (`GET /api/Software`), for finding a software
//! by what people call it instead of by its ID: reading it in pages, searching it as
//! the user types, and ranking it by what matters to a patch admin.
//!
//! The API: <https://learn.microsoft.com/defender-endpoint/api/get-software> ("List
//! software inventory": `id`, `name`, `vendor`, `weaknesses`, `publicExploit`,
//! `activeAlert`, `exposedMachines`, `impactScore`; OData `$filter` on `id`, `name` and
//! `vendor`, `$top` up to 10,000 and `$skip`; permission `Software.Read`). Which
//! `$filter` operators the service accepts beyond `eq` and `ne` is not documented, so
//! the search runs here, on the inventory read once, never through `$filter`.

use std::cmp::Ordering;

use serde::de::{IgnoredAny, MapAccess};
use serde::Deserialize;

use crate::access_token::AccessToken;
use crate::api_base::ApiBase;
use crate::api_error::{shown_text, ApiError, ErrorKind};
use crate::lenient::{next_scalar, Lenient, LenientValue, ODataPage, Scalar};
use crate::request::{page_request, ApiRequest};

/// How many software one page asks for: half the most the API documents for `$top`
/// (10,000). The browser reads a page in one task, and one of 5,000 keeps that task
/// under the 50 ms that a user notices (bench/results.md), for one more request per
/// 10,000 software.
pub const INVENTORY_PAGE_SIZE: usize = 5_000;
/// The most software one inventory holds in the widget. A large organisation's
/// inventory lists some thousands of products; this is far above that, and keeps a
/// looping or hostile service from filling the page's memory.
pub const MAX_INVENTORY: usize = 50_000;
/// The longest name, vendor or ID kept from an entry.
const MAX_TEXT_CHARS: usize = 200;

/// One software of the inventory. Every field but the ID is optional: one bad field
/// must not hide the others.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SoftwareEntry {
    /// As Defender writes it: `vendor-_-product`, such as `microsoft-_-windows_10`.
    pub id: String,
    pub name: Option<String>,
    pub vendor: Option<String>,
    pub weaknesses: Option<u64>,
    pub public_exploit: Option<bool>,
    pub active_alert: Option<bool>,
    pub exposed_machines: Option<u64>,
}

impl SoftwareEntry {
    /// The name as people say it: `windows_server_2019` is "Windows Server 2019".
    pub fn display_name(&self) -> String {
        readable(self.name.as_deref().unwrap_or(&self.id))
    }

    /// The vendor as people say it: `microsoft` is "Microsoft".
    pub fn display_vendor(&self) -> Option<String> {
        self.vendor.as_deref().map(readable)
    }

    /// Whether Defender can report missing KBs for it. The rule is the vendor: `microsoft`,
    /// as Defender writes it in `vendor` and before the `-_-` of the ID (the ID's, when the row
    /// has no `vendor`). Why: a row of the inventory
    /// (<https://learn.microsoft.com/defender-endpoint/api/get-software>) holds `id`, `name`,
    /// `vendor`, `weaknesses`, `publicExploit`, `activeAlert`, `exposedMachines` and
    /// `impactScore`, and none of them says whether KBs exist; a KB is Microsoft's own numbering
    /// of the updates it ships for its products (the Update Catalog), which is what
    /// `getmissingkbs` lists, so only Microsoft's software can have one. `weaknesses` does not
    /// count: a Microsoft product with none today can miss tomorrow's KB, and the exposure
    /// order already puts it last among the others.
    pub fn has_kbs(&self) -> bool {
        let vendor = self.vendor.as_deref().or_else(|| self.id.split_once("-_-").map(|(vendor, _)| vendor));
        vendor.is_some_and(|vendor| vendor.eq_ignore_ascii_case("microsoft"))
    }
}

/// Underscores become spaces and each word starts with a capital.
fn readable(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut word_start = true;
    for c in text.chars() {
        let c = if c == '_' { ' ' } else { c };
        out.push(if word_start { c.to_ascii_uppercase() } else { c });
        word_start = c == ' ';
    }
    out
}

/// One page of the inventory, and the next page's URL when the service links one.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct InventoryPage {
    pub entries: Vec<SoftwareEntry>,
    /// How many entries the page held, usable or not: a full page means more may follow.
    pub sent: usize,
    pub next_link: Option<String>,
}

/// The whole inventory as read, why not all of it was (when it was not), and its search index.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Inventory {
    pub entries: Vec<SoftwareEntry>,
    pub incomplete: Option<InventoryCut>,
    pub index: SearchIndex,
}

impl Inventory {
    /// The inventory of `entries` with an `index` already holding all of them (made page by
    /// page with [`SearchIndex::extend`]); makes its default order.
    pub fn indexed(entries: Vec<SoftwareEntry>, incomplete: Option<InventoryCut>, index: SearchIndex) -> Self {
        debug_assert_eq!(index.haystacks.len(), entries.len());
        index.order(&entries, InventoryOrder::default());
        Self { entries, incomplete, index }
    }
}

/// Why an inventory holds less than Defender has.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum InventoryCut {
    /// It reached [`MAX_INVENTORY`].
    TooMany,
    /// A next page was refused (on another host, or past `MAX_PAGES`), as for the KB list.
    Paging(crate::paging::PagingError),
}

/// `GET {apiBase}/api/Software?$top=5000&$skip={skip}`: one page of the inventory.
pub fn inventory_request(base: &ApiBase, skip: usize, token: &AccessToken) -> ApiRequest {
    page_request(base.join(&format!("/api/Software?$top={INVENTORY_PAGE_SIZE}&$skip={skip}")), token)
}

/// What to ask for after `page`, once `read` entries were sent in all: the page's
/// `@odata.nextLink` when the service sends one (on the API's origin only), else the
/// next `$skip` after a full page; `Ok(None)` when the inventory is all read.
pub fn next_inventory_request(
    base: &ApiBase,
    page: &InventoryPage,
    read: usize,
    pages_read: usize,
    token: &AccessToken,
) -> Result<Option<ApiRequest>, crate::paging::PagingError> {
    match &page.next_link {
        Some(link) => crate::paging::next_page_url(base, link, pages_read).map(|url| Some(page_request(url, token))),
        None if page.sent >= INVENTORY_PAGE_SIZE => Ok(Some(inventory_request(base, read, token))),
        None => Ok(None),
    }
}

/// Reads one page of the inventory. An entry without a usable ID is left out (it
/// could not be chosen); a page is kept to its first [`MAX_INVENTORY`] entries, and
/// `sent` says how many more it had.
///
/// ```
/// let page = missing_kbs_core::parse_inventory_page(
///     r#"{"value":[{"id":"microsoft-_-windows_10","name":"windows_10","vendor":"microsoft","exposedMachines":2211}]}"#,
/// ).unwrap();
/// assert_eq!(page.entries[0].display_name(), "Windows 10");
/// assert!(page.entries[0].has_kbs());
/// ```
pub fn parse_inventory_page(body: &str) -> Result<InventoryPage, ApiError> {
    let invalid = || ApiError::new(ErrorKind::InvalidResponse);
    let body = body.strip_prefix('\u{FEFF}').unwrap_or(body);
    let Lenient(wire) = serde_json::from_str::<Lenient<ODataPage<EntryWire>>>(body).map_err(|_| invalid())?;
    let wire = wire.ok_or_else(invalid)?;
    let value = wire.value.ok_or_else(invalid)?;
    // The lenient reader keeps one entry past the bound, so a longer page shows as longer.
    let sent = value.len();
    let entries =
        value.into_iter().take(MAX_INVENTORY).filter_map(|entry| entry.0).filter_map(EntryWire::into_entry).collect();
    Ok(InventoryPage { entries, sent, next_link: wire.next_link })
}

/// How the finder orders software: the software that can have KBs first (by default: the
/// finder is for patching, and most of a real inventory is not Microsoft's), or all of it in one
/// ranking; within that, by `sort`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct InventoryOrder {
    pub sort: InventorySort,
    /// The software that can have KBs ([`SoftwareEntry::has_kbs`]) before the rest.
    pub kbs_first: bool,
}

impl Default for InventoryOrder {
    fn default() -> Self {
        Self { sort: InventorySort::default(), kbs_first: true }
    }
}

impl InventoryOrder {
    /// Every order, each once.
    pub const ALL: [InventoryOrder; 6] = {
        let (e, w, n) = (InventorySort::Exposure, InventorySort::Weaknesses, InventorySort::Name);
        [
            Self { sort: e, kbs_first: true },
            Self { sort: w, kbs_first: true },
            Self { sort: n, kbs_first: true },
            Self { sort: e, kbs_first: false },
            Self { sort: w, kbs_first: false },
            Self { sort: n, kbs_first: false },
        ]
    };

    /// What the finder's "Show" choice and a host call it: `kbs-first` (the default) or `all`.
    pub fn show_name(self) -> &'static str {
        if self.kbs_first {
            "kbs-first"
        } else {
            "all"
        }
    }

    /// `kbs_first` from [`InventoryOrder::show_name`]'s words; any other is the default.
    pub fn kbs_first_from(show: &str) -> bool {
        show != "all"
    }
}

/// The order the finder lists software in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum InventorySort {
    /// What a patch admin looks at first: most exposed devices, then most weaknesses,
    /// then a public exploit, then an active alert.
    #[default]
    Exposure,
    /// Most weaknesses first.
    Weaknesses,
    /// By name, A to Z.
    Name,
}

impl InventorySort {
    /// Its name for a host and a URL: `exposure`, `weaknesses` or `name`.
    pub fn as_str(self) -> &'static str {
        match self {
            InventorySort::Exposure => "exposure",
            InventorySort::Weaknesses => "weaknesses",
            InventorySort::Name => "name",
        }
    }

    /// From [`InventorySort::as_str`]'s names; any other is the default (by exposure).
    pub fn parse(name: &str) -> Self {
        match name {
            "weaknesses" => InventorySort::Weaknesses,
            "name" => InventorySort::Name,
            _ => InventorySort::Exposure,
        }
    }
}

/// The entries whose name, vendor or ID hold every word of `query`, in `order`,
/// as indices into `entries`. Case and underscores do not matter and the words may
/// come in any order: `windows 10` finds `microsoft-_-windows_10`.
///
/// ```
/// use missing_kbs_core::{find_software, InventoryOrder, InventorySort, SoftwareEntry};
///
/// let entry = |id: &str, exposed| SoftwareEntry { id: id.into(), exposed_machines: Some(exposed), ..Default::default() };
/// let entries = [entry("microsoft-_-windows_10", 20), entry("google-_-chrome", 90), entry("microsoft-_-windows_11", 40)];
/// assert_eq!(find_software(&entries, "10 WINDOWS", InventoryOrder::default()), [0]);
/// // By default, the software that can have KBs first; "All software" ranks them together.
/// assert_eq!(find_software(&entries, "", InventoryOrder::default()), [2, 0, 1]);
/// let all = InventoryOrder { sort: InventorySort::Exposure, kbs_first: false };
/// assert_eq!(find_software(&entries, "", all), [1, 2, 0]);
/// ```
pub fn find_software(entries: &[SoftwareEntry], query: &str, order: InventoryOrder) -> Vec<usize> {
    SearchIndex::new(entries).find(entries, query, order)
}

/// What a search of the inventory needs, made once when the inventory arrives, so that a
/// keystroke costs a scan of prepared text and no sort: each entry's searchable text, and the
/// entries in each order (the default order at once, the others when first asked for).
#[derive(Clone, Debug, Default)]
pub struct SearchIndex {
    /// Vendor, name and ID of each entry, lower case, `_` and `-` as spaces.
    haystacks: Vec<String>,
    /// The entries' display names, for the orders that compare them.
    names: Vec<String>,
    /// Whether each entry can have KBs.
    kbs: Vec<bool>,
    /// The entries' indices in each [`InventoryOrder`] (`InventoryOrder::ALL`'s), once made.
    orders: [std::sync::OnceLock<Vec<usize>>; 6],
}

impl PartialEq for SearchIndex {
    /// Two indexes of the same entries are the same, whichever orders they made so far.
    fn eq(&self, other: &Self) -> bool {
        self.haystacks == other.haystacks && self.names == other.names
    }
}

impl Eq for SearchIndex {}

impl SearchIndex {
    pub fn new(entries: &[SoftwareEntry]) -> Self {
        let mut index = Self::default();
        index.extend(entries);
        index.order(entries, InventoryOrder::default());
        index
    }

    /// Adds `more`, the entries that follow those the index holds, so that an inventory read
    /// page by page is indexed page by page. The orders made so far are made again when next
    /// asked for.
    pub fn extend(&mut self, more: &[SoftwareEntry]) {
        self.haystacks.extend(more.iter().map(|entry| {
            searchable(&format!(
                "{} {} {}",
                entry.vendor.as_deref().unwrap_or_default(),
                entry.name.as_deref().unwrap_or_default(),
                entry.id
            ))
        }));
        // Display names made once, not in every comparison of a sort.
        self.names.extend(more.iter().map(SoftwareEntry::display_name));
        self.kbs.extend(more.iter().map(SoftwareEntry::has_kbs));
        self.orders = Default::default();
    }

    /// The indices of `entries` (those the index was made from) in `order`, made the first time it is asked for.
    fn order(&self, entries: &[SoftwareEntry], order: InventoryOrder) -> &[usize] {
        let slot = InventoryOrder::ALL.iter().position(|known| *known == order).unwrap_or(0);
        self.orders[slot].get_or_init(|| {
            let (names, kbs) = (&self.names, &self.kbs);
            let mut indices: Vec<usize> = (0..entries.len()).collect();
            // Unstable with the index as the last tie-break: a stable sort's order in less wasm.
            indices.sort_unstable_by(|&a, &b| {
                let kbs_first = if order.kbs_first { kbs[b].cmp(&kbs[a]) } else { Ordering::Equal };
                kbs_first
                    .then_with(|| inventory_order(&entries[a], &entries[b], order.sort, names[a].cmp(&names[b])))
                    .then(a.cmp(&b))
            });
            indices
        })
    }

    /// The indices of the entries (those the index was made from) that hold every word of
    /// `query`, in `order` (see [`find_software`]).
    pub fn find(&self, entries: &[SoftwareEntry], query: &str, order: InventoryOrder) -> Vec<usize> {
        // `_` and `-` separate words, as spaces do: `server_2019` is "server" and "2019".
        let query = searchable(query);
        let words: Vec<&str> = query.split_whitespace().collect();
        let order = self.order(entries, order);
        order.iter().copied().filter(|&index| words.iter().all(|word| self.haystacks[index].contains(word))).collect()
    }
}

/// Lower case, with underscores and the `-_-` between vendor and product as spaces.
fn searchable(text: &str) -> String {
    text.chars().map(|c| if c == '_' || c == '-' { ' ' } else { c.to_ascii_lowercase() }).collect()
}

/// `by_name` is how the two compare by display name.
fn inventory_order(a: &SoftwareEntry, b: &SoftwareEntry, sort: InventorySort, by_name: Ordering) -> Ordering {
    let most_first = |a: Option<u64>, b: Option<u64>| b.unwrap_or(0).cmp(&a.unwrap_or(0));
    let flagged_first = |a: Option<bool>, b: Option<bool>| b.unwrap_or(false).cmp(&a.unwrap_or(false));
    let exposure = || {
        most_first(a.exposed_machines, b.exposed_machines)
            .then_with(|| most_first(a.weaknesses, b.weaknesses))
            .then_with(|| flagged_first(a.public_exploit, b.public_exploit))
            .then_with(|| flagged_first(a.active_alert, b.active_alert))
    };
    match sort {
        InventorySort::Exposure => exposure().then(by_name),
        InventorySort::Weaknesses => most_first(a.weaknesses, b.weaknesses).then_with(exposure).then(by_name),
        InventorySort::Name => by_name.then_with(exposure),
    }
}

#[derive(Deserialize)]
#[serde(field_identifier, rename_all = "camelCase")]
enum EntryKey {
    Id,
    Name,
    Vendor,
    Weaknesses,
    PublicExploit,
    ActiveAlert,
    ExposedMachines,
    #[serde(other)]
    Other,
}

/// One entry as sent: each field as one scalar, converted when the entry is complete.
#[derive(Default)]
struct EntryWire {
    fields: [Option<Scalar>; 7],
}

impl LenientValue for EntryWire {
    fn from_object<'de, A: MapAccess<'de>>(mut object: A) -> Result<Option<Self>, A::Error> {
        let mut entry = EntryWire::default();
        while let Some(key) = object.next_key()? {
            let slot = match key {
                EntryKey::Id => 0,
                EntryKey::Name => 1,
                EntryKey::Vendor => 2,
                EntryKey::Weaknesses => 3,
                EntryKey::PublicExploit => 4,
                EntryKey::ActiveAlert => 5,
                EntryKey::ExposedMachines => 6,
                EntryKey::Other => {
                    object.next_value::<IgnoredAny>()?;
                    continue;
                }
            };
            entry.fields[slot] = next_scalar(&mut object)?;
        }
        Ok(Some(entry))
    }
}

impl EntryWire {
    fn into_entry(self) -> Option<SoftwareEntry> {
        let [id, name, vendor, weaknesses, public_exploit, active_alert, exposed_machines] = self.fields;
        let text = |value: Option<Scalar>| {
            value.and_then(Scalar::into_text).and_then(|text| shown_text(&text, MAX_TEXT_CHARS))
        };
        let flag = |value: Option<Scalar>| match value {
            Some(Scalar::Flag(flag)) => Some(flag),
            _ => None,
        };
        // An ID the widget could not ask for is no use in a list to choose from.
        let id = text(id).filter(|id| crate::software_id::SoftwareId::parse(id).is_ok())?;
        Some(SoftwareEntry {
            id,
            name: text(name),
            vendor: text(vendor),
            weaknesses: weaknesses.and_then(Scalar::into_count),
            public_exploit: flag(public_exploit),
            active_alert: flag(active_alert),
            exposed_machines: exposed_machines.and_then(Scalar::into_count),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The example of the API documentation's "List software inventory" page.
    const DOCUMENTED_EXAMPLE: &str = r#"{
        "@odata.context": "https://api.securitycenter.microsoft.com/api/$metadata#Software",
        "value": [
            {
                "id": "microsoft-_-internet_explorer",
                "name": "internet_explorer",
                "vendor": "microsoft",
                "weaknesses": 67,
                "publicExploit": true,
                "activeAlert": false,
                "exposedMachines": 42115,
                "impactScore": 33.3
            }
        ]
    }"#;

    fn entry(id: &str, exposed: u64, weaknesses: u64) -> SoftwareEntry {
        let (vendor, name) = id.split_once("-_-").unwrap();
        SoftwareEntry {
            id: id.into(),
            name: Some(name.into()),
            vendor: Some(vendor.into()),
            weaknesses: Some(weaknesses),
            exposed_machines: Some(exposed),
            ..Default::default()
        }
    }

    #[test]
    fn reads_the_documented_example() {
        let page = parse_inventory_page(DOCUMENTED_EXAMPLE).unwrap();
        assert_eq!(
            page.entries,
            [SoftwareEntry {
                id: "microsoft-_-internet_explorer".into(),
                name: Some("internet_explorer".into()),
                vendor: Some("microsoft".into()),
                weaknesses: Some(67),
                public_exploit: Some(true),
                active_alert: Some(false),
                exposed_machines: Some(42115),
            }]
        );
        assert_eq!(page.entries[0].display_name(), "Internet Explorer");
        assert_eq!(page.entries[0].display_vendor().as_deref(), Some("Microsoft"));
    }

    #[test]
    fn odd_entries_are_read_leniently_and_unusable_ids_left_out() {
        let page = parse_inventory_page(
            r#"{"value":[{"id":"a-_-b","weaknesses":"7","exposedMachines":-1,"publicExploit":"yes"},
                {"id":"a/b"},{"id":7},{},null,"x",{"id":"c-_-d","name":"<b>d</b>"}],"@odata.nextLink":"https://x/y"}"#,
        )
        .unwrap();
        assert_eq!(page.entries.len(), 2);
        assert_eq!(page.entries[0], SoftwareEntry { id: "a-_-b".into(), ..Default::default() });
        assert_eq!(page.entries[1].name.as_deref(), Some("<b>d</b>"));
        assert_eq!(page.next_link.as_deref(), Some("https://x/y"));
        for broken in ["", "[]", "{}", r#"{"value":{}}"#, "<html>"] {
            assert_eq!(parse_inventory_page(broken).unwrap_err().kind, ErrorKind::InvalidResponse, "{broken}");
        }
    }

    #[test]
    fn a_page_longer_than_any_real_inventory_is_cut_to_the_bound() {
        let page = |n: usize| format!(r#"{{"value":[{}]}}"#, vec![r#"{"id":"a-_-b"}"#; n].join(","));
        let exact = parse_inventory_page(&page(MAX_INVENTORY)).unwrap();
        assert_eq!((exact.entries.len(), exact.sent), (MAX_INVENTORY, MAX_INVENTORY));
        let longer = parse_inventory_page(&page(MAX_INVENTORY + 10_000)).unwrap();
        assert_eq!(longer.entries.len(), MAX_INVENTORY);
        assert!(longer.sent > MAX_INVENTORY);
    }

    #[test]
    fn the_search_matches_name_vendor_and_id_in_any_case_and_order() {
        let entries = [
            entry("microsoft-_-windows_10", 2211, 97),
            entry("microsoft-_-windows_server_2019", 300, 120),
            entry("google-_-chrome", 900, 12),
        ];
        let find = |query| find_software(&entries, query, InventoryOrder::default());
        assert_eq!(find("windows 10"), [0]);
        assert_eq!(find("10 windows"), [0]);
        assert_eq!(find("WINDOWS"), [0, 1]);
        assert_eq!(find("server_2019"), [1]);
        assert_eq!(find("microsoft-_-windows_10"), [0]);
        assert_eq!(find("google"), [2]);
        assert_eq!(find("  "), [0, 1, 2]);
        assert_eq!(find("linux"), Vec::<usize>::new());
    }

    #[test]
    fn software_is_ranked_by_exposure_or_as_the_user_sorts() {
        let mut exploited = entry("a-_-exploited", 10, 5);
        exploited.public_exploit = Some(true);
        let entries = [entry("a-_-few", 10, 5), exploited, entry("b-_-many", 500, 1), entry("c-_-weak", 10, 90)];
        for kbs_first in [true, false] {
            let order = |sort| InventoryOrder { sort, kbs_first };
            assert_eq!(find_software(&entries, "", order(InventorySort::Exposure)), [2, 3, 1, 0]);
            assert_eq!(find_software(&entries, "", order(InventorySort::Weaknesses)), [3, 1, 0, 2]);
            assert_eq!(find_software(&entries, "", order(InventorySort::Name)), [1, 0, 2, 3]);
        }
    }

    #[test]
    fn by_default_the_software_that_can_have_kbs_comes_first_in_every_sort() {
        // As in a real inventory: the most exposed software is not Microsoft's.
        let entries = [
            entry("google-_-chrome", 2_900, 131),
            entry("adobe-_-acrobat_reader", 3_300, 142),
            entry("microsoft-_-windows_10", 2_211, 97),
            entry("microsoft-_-teams", 3_850, 6),
            entry("7-zip-_-7-zip", 2_200, 9),
        ];
        let order = |sort, kbs_first| find_software(&entries, "", InventoryOrder { sort, kbs_first });
        assert_eq!(find_software(&entries, "", InventoryOrder::default()), [3, 2, 1, 0, 4]);
        assert_eq!(order(InventorySort::Weaknesses, true), [2, 3, 1, 0, 4]);
        assert_eq!(order(InventorySort::Name, true), [3, 2, 4, 1, 0]);
        // "All software": one ranking, whoever the vendor.
        assert_eq!(order(InventorySort::Exposure, false), [3, 1, 0, 2, 4]);
        // A search keeps the order: the KBs first.
        assert_eq!(find_software(&entries, "o", InventoryOrder::default()), [3, 2, 1, 0]);
        assert_eq!(InventoryOrder::default().show_name(), "kbs-first");
        assert!(!InventoryOrder::kbs_first_from("all") && InventoryOrder::kbs_first_from("anything else"));
        for sort in [InventorySort::Exposure, InventorySort::Weaknesses, InventorySort::Name] {
            assert_eq!(InventorySort::parse(sort.as_str()), sort);
        }
        assert_eq!(InventorySort::parse("nonsense"), InventorySort::Exposure);
    }

    #[test]
    fn only_microsoft_software_has_kbs() {
        assert!(entry("microsoft-_-edge", 1, 1).has_kbs());
        assert!(!entry("google-_-chrome", 1, 1).has_kbs());
        assert!(!SoftwareEntry { id: "x-_-y".into(), ..Default::default() }.has_kbs());
        // Without a vendor, the ID's.
        assert!(SoftwareEntry { id: "microsoft-_-teams".into(), ..Default::default() }.has_kbs());
    }

    #[test]
    fn the_next_page_follows_a_link_on_the_api_origin_or_a_full_page() {
        let base = ApiBase::parse("https://api.security.microsoft.com", "https://portal.example").unwrap();
        let token = AccessToken::new("t").unwrap();
        let page = |sent, next_link: Option<&str>| InventoryPage {
            sent,
            next_link: next_link.map(str::to_owned),
            ..Default::default()
        };
        let next =
            |page: &InventoryPage| next_inventory_request(&base, page, 5_000, 1, &token).map(|r| r.map(|r| r.url));
        assert_eq!(
            next(&page(5_000, None)),
            Ok(Some("https://api.security.microsoft.com/api/Software?$top=5000&$skip=5000".into()))
        );
        assert_eq!(next(&page(4_999, None)), Ok(None));
        assert_eq!(
            next(&page(3, Some("/api/Software?$skiptoken=x"))),
            Ok(Some("https://api.security.microsoft.com/api/Software?$skiptoken=x".into()))
        );
        assert!(next(&page(3, Some("https://evil.example/api/Software"))).is_err());
    }

    #[test]
    fn pages_are_asked_for_with_top_and_skip() {
        let base = ApiBase::parse("https://api.security.microsoft.com", "https://portal.example").unwrap();
        let request = inventory_request(&base, 20_000, &AccessToken::new("t").unwrap());
        assert_eq!(request.url, "https://api.security.microsoft.com/api/Software?$top=5000&$skip=20000");
    }

    #[test]
    fn an_index_made_page_by_page_is_the_index_made_at_once() {
        let entry = |id: &str, name: &str, exposed| SoftwareEntry {
            id: id.into(),
            name: Some(name.into()),
            exposed_machines: Some(exposed),
            ..Default::default()
        };
        let entries = [
            entry("microsoft-_-windows_10", "windows_10", 20),
            entry("google-_-chrome", "chrome", 90),
            entry("microsoft-_-windows_11", "windows_11", 40),
        ];
        let mut paged = SearchIndex::default();
        paged.extend(&entries[..1]);
        // An order made before the last page must not be kept.
        assert_eq!(paged.find(&entries[..1], "", InventoryOrder::default()), [0]);
        paged.extend(&entries[1..]);
        let inventory = Inventory::indexed(entries.to_vec(), None, paged);
        let at_once = SearchIndex::new(&entries);
        assert_eq!(inventory.index, at_once);
        for order in InventoryOrder::ALL {
            for query in ["", "windows", "chrome 90", "11 microsoft"] {
                assert_eq!(
                    inventory.index.find(&inventory.entries, query, order),
                    at_once.find(&entries, query, order),
                    "{query:?} {order:?}"
                );
            }
        }
    }
}
