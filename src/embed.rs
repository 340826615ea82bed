//! The JavaScript contract: `mount(element, options)` returns a handle that drives one widget.
//!
//! `web/missing-kbs.js` wraps these exports in the documented ES module (it
//! loads the wasm once, returns a Promise, and defines `<missing-kbs>`).

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use leptos::mount::mount_to;
use leptos::prelude::*;
use missing_kbs_core::{AccessToken, MachineId};
use wasm_bindgen::prelude::*;
use web_sys::HtmlElement;

use crate::controller::{KbListLoad, WidgetController};
use crate::host_events::HostEvents;
use crate::host_options::read_host_options;
use crate::language_catalogue::choose_locale;
use crate::shell::MissingKbsWidget;
use crate::token::TokenSource;

/// One mounted widget. Every method is a no-op after `unmount()`.
///
/// The widget lives until `unmount()`, not until the handle is garbage
/// collected: a host that drops the handle keeps its widget.
#[wasm_bindgen]
pub struct WidgetHandle {
    id: u32,
}

struct Mounted {
    controller: WidgetController,
    // Dropping it removes the widget's nodes and runs its cleanups (aborting requests). Boxed,
    // since its type cannot be named, rather than erased to an AnyView (ARCHITECTURE.md, "Wasm size").
    _view: Box<dyn std::any::Any>,
}

thread_local! {
    /// By widget ID; a page has a few widgets, so a list beats a hash map (and its wasm).
    static MOUNTED: RefCell<Vec<(u32, Mounted)>> = const { RefCell::new(Vec::new()) };
    static NEXT_ID: Cell<u32> = const { Cell::new(1) };
}

fn with_controller(id: u32, act: impl FnOnce(WidgetController)) {
    // Copy the controller out first: what it does may mount or unmount other widgets.
    if let Some(controller) =
        MOUNTED.with_borrow(|mounted| mounted.iter().find(|(other, _)| *other == id).map(|(_, m)| m.controller))
    {
        act(controller);
    }
}

/// Stops the module on purpose, so a host page can check how it handles `missingkbs:error` with
/// kind `panic` (every widget on the page then shows "reload the page"). It aborts, as running out
/// of memory does: a trap that no panic hook sees, from inside a frame on the module's own stack,
/// as a panic deep in its code is. Never called by the widget itself.
#[wasm_bindgen(js_name = simulatePanic)]
pub fn simulate_panic() {
    #[inline(never)]
    fn abort_below(frame: &[u8; 16]) {
        std::hint::black_box(frame);
        std::process::abort();
    }
    let frame = [0_u8; 16];
    abort_below(std::hint::black_box(&frame));
}

/// An address on the module's own stack (in its linear memory), taken inside this call. It is
/// the same between calls, lower while another call into the module is running, and lower for
/// good once a call trapped: a trap unwinds the module's frames without giving their stack back.
/// No other code can move it, so missing-kbs.js tells the module's own traps from other errors,
/// real or faked, by it.
#[wasm_bindgen(js_name = stackMark)]
pub fn stack_mark() -> usize {
    let probe = 0_u8;
    std::hint::black_box(&probe) as *const u8 as usize
}

/// Mounts a widget into `element`. See EMBEDDING.md for the options.
#[wasm_bindgen]
pub fn mount(element: JsValue, options: JsValue) -> Result<WidgetHandle, JsError> {
    let element: HtmlElement =
        element.dyn_into().map_err(|_| JsError::new("mount() needs an HTML element to mount the widget in."))?;
    let options = read_host_options(&options);
    let events = HostEvents::new(element.clone());
    let controller = Rc::new(Cell::new(None));
    let view = mount_to(element, {
        let controller = Rc::clone(&controller);
        move || {
            let (api_base, token, cloud) = match options.connection {
                Ok((api_base, token, cloud)) => (Ok(api_base), token, cloud),
                Err(problem) => (Err(problem), TokenSource::Fixed(None), None),
            };
            let list = KbListLoad::new(api_base, token, Some(events), options.timeout_ms);
            let widget = WidgetController::new(
                list,
                options.locale,
                options.view,
                (options.finder, options.finder_order),
                cloud,
            );
            if let Some(machine) = options.machine_id.clone() {
                widget.show_first_device(machine);
            } else if !options.software_id.trim().is_empty() {
                widget.show_first_software(&options.software_id);
            } else {
                widget.show_finder();
            }
            controller.set(Some(widget));
            view! { <MissingKbsWidget controller=widget theme=options.theme /> }
        }
    });
    let controller = controller.get().ok_or_else(|| JsError::new("The widget could not be mounted."))?;
    let id = NEXT_ID.replace(NEXT_ID.get() + 1);
    MOUNTED.with_borrow_mut(|mounted| mounted.push((id, Mounted { controller, _view: Box::new(view) })));
    Ok(WidgetHandle { id })
}

#[wasm_bindgen]
impl WidgetHandle {
    /// Shows another software; an invalid ID is explained in the widget.
    #[wasm_bindgen(js_name = setSoftwareId)]
    pub fn set_software_id(&self, software_id: &str) {
        with_controller(self.id, |controller| controller.show_software(software_id));
    }

    /// Shows the missing KBs of the device `machine_id` (a Defender device ID) in place of
    /// the software's; throws, changing nothing, when it is not one.
    #[wasm_bindgen(js_name = setMachineId)]
    pub fn set_machine_id(&self, machine_id: &str) -> Result<(), JsError> {
        let id = MachineId::parse(machine_id.trim()).ok_or_else(|| {
            JsError::new("setMachineId needs a Defender device ID: letters, digits and '-' only, at most 64.")
        })?;
        with_controller(self.id, |controller| controller.show_device(id));
        Ok(())
    }

    /// Uses `token` for the next requests (and reloads a view that failed for want of one).
    #[wasm_bindgen(js_name = setToken)]
    pub fn set_token(&self, token: &str) -> Result<(), JsError> {
        let token = AccessToken::new(token).map_err(|error| JsError::new(&error.to_string()))?;
        with_controller(self.id, |controller| {
            if controller.set_token(token.clone()) {
                leptos::task::spawn_local(crate::parts::finder_take_token(controller, token));
            }
        });
        Ok(())
    }

    /// Switches the widget's language (`en`, `ja`, `zh-Hant`, `sv`, `fr`, `pt-BR`;
    /// anything else falls back to the browser's languages, then English).
    #[wasm_bindgen(js_name = setLocale)]
    pub fn set_locale(&self, locale: &str) {
        let locale = choose_locale(Some(locale));
        with_controller(self.id, |controller| controller.locale.set(locale));
    }

    /// Shows the software finder (a widget mounted with `finder: true`), as the user left it.
    #[wasm_bindgen(js_name = showFinder)]
    pub fn show_finder(&self) {
        with_controller(self.id, |controller| controller.show_finder());
    }

    /// Loads the current software again.
    pub fn refresh(&self) {
        with_controller(self.id, |controller| controller.refresh());
    }

    /// Removes the widget's nodes and listeners and aborts its requests.
    pub fn unmount(&self) {
        // Taken out of the map before it is dropped, so its cleanups run with the map free.
        let removed = MOUNTED.with_borrow_mut(|mounted| {
            let index = mounted.iter().position(|(other, _)| *other == self.id)?;
            Some(mounted.swap_remove(index))
        });
        drop(removed);
    }
}
