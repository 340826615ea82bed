//! What the host and the form can ask of one widget: show a software or a device, open a device
//! from a KB's devices and go back, refresh, cancel a wait, take a new token, sort and filter.
//! Components and the host's handle talk to this only.

use leptos::prelude::*;
use missing_kbs_core::{
    AccessToken, Cloud, DeviceNamePrefix, InventoryOrder, KbViewOptions, ListSubject, Locale, MachineId, MissingKbList,
    SoftwareId, SoftwareIdError,
};
use web_sys::HtmlElement;

use crate::endpoints::{AllSoftware, DetailsKey, DeviceSearch, KbCvesAndDevices, MissingKbs, SoftwareInventory};
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
pub type KbListState = LoadState<ListSubject, MissingKbList>;
/// The software inventory's load, for the finder.
pub type InventoryLoad = Load<SoftwareInventory>;
/// The finder's device search, by a name's beginning.
pub type DeviceSearchLoad = Load<DeviceSearch>;

/// The loads of the finder's part: the organisation's software (which the finder and the ID
/// field's suggestions read) and the device search. That part makes them the first time it needs
/// them (`WidgetController::finder_loads`), so that their code is the part's, not the first
/// download's (docs/size.md).
#[derive(Clone, Copy)]
pub struct FinderLoads {
    pub inventory: InventoryLoad,
    pub device_search: DeviceSearchLoad,
}

/// The finder's loads once made, and the widget's reactive owner they are made in (so that they
/// live, and their requests are aborted, with the widget rather than with the view that asked).
struct FinderLoadsSlot {
    owner: WeakOwner,
    loads: Option<FinderLoads>,
}

/// A list of missing KBs with its own sort and filter: the widget's list, and the device opened
/// over it from a KB's devices (which keeps the list, its open panels and its filter as they were).
#[derive(Clone, Copy)]
pub struct ListPane {
    pub load: KbListLoad,
    pub view: RwSignal<KbViewOptions>,
}

impl ListPane {
    /// Changes how the list is sorted or filtered, and tells the host (which may keep it in its URL).
    pub fn change_view(&self, change: impl FnOnce(&mut KbViewOptions)) {
        self.view.update(change);
        let subject = self.load.state.with_untracked(|state| state.key().cloned());
        self.view.with_untracked(|view| self.load.notify(|events| events.view_changed(subject.as_ref(), view)));
    }

    /// Loads the shown list again from the API.
    pub fn refresh(&self) {
        self.load.refresh();
    }
}

/// Which of the finder's searches is shown.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum FinderTab {
    #[default]
    Software,
    Devices,
}

/// Where the user was when a device was opened over the list: the page's scroll, and the
/// element that opened it, which has the focus again on the way back.
struct OpenedFrom {
    scroll_y: f64,
    opener: Option<HtmlElement>,
}

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
    /// The software search or the device search.
    pub tab: FinderTab,
    /// The device search's text, as typed.
    pub device_query: String,
}

/// One widget's state and everything that changes it; components and the host's handle go through it.
#[derive(Clone, Copy)]
pub struct WidgetController {
    /// The missing KBs of the software shown.
    pub list: KbListLoad,
    pub finder: RwSignal<Finder>,
    pub id_field: RwSignal<IdField>,
    /// The language the widget speaks.
    pub locale: RwSignal<Locale>,
    /// How the loaded list is sorted and filtered; the order survives a change of software.
    pub view: RwSignal<KbViewOptions>,
    /// The cloud the host named (`cloud`), whose Defender portal the details link to.
    pub cloud: Option<Cloud>,
    /// The device opened from a KB's devices, shown over the list (idle when none is).
    pub device: ListPane,
    finder_loads: StoredValue<FinderLoadsSlot, LocalStorage>,
    opened_from: StoredValue<Option<OpenedFrom>, LocalStorage>,
}

impl WidgetController {
    /// `view` is the host's first sort and filter; `finder` whether the widget has a finder, and
    /// its first order;
    /// `cloud` the one the host named. A refused configuration is told to the host at once.
    /// Made inside the widget's reactive owner, in which the finder's loads are made later.
    pub fn new(
        list: KbListLoad,
        locale: Locale,
        view: KbViewOptions,
        (finder, order): (bool, InventoryOrder),
        cloud: Option<Cloud>,
    ) -> Self {
        if list.state.with_untracked(|state| matches!(state, LoadState::Misconfigured(_))) {
            list.notify(|events| events.misconfigured());
        }
        // Idle until the user opens a device (or the finder searches); none without an API base.
        let device = list.companion::<MissingKbs>(true);
        let owner = Owner::current().unwrap_or_default().downgrade();
        Self {
            list,
            finder: RwSignal::new(Finder { enabled: finder, order, limit: FINDER_PAGE, ..Finder::default() }),
            id_field: RwSignal::new(IdField::default()),
            locale: RwSignal::new(locale),
            view: RwSignal::new(view),
            cloud,
            device: ListPane { load: device, view: RwSignal::new(KbViewOptions::default()) },
            finder_loads: StoredValue::new_local(FinderLoadsSlot { owner, loads: None }),
            opened_from: StoredValue::new_local(None),
        }
    }

    /// The widget's own list, with its sort and filter.
    pub fn main_pane(&self) -> ListPane {
        ListPane { load: self.list, view: self.view }
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

    /// The host's device (`setMachineId`): its missing KBs are the widget's list.
    pub fn show_device(&self, id: MachineId) {
        self.show_subject(ListSubject::Device(id), true);
    }

    /// The host's first device (`machineId`): loaded with the host's first view, which `new` took.
    pub fn show_first_device(&self, id: MachineId) {
        self.show_subject(ListSubject::Device(id), false);
    }

    /// The user chose a device in the finder's device search: its list is shown, as a software's
    /// is, and the host told.
    pub fn choose_device(&self, id: MachineId) {
        let scroll_y = window().scroll_y().unwrap_or(0.0);
        self.finder.update(|finder| finder.scroll_y = Some(scroll_y));
        self.list.notify(|events| events.device_chosen(&id));
        self.show_subject(ListSubject::Device(id), true);
    }

    /// The user opened a device from a KB's devices (`opener`, which has the focus again on the
    /// way back): its missing KBs are shown over the list, which stays as it was, and the host told.
    pub fn open_device(&self, id: MachineId, opener: Option<HtmlElement>) {
        if !self.device_open_untracked() {
            let scroll_y = window().scroll_y().unwrap_or(0.0);
            self.opened_from.set_value(Some(OpenedFrom { scroll_y, opener }));
        }
        self.list.notify(|events| events.device_chosen(&id));
        self.device.view.update(KbViewOptions::clear_filters);
        self.device.load.load(ListSubject::Device(id));
    }

    /// Back from the device opened over the list: the list as it was, scrolled where it was,
    /// with the focus on what opened the device.
    pub fn close_device(&self) {
        self.device.load.forget();
        if let Some(OpenedFrom { scroll_y, opener }) = self.opened_from.try_update_value(Option::take).flatten() {
            request_animation_frame(move || {
                window().scroll_to_with_x_and_y(0.0, scroll_y);
                if let Some(opener) = opener {
                    let _ = opener.focus();
                }
            });
        }
    }

    /// Whether a device is shown over the list.
    pub fn device_open(&self) -> bool {
        self.device.load.state.with(|state| !matches!(state, LoadState::Idle))
    }

    fn device_open_untracked(&self) -> bool {
        self.device.load.state.with_untracked(|state| !matches!(state, LoadState::Idle))
    }

    /// Searches the devices whose name begins with `raw` (the finder's device search; its
    /// typing is debounced there), or forgets the search when `raw` is empty.
    pub fn search_devices(&self, raw: &str) {
        match DeviceNamePrefix::parse(raw, crate::intl::lower_case) {
            Ok(prefix) => self.finder_loads().device_search.load(prefix),
            Err(_) => self.finder_loads().device_search.forget(),
        }
    }

    /// Loads what the field holds, trimmed, or explains what is wrong with it.
    pub fn submit(&self) {
        self.load_field(true);
    }

    /// Loads the current software again from the API.
    pub fn refresh(&self) {
        self.list.refresh();
    }

    /// Uses `token` from now on: loads again a view that failed for want of one, and replaces
    /// every view of another account's answers (the list with its open details, the device opened
    /// over it) with this account's. True when the finder's loads were made: what the token means
    /// for them is their part's business (`parts::finder_take_token`, through
    /// [`Self::finder_take_token`]), so that this module never reaches into views.
    #[must_use]
    pub fn set_token(&self, token: AccessToken) -> bool {
        self.list.set_token(token.clone());
        self.device.load.set_token(token);
        self.finder_loads.with_value(|slot| slot.loads.is_some())
    }

    /// The finder's loads, made the first time the finder's part asks (only its code calls this).
    pub fn finder_loads(&self) -> FinderLoads {
        if let Some(loads) = self.finder_loads.with_value(|slot| slot.loads) {
            return loads;
        }
        let owner = self.finder_loads.with_value(|slot| slot.owner.upgrade()).unwrap_or_default();
        // Each reads its own answers, with the list's API base and token, and tells the host nothing.
        let loads = owner.with(|| FinderLoads {
            inventory: self.list.companion::<SoftwareInventory>(false),
            device_search: self.list.companion::<DeviceSearch>(false),
        });
        self.finder_loads.update_value(|slot| slot.loads = Some(loads));
        loads
    }

    /// A new token for the finder's loads (`set_token` said they were made): the device search
    /// goes, and the inventory is read again, when the token is another account's; the inventory
    /// is read again when it failed for want of a token.
    pub fn finder_take_token(&self, token: AccessToken) {
        let FinderLoads { inventory, device_search } = self.finder_loads();
        if device_search.use_token(token.clone()) != AfterNewToken::Keep {
            device_search.forget();
        }
        match inventory.use_token(token) {
            AfterNewToken::Keep => {}
            AfterNewToken::Retry => self.read_inventory_again(),
            AfterNewToken::OtherAccount => {
                inventory.forget();
                self.read_inventory_again();
            }
        }
    }

    /// Reads the inventory, unless it was asked for already (the finder's part and the ID
    /// field's suggestions call this, and only they: its code is theirs).
    pub fn read_inventory(&self) {
        self.finder_loads().inventory.load_if_idle(AllSoftware);
    }

    /// Reads the inventory again from the API (Retry, a new token), or for the first time.
    pub fn read_inventory_again(&self) {
        let inventory = self.finder_loads().inventory;
        if !inventory.load_if_idle(AllSoftware) {
            inventory.refresh();
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
                self.show_subject(ListSubject::Software(id), new_filter);
            }
            Err(problem) => self.id_field.update(|field| field.problem = Some(problem)),
        }
    }

    /// Shows the missing KBs of `subject` as the widget's list, in place of the finder and of a
    /// device opened over the list. A filter typed for one list rarely makes sense for the next:
    /// with `new_filter`, the text and product filters are cleared.
    fn show_subject(&self, subject: ListSubject, new_filter: bool) {
        // The list a device was opened over, asked for again (the browser's Back on the
        // standalone page): the device goes, and the list is as it was.
        if self.device_open_untracked() && self.list.state.with_untracked(|state| state.key() == Some(&subject)) {
            self.close_device();
            return;
        }
        if self.finder.with_untracked(|finder| finder.shown) {
            self.finder.update(|finder| finder.shown = false);
        }
        if self.device_open_untracked() {
            self.device.load.forget();
            self.opened_from.set_value(None);
        }
        if new_filter {
            self.view.update(KbViewOptions::clear_filters);
        }
        self.list.load(subject);
    }
}
