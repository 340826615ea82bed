//! What the host and the form can ask of one widget: show a software, refresh, cancel a wait,
//! take a new token, sort and filter. Components and the host's handle talk to this only.

use leptos::prelude::*;
use missing_kbs_core::{AccessToken, KbViewOptions, Locale, SoftwareId, SoftwareIdError};

use crate::endpoints::MissingKbs;
use crate::load::{Load, LoadState};

/// The software ID field, one signal for both parts (ARCHITECTURE.md, "Wasm size").
#[derive(Default)]
pub struct IdField {
    pub text: String,
    /// Why `text` is not a software ID, once the user (or the host) submitted it.
    pub problem: Option<SoftwareIdError>,
}

/// The missing-KB list's load.
pub type KbListLoad = Load<MissingKbs>;

/// One widget's state and everything that changes it; components and the host's handle go through it.
#[derive(Clone, Copy)]
pub struct WidgetController {
    /// The missing KBs of the software shown.
    pub list: KbListLoad,
    pub id_field: RwSignal<IdField>,
    /// The language the widget speaks.
    pub locale: RwSignal<Locale>,
    /// How the loaded list is sorted and filtered; the order survives a change of software.
    pub view: RwSignal<KbViewOptions>,
}

impl WidgetController {
    /// `view` is the host's first sort and filter. A refused configuration is told to the host at once.
    pub fn new(list: KbListLoad, locale: Locale, view: KbViewOptions) -> Self {
        if list.state.with_untracked(|state| matches!(state, LoadState::Misconfigured(_))) {
            list.notify(|events| events.misconfigured());
        }
        Self {
            list,
            id_field: RwSignal::new(IdField::default()),
            locale: RwSignal::new(locale),
            view: RwSignal::new(view),
        }
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

    /// Uses `token` from now on (and loads again a view that failed for want of one).
    pub fn set_token(&self, token: AccessToken) {
        self.list.set_token(token);
    }

    fn load_field(&self, new_filter: bool) {
        match self.id_field.with_untracked(|field| SoftwareId::parse(field.text.trim())) {
            Ok(id) => {
                self.id_field.update(|field| field.problem = None);
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
