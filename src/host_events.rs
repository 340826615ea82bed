//! The `CustomEvent`s the widget fires on its host element, so a portal can react to it.
//!
//! Details carry the software's or the device's ID (`softwareId` or `machineId`), counts and
//! error kinds; never a token.

use missing_kbs_core::{ErrorKind, InventoryOrder, KbViewOptions, ListSubject, MachineId, SoftwareId};
use wasm_bindgen::JsValue;
use web_sys::{CustomEvent, CustomEventInit, HtmlElement};

use crate::js_object::js_object;

pub const LOADED: &str = "missingkbs:loaded";
pub const ERROR: &str = "missingkbs:error";
pub const TOKEN_EXPIRED: &str = "missingkbs:tokenexpired";
pub const VIEW_CHANGE: &str = "missingkbs:viewchange";
pub const SOFTWARE_CHOSEN: &str = "missingkbs:softwarechosen";
pub const DEVICE_CHOSEN: &str = "missingkbs:devicechosen";
pub const FINDER_CHANGE: &str = "missingkbs:finderchange";

/// The error kind for a configuration the widget refuses (a bad `apiBase`, no token source).
pub const CONFIGURATION_ERROR_KIND: &str = "configuration";

#[derive(Clone)]
pub struct HostEvents {
    host: HtmlElement,
}

impl HostEvents {
    pub fn new(host: HtmlElement) -> Self {
        Self { host }
    }

    /// `{softwareId, count}` or `{machineId, count}`.
    pub fn loaded(&self, subject: &ListSubject, count: usize) {
        self.dispatch(LOADED, &[subject_field(Some(subject)), ("count", (count as f64).into())]);
    }

    pub fn failed(&self, id: Option<&ListSubject>, kind: &ErrorKind) {
        self.error(id, kind.code(), kind.http_status());
    }

    pub fn misconfigured(&self) {
        self.error(None, CONFIGURATION_ERROR_KIND, None);
    }

    /// The user sorted or filtered: `{softwareId, sort, filter, products}` (`machineId` for a device's list).
    pub fn view_changed(&self, id: Option<&ListSubject>, view: &KbViewOptions) {
        let products = js_sys::Array::new();
        for product in &view.products {
            products.push(&product.into());
        }
        self.dispatch(
            VIEW_CHANGE,
            &[
                subject_field(id),
                ("sort", view.sort.as_str().into()),
                ("filter", view.text.as_str().into()),
                ("products", products.into()),
            ],
        );
    }

    /// The user changed the finder's order: `{sort, show}` (`finderSort` and `finderShow`).
    pub fn finder_order_changed(&self, order: InventoryOrder) {
        self.dispatch(FINDER_CHANGE, &[("sort", order.sort.as_str().into()), ("show", order.show_name().into())]);
    }

    /// The user chose a software in the finder.
    pub fn software_chosen(&self, id: &SoftwareId) {
        self.dispatch(SOFTWARE_CHOSEN, &[("softwareId", id.as_str().into())]);
    }

    /// The user opened a device (from a KB's devices or the finder's device search).
    pub fn device_chosen(&self, id: &MachineId) {
        self.dispatch(DEVICE_CHOSEN, &[("machineId", id.as_str().into())]);
    }

    pub fn token_expired(&self, subject: &ListSubject) {
        self.dispatch(TOKEN_EXPIRED, &[subject_field(Some(subject))]);
    }

    fn error(&self, subject: Option<&ListSubject>, kind: &str, status: Option<u16>) {
        let status = status.map_or(JsValue::NULL, |status| f64::from(status).into());
        self.dispatch(ERROR, &[subject_field(subject), ("kind", kind.into()), ("status", status)]);
    }

    fn dispatch(&self, name: &str, detail: &[(&str, JsValue)]) {
        let object = js_object(detail);
        let init = CustomEventInit::new();
        init.set_bubbles(true);
        init.set_composed(true);
        init.set_detail(&object);
        if let Ok(event) = CustomEvent::new_with_event_init_dict(name, &init) {
            // A listener that throws must not break the widget; the browser reports it.
            let _ = self.host.dispatch_event(&event);
        }
    }
}

/// The detail's field that names what a list is for: `softwareId` (null when there is none yet)
/// or `machineId`.
fn subject_field(subject: Option<&ListSubject>) -> (&'static str, JsValue) {
    match subject {
        Some(subject) => (subject.field(), subject.as_str().into()),
        None => ("softwareId", JsValue::NULL),
    }
}
