//! What the host and the form can ask of one widget: show a software, refresh, cancel a wait,
//! take a new token, sort and filter. Components and the host's handle talk to this only.

use leptos::prelude::*;
use missing_kbs_core::{
    AccessToken, Cloud, InventoryOrder, KbViewOptions, Locale, MissingKbList, SoftwareId, SoftwareIdError,
};

use crate::endpoints::{AllSoftware, DetailsKey, KbCvesAndDevices, MissingKbs, SoftwareInventory};
use crate::load::{AfterNewToken, Load, LoadState};

/// The software ID field, one signal for both parts (ARCHITECTURE.md, "Wasm size").
#[derive(Default)]
pub struct IdField {
    pub text: String,
    /// Why `text` is not a software ID, once the user (or the host) submitted it.
    pub problem: Option<SoftwareIdError>,
}

/// The missing-KB list's load.
pub type KbListLoad = Load<MissingKbs>;
/// What the missing-KB list shows.
pub type KbListState = LoadState<SoftwareId, MissingKbList>;
/// The software inventory's load, for the finder.
pub type InventoryLoad = Load<SoftwareInventory>;

/// How many matches the finder shows at first, and how many more each "Show more" adds.
pub const FINDER_PAGE: usize = 50;

/// The software finder, kept while a software's list is shown, so that going back finds
/// the search, the sort and the scroll position as the user left them.
#[derive(Clone, Default)]
pub struct Finder {
    /// Whether the widget has a finder (the `finder` option; the standalone page has one).
    pub enabled: bool,
    /// Whether it is shown, rather than a software's list.
    pub shown: bool,
    pub query: String,
    /// Its sort, and whether the software that can have KBs comes first.
    pub order: InventoryOrder,
    /// How many matches are shown.
    pub limit: usize,
    /// Where the page was scrolled when a software was chosen; `None` before any was.
    pub scroll_y: Option<f64>,
}

/// One widget's state and everything that changes it; components and the host's handle go through it.
#[derive(Clone, Copy)]
pub struct WidgetController {
    /// The missing KBs of the software shown.
    pub list: KbListLoad,
    /// The organisation's software, once the finder asked for it.
    pub inventory: InventoryLoad,
    pub finder: RwSignal<Finder>,
    pub id_field: RwSignal<IdField>,
    /// The language the widget speaks.
    pub locale: RwSignal<Locale>,
    /// How the loaded list is sorted and filtered; the order survives a change of software.
    pub view: RwSignal<KbViewOptions>,
    /// The cloud the host named (`cloud`), whose Defender portal the details link to.
    pub cloud: Option<Cloud>,
}

impl WidgetController {
    /// `view` is the host's first sort and filter; `finder` whether the widget has a finder, and
    /// its first order;
    /// `cloud` the one the host named. A refused configuration is told to the host at once.
    pub fn new(
        list: KbListLoad,
        inventory: InventoryLoad,
        locale: Locale,
        view: KbViewOptions,
        (finder, order): (bool, InventoryOrder),
        cloud: Option<Cloud>,
    ) -> Self {
        if list.state.with_untracked(|state| matches!(state, LoadState::Misconfigured(_))) {
            list.notify(|events| events.misconfigured());
        }
        Self {
            list,
            inventory,
            finder: RwSignal::new(Finder { enabled: finder, order, limit: FINDER_PAGE, ..Finder::default() }),
            id_field: RwSignal::new(IdField::default()),
            locale: RwSignal::new(locale),
            view: RwSignal::new(view),
            cloud,
        }
    }

    /// Whether the widget is still mounted. Its signals all go when it is unmounted, and the
    /// code of a part that loads later may arrive after that: reading them then would trap.
    pub fn is_mounted(&self) -> bool {
        self.view.try_with_untracked(|_| ()).is_some()
    }

    /// Shows the finder (when the widget has one), reading the inventory the first time,
    /// scrolled where the user left it.
    pub fn show_finder(&self) {
        let Some(scroll_y) = self.finder.with_untracked(|finder| finder.enabled.then_some(finder.scroll_y)) else {
            return;
        };
        // The finder's own code (a wasm part that loads later) reads the inventory the first time.
        self.finder.update(|finder| finder.shown = true);
        // Back where the user chose, once the finder is in the page again; the first time, the
        // host page stays where it is.
        if let Some(scroll_y) = scroll_y {
            request_animation_frame(move || window().scroll_to_with_x_and_y(0.0, scroll_y));
        }
    }

    /// The user chose `id` in the finder: its list is shown, and the host told. Where the page
    /// was is kept for the way back; the finder brings the widget's top into view.
    pub fn choose_software(&self, id: &str) {
        let scroll_y = window().scroll_y().unwrap_or(0.0);
        self.finder.update(|finder| finder.scroll_y = Some(scroll_y));
        self.show_software(id);
        if let Ok(id) = SoftwareId::parse(id) {
            self.list.notify(|events| events.software_chosen(&id));
        }
    }

    /// Changes the finder's search, sort or how many matches it shows.
    pub fn change_finder(&self, change: impl FnOnce(&mut Finder)) {
        self.finder.update(change);
    }

    /// Changes the finder's order, and tells the host (which may keep it in its URL).
    pub fn change_finder_order(&self, change: impl FnOnce(&mut InventoryOrder)) {
        self.finder.update(|finder| change(&mut finder.order));
        let order = self.finder.with_untracked(|finder| finder.order);
        self.list.notify(|events| events.finder_order_changed(order));
    }

    /// Puts `raw` in the field and loads it, or says why it is not a software ID. A filter typed
    /// for one software rarely makes sense for the next, so the text and product filters are cleared.
    pub fn show_software(&self, raw: &str) {
        self.id_field.update(|field| field.text = raw.to_owned());
        self.submit();
    }

    /// The host's first software: loaded with the host's first view, which `new` took.
    pub fn show_first_software(&self, raw: &str) {
        self.id_field.update(|field| field.text = raw.to_owned());
        self.load_field(false);
    }

    /// Changes how the list is sorted or filtered, and tells the host (which may keep it in its URL).
    pub fn change_view(&self, change: impl FnOnce(&mut KbViewOptions)) {
        self.view.update(change);
        let id = self.list.state.with_untracked(|state| state.key().cloned());
        self.view.with_untracked(|view| self.list.notify(|events| events.view_changed(id.as_ref(), view)));
    }

    /// Loads what the field holds, trimmed, or explains what is wrong with it.
    pub fn submit(&self) {
        self.load_field(true);
    }

    /// Loads the current software again from the API.
    pub fn refresh(&self) {
        self.list.refresh();
    }

    /// Stops a wait (a countdown) and shows why it was waiting.
    pub fn cancel(&self) {
        self.list.cancel();
    }

    /// Uses `token` from now on: loads again a view that failed for want of one, and replaces
    /// every view of another account's answers (the list with its open details, the inventory
    /// of the finder and of the ID field's suggestions) with this account's. True when the
    /// inventory must be read again, which is code of the finder's part: the caller asks that
    /// part (`parts::read_inventory_again`), so that this module never reaches into views.
    #[must_use]
    pub fn set_token(&self, token: AccessToken) -> bool {
        self.list.set_token(token.clone());
        let change = self.inventory.use_token(token);
        if change == AfterNewToken::OtherAccount {
            // Gone at once, before the finder's part reads this account's inventory.
            self.inventory.forget();
        }
        change != AfterNewToken::Keep
    }

    /// Reads the inventory, unless it was asked for already (the finder's part and the ID
    /// field's suggestions call this, and only they: its code is theirs).
    pub fn read_inventory(&self) {
        self.inventory.load_if_idle(AllSoftware);
    }

    /// Reads the inventory again from the API (Retry, a new token), or for the first time.
    pub fn read_inventory_again(&self) {
        if !self.inventory.load_if_idle(AllSoftware) {
            self.inventory.refresh();
        }
    }

    /// Starts loading the CVEs and devices of `key` for its details panel, with the list's API
    /// base and token, and returns that load; `None` when the widget has no API base. Each panel
    /// has its own load, which goes with the panel (the details' part calls this).
    pub fn load_kb_details(&self, key: DetailsKey) -> Option<Load<KbCvesAndDevices>> {
        let load = self.list.sibling::<KbCvesAndDevices>()?;
        load.load(key);
        Some(load)
    }

    fn load_field(&self, new_filter: bool) {
        match self.id_field.with_untracked(|field| SoftwareId::parse(field.text.trim())) {
            Ok(id) => {
                self.id_field.update(|field| field.problem = None);
                if self.finder.with_untracked(|finder| finder.shown) {
                    self.finder.update(|finder| finder.shown = false);
                }
                if new_filter {
                    self.view.update(|view| {
                        view.text.clear();
                        view.products.clear();
                    });
                }
                self.list.load(id);
            }
            Err(problem) => self.id_field.update(|field| field.problem = Some(problem)),
        }
    }
}
