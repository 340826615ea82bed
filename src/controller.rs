//! What the host and the form can ask of one widget: show a software, refresh, take a new token.

use leptos::prelude::*;
use missing_kbs_core::{KbViewOptions, Locale, SoftwareId, SoftwareIdError};

use crate::loader::Loader;

/// The software ID field, one signal for both parts (ARCHITECTURE.md, "Wasm size").
#[derive(Default)]
pub struct IdField {
    pub text: String,
    /// Why `text` is not a software ID, once the user (or the host) submitted it.
    pub problem: Option<SoftwareIdError>,
}

#[derive(Clone, Copy)]
pub struct WidgetController {
    pub loader: Loader,
    pub id_field: RwSignal<IdField>,
    /// The language the widget speaks.
    pub locale: RwSignal<Locale>,
    /// How the loaded list is sorted and filtered; the order survives a change of software.
    pub view: RwSignal<KbViewOptions>,
}

impl WidgetController {
    pub fn new(loader: Loader, locale: Locale) -> Self {
        Self {
            loader,
            id_field: RwSignal::new(IdField::default()),
            locale: RwSignal::new(locale),
            view: RwSignal::new(KbViewOptions::default()),
        }
    }

    /// Puts `raw` in the field and loads it, or says why it is not a software ID.
    pub fn show_software(&self, raw: &str) {
        self.id_field.update(|field| field.text = raw.to_owned());
        self.submit();
    }

    /// Changes how the list is sorted or filtered, and tells the host (which may keep it in its URL).
    pub fn change_view(&self, change: impl FnOnce(&mut KbViewOptions)) {
        self.view.update(change);
        let id = self.loader.state.with_untracked(|state| state.software_id().cloned());
        self.view.with_untracked(|view| self.loader.notify(|events| events.view_changed(id.as_ref(), view)));
    }

    /// Loads what the field holds, trimmed, or explains what is wrong with it.
    pub fn submit(&self) {
        match self.id_field.with_untracked(|field| SoftwareId::parse(field.text.trim())) {
            Ok(id) => {
                self.id_field.update(|field| field.problem = None);
                // A filter typed for one software rarely makes sense for the next.
                self.view.update(|view| {
                    view.text.clear();
                    view.products.clear();
                });
                self.loader.load(id);
            }
            Err(problem) => self.id_field.update(|field| field.problem = Some(problem)),
        }
    }
}
