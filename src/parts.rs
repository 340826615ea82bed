//! The one boundary to the code that loads later (ARCHITECTURE.md, "Code that loads later").
//!
//! Every `#[wasm_split]` function of the widget is here, and the protocol they share is written
//! once: a part's texts are awaited first, here and nowhere else, so that its view is built in
//! the widget's language (each public function awaits them before its part's future: a shared
//! generic wrapper measured 0.3 KB gzip more of the first download, its futures nested); its code then checks that the widget is still there (`mount_while_mounted`), since
//! the part may arrive after an unmount; it mounts its view into an element it is given, and
//! dropping what it returns unmounts that view; when its code could not be fetched, the view's
//! place says so, with a Retry (`part_slot`). The views themselves are Leptos components
//! (`components/`), which know nothing of parts.
//!
//! Adding a part: a `#[wasm_split(name, …, fallible)]` function here that mounts its component
//! with `mount_while_mounted`, and a public function that the first download calls, through
//! `part_slot` when the part's view has a place of its own.

use std::any::Any;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::time::Duration;

use js_sys::Object;
use leptos::either::EitherOf3;
use leptos::html::Div;
use leptos::prelude::*;
use leptos::wasm_split::{wasm_split, SplitLoaderError};
use missing_kbs_core::{
    AccessToken, ApiError, DeviceInfo, ErrorKind, ListSubject, Locale, MachineId, MissingKbList, ShownKbs, Texts,
};
use web_sys::{HtmlElement, HtmlInputElement};

use crate::components::{
    attach_suggestions, ConfigProblemView, DetailsPanel, DeviceHeader, ErrorPanel, Finder, ListTools, SoftwareIdForm,
    Suggest,
};
use crate::controller::{KbListState, ListPane, WidgetController};
use crate::effects::effect;
use crate::endpoints::{self, DetailsKey, DevicePart, DeviceReading, ListTitle};
use crate::language_catalogue::later_texts_arrived;
use crate::load::LoadState;
use crate::standalone_page::{answer_standalone_question, StandaloneQuestion};
use crate::transport::Connection;

/// A part's view, mounted: dropping it unmounts the view.
pub type MountedPart = Box<dyn Any>;

/// In a part's code: mounts `view` into `slot`, unless the widget was unmounted while the code
/// was on its way (its signals are gone then, and reading them would trap).
fn mount_while_mounted<V: IntoView + 'static>(
    slot: HtmlElement,
    controller: WidgetController,
    view: impl FnOnce() -> V + 'static,
) -> MountedPart {
    if !controller.is_mounted() {
        return Box::new(());
    }
    Box::new(leptos::mount::mount_to(slot, view))
}

// The parts, in the order a widget may first ask for them.

/// What the tools of one loaded list need (its age with Refresh; sort, filter and export when
/// it has KBs).
#[derive(Clone)]
pub struct ListToolsOf {
    pub subject: ListSubject,
    /// The list (the widget's, or the device's opened over it) the tools sort, filter and refresh.
    pub pane: ListPane,
    pub list: Arc<MissingKbList>,
    pub loaded_at: f64,
    pub from_cache: bool,
    /// What the list shows, when it has KBs to sort, filter and export.
    pub shown: Option<Memo<ShownKbs>>,
    pub controller: WidgetController,
    pub texts: &'static Texts,
    pub prefix: String,
}

/// Sets `flag`, unless it is set, `delay` after the next frame has been painted (a frame
/// callback, then a task). What the screen shows now (a list's first cards) is on it by then,
/// and a part asked for after it does not hold it back.
pub fn set_after_paint(flag: RwSignal<bool>, delay: Duration) {
    request_animation_frame(move || {
        set_timeout(
            move || {
                // Once: a second setting would build again what the flag shows.
                if flag.try_get_untracked() == Some(false) {
                    flag.set(true);
                }
            },
            delay,
        )
    });
}

/// Where a list's tools appear, once their part is here, or why they are missing, with Retry.
/// Not before the list's first cards are on the screen: fetching and compiling the part would
/// hold them back. A frame callback, then a task: the frame is painted by then.
pub fn list_tools_slot(tools: ListToolsOf) -> impl IntoView {
    let painted = RwSignal::new(false);
    set_after_paint(painted, Duration::ZERO);
    let texts = tools.texts;
    let tools = move || {
        let tools = tools.clone();
        painted.get().then(|| part_slot(texts, None, move |slot| mount_list_tools(slot, tools.clone())))
    };
    view! { <div class="mkb-tools" data-testid="list-tools">{tools}</div> }
}

#[wasm_split(tools, wasm_split_path = ::leptos::wasm_split, fallible)]
fn mount_list_tools(slot: HtmlElement, tools: ListToolsOf) -> Result<MountedPart, SplitLoaderError> {
    let ListToolsOf { subject, pane, list, loaded_at, from_cache, shown, controller, texts, prefix } = tools;
    Ok(mount_while_mounted(slot, controller, move || {
        view! { <ListTools subject list pane loaded_at from_cache shown texts prefix /> }
    }))
}

/// Where the software ID form goes, once its part is here: the tools' part, which a list asks for
/// once its first cards are painted, and which the widget asks for then too (`shell/widget.rs`),
/// so the form never holds a first card back. Should the part not come, the place says so, with Retry.
pub fn id_form_slot(controller: WidgetController, texts: &'static Texts, prefix: String) -> impl IntoView {
    part_slot(texts, None, move |slot| mount_id_form(slot, controller, texts, prefix.clone()))
}

#[wasm_split(tools, wasm_split_path = ::leptos::wasm_split, fallible)]
fn mount_id_form(
    slot: HtmlElement,
    controller: WidgetController,
    texts: &'static Texts,
    prefix: String,
) -> Result<MountedPart, SplitLoaderError> {
    let suggest: Suggest = suggest;
    Ok(mount_while_mounted(slot, controller, move || view! { <SoftwareIdForm prefix controller texts suggest /> }))
}

/// Where the view of a list's failure or of unusable options (`state`) goes, or, should its part
/// not arrive, `message` (the failure's kind in plain words; empty for options that cannot be
/// used, whose words are the part's own) with Retry. A widget that shows its list never fetches it.
pub fn problem_slot(
    state: KbListState,
    message: String,
    pane: ListPane,
    controller: WidgetController,
    texts: &'static Texts,
) -> impl IntoView {
    let message = (!message.is_empty()).then_some(message);
    part_slot(texts, message, move |slot| mount_problem(slot, state.clone(), pane, controller, texts))
}

#[wasm_split(problem, wasm_split_path = ::leptos::wasm_split, fallible)]
fn mount_problem(
    slot: HtmlElement,
    state: KbListState,
    pane: ListPane,
    controller: WidgetController,
    texts: &'static Texts,
) -> Result<MountedPart, SplitLoaderError> {
    Ok(mount_while_mounted(slot, controller, move || match state {
        LoadState::Failed { key: subject, error } => EitherOf3::A(view! { <ErrorPanel subject error pane texts /> }),
        LoadState::Misconfigured(problem) => EitherOf3::B(view! { <ConfigProblemView problem texts /> }),
        LoadState::Idle | LoadState::Loading(_) | LoadState::Waiting { .. } | LoadState::Loaded { .. } => {
            EitherOf3::C(())
        }
    }))
}

/// Fills `panel` with the details of `key` (its CVEs and devices), loading them; what it
/// returns unmounts them when dropped. Only a panel's first opening asks: a closed panel keeps
/// its content. On `Err`, the part could not be fetched, and the caller says so in the panel.
pub async fn kb_details(
    panel: HtmlElement,
    key: DetailsKey,
    controller: WidgetController,
    texts: &'static Texts,
) -> Result<MountedPart, SplitLoaderError> {
    later_texts_arrived(texts.locale).await;
    mount_kb_details(panel, key, controller, texts).await
}

#[wasm_split(details, wasm_split_path = ::leptos::wasm_split, fallible)]
fn mount_kb_details(
    panel: HtmlElement,
    key: DetailsKey,
    controller: WidgetController,
    texts: &'static Texts,
) -> Result<MountedPart, SplitLoaderError> {
    // Ids made from the panel's, which is unique to its widget and card.
    let filter_id = format!("{}-filter", panel.id());
    Ok(mount_while_mounted(panel, controller, move || {
        // None when the widget has no API base.
        let load = controller.load_kb_details(key.clone())?;
        let api_base = load.api_base()?;
        Some(view! { <DetailsPanel load key api_base controller filter_id texts /> })
    }))
}

/// Where a device's facts go, above its list (the `device` part, which the software lists never
/// fetch): its name, operating system, last contact, exposure, risk, group and tags from
/// `title` once they are here, or why they could not be read, and where the list came from.
pub fn device_header_slot(
    subject: ListSubject,
    list: Arc<MissingKbList>,
    title: RwSignal<Option<ListTitle>>,
    controller: WidgetController,
    texts: &'static Texts,
) -> impl IntoView {
    part_slot(texts, None, move |slot| {
        mount_device_header(slot, subject.clone(), Arc::clone(&list), title, controller, texts)
    })
}

#[wasm_split(device, wasm_split_path = ::leptos::wasm_split, fallible)]
fn mount_device_header(
    slot: HtmlElement,
    subject: ListSubject,
    list: Arc<MissingKbList>,
    title: RwSignal<Option<ListTitle>>,
    controller: WidgetController,
    texts: &'static Texts,
) -> Result<MountedPart, SplitLoaderError> {
    Ok(mount_while_mounted(slot, controller, move || view! { <DeviceHeader subject list title texts /> }))
}

/// A boxed future of the code of a part, which borrows what it was given.
type PartFuture<'a, T> = Pin<Box<dyn Future<Output = T> + 'a>>;

/// A device's facts, and its KBs when its own list is refused, are read by code of the `device`
/// part, which the software lists never fetch (`endpoints/device.rs` says what it needs, here is
/// where it comes from); a part that could not be fetched is a network failure, which Retry
/// tries again.
impl DeviceReading for DevicePart {
    fn prepare() {
        leptos::task::spawn_local(async {
            let _ = device_ready().await;
        });
    }

    async fn kbs_from_rows(
        connection: &Connection,
        id: &MachineId,
        token: &AccessToken,
    ) -> Result<MissingKbList, ApiError> {
        read_device_kbs_from_rows(connection, id, token).await.map_err(|_| ApiError::new(ErrorKind::Network))?.await
    }

    async fn facts(connection: &Connection, id: &MachineId, token: &AccessToken) -> Result<DeviceInfo, ErrorKind> {
        read_device_facts(connection, id, token).await.map_err(|_| ErrorKind::Network)?.await
    }
}

#[wasm_split(device, wasm_split_path = ::leptos::wasm_split, fallible)]
fn device_ready() -> Result<(), SplitLoaderError> {
    Ok(())
}

#[wasm_split(device, wasm_split_path = ::leptos::wasm_split, fallible)]
fn read_device_kbs_from_rows<'a>(
    connection: &'a Connection,
    id: &'a MachineId,
    token: &'a AccessToken,
) -> Result<PartFuture<'a, Result<MissingKbList, ApiError>>, SplitLoaderError> {
    Ok(Box::pin(endpoints::device_kbs_from_rows(connection, id, token)))
}

#[wasm_split(device, wasm_split_path = ::leptos::wasm_split, fallible)]
fn read_device_facts<'a>(
    connection: &'a Connection,
    id: &'a MachineId,
    token: &'a AccessToken,
) -> Result<PartFuture<'a, Result<DeviceInfo, ErrorKind>>, SplitLoaderError> {
    Ok(Box::pin(endpoints::device_facts(connection, id, token)))
}

/// Where the software finder goes while it is shown, once its part is here (the first time a
/// widget shows it), which reads the inventory the first time.
pub fn finder_slot(controller: WidgetController, texts: &'static Texts, prefix: String) -> impl IntoView {
    part_slot(texts, None, move |slot| mount_finder(slot, controller, texts, prefix.clone()))
}

#[wasm_split(finder, wasm_split_path = ::leptos::wasm_split, fallible)]
fn mount_finder(
    slot: HtmlElement,
    controller: WidgetController,
    texts: &'static Texts,
    prefix: String,
) -> Result<MountedPart, SplitLoaderError> {
    Ok(mount_while_mounted(slot, controller, move || {
        controller.read_inventory();
        view! { <Finder controller texts prefix /> }
    }))
}

/// Fetches the finder's part, if it is not here or on its way, without showing anything: the
/// standalone page asks for it while it signs in, when its first screen is the finder
/// (`standalone_exports::prepare_finder`). A failure is left to the finder's slot, which asks again.
pub async fn prepare_finder() {
    let _ = finder_ready().await;
}

#[wasm_split(finder, wasm_split_path = ::leptos::wasm_split, fallible)]
fn finder_ready() -> Result<(), SplitLoaderError> {
    Ok(())
}

/// Gives the ID field `input` its suggestions from the inventory (`components/id_suggestions.rs`),
/// which are code of the finder's part, as the inventory's reading is; their signals belong to
/// `owner`, the form's. A part that could not be fetched leaves a plain field.
fn suggest(
    input: HtmlInputElement,
    controller: WidgetController,
    texts: &'static Texts,
    listbox_id: String,
    owner: Owner,
) {
    leptos::task::spawn_local(suggestions(input, controller, texts, listbox_id, owner));
}

async fn suggestions(
    input: HtmlInputElement,
    controller: WidgetController,
    texts: &'static Texts,
    listbox_id: String,
    owner: Owner,
) {
    later_texts_arrived(texts.locale).await;
    let _ = mount_suggestions(input, controller, texts, listbox_id, owner).await;
}

#[wasm_split(finder, wasm_split_path = ::leptos::wasm_split, fallible)]
fn mount_suggestions(
    input: HtmlInputElement,
    controller: WidgetController,
    texts: &'static Texts,
    listbox_id: String,
    owner: Owner,
) -> Result<(), SplitLoaderError> {
    if controller.is_mounted() {
        owner.with(|| attach_suggestions(input, controller, texts, listbox_id));
    }
    Ok(())
}

/// Gives the finder's loads (the inventory, the device search) a new token: one that fixes their
/// failure, or one for another account, whose answers they forget (and whose inventory they read).
/// Their code is the finder's part's, which is here already: they are made only by that part. It
/// shows nothing, so it needs no texts.
pub async fn finder_take_token(controller: WidgetController, token: AccessToken) {
    let _ = give_finder_token(controller, token).await;
}

#[wasm_split(finder, wasm_split_path = ::leptos::wasm_split, fallible)]
fn give_finder_token(controller: WidgetController, token: AccessToken) -> Result<(), SplitLoaderError> {
    if controller.is_mounted() {
        controller.finder_take_token(token);
    }
    Ok(())
}

/// The standalone page's answer to `question` in `locale` (its `config.json` checked, or its
/// texts), from a part of its own that portals never load: `Ok(Err(words))` says, in the page's
/// language, what is wrong with the configuration.
pub async fn standalone(
    question: StandaloneQuestion,
    locale: Locale,
) -> Result<Result<Object, String>, SplitLoaderError> {
    later_texts_arrived(locale).await;
    answer_standalone(question, locale).await
}

#[wasm_split(standalone, wasm_split_path = ::leptos::wasm_split, fallible)]
fn answer_standalone(question: StandaloneQuestion, locale: Locale) -> Result<Result<Object, String>, SplitLoaderError> {
    Ok(answer_standalone_question(question, locale))
}

/// An element (laid out as if its children were its parent's) that `mount` fills once its
/// part's code is here. When that code could not be fetched, the slot says so, after
/// `message` (what the missing view would have said, if anything), with a Retry that mounts
/// again (a failed fetch is not remembered, so Retry asks again). What `mount` built is
/// unmounted with the slot.
fn part_slot<Fut>(
    texts: &'static Texts,
    message: Option<String>,
    mount: impl Fn(HtmlElement) -> Fut + 'static,
) -> impl IntoView
where
    Fut: Future<Output = Result<MountedPart, SplitLoaderError>> + 'static,
{
    let mount: Box<dyn Fn(HtmlElement) -> MountFuture> = Box::new(move |slot| Box::pin(mount(slot)));
    slot_view(texts, message, mount)
}

/// What a part's mount function returns, boxed so that one copy of the slot's code serves
/// every part.
type MountFuture = Pin<Box<dyn Future<Output = Result<MountedPart, SplitLoaderError>>>>;

/// The slot's element and its failure message: not generic, so one copy serves every part.
/// `mount_to` gives the part's view a reactive root of its own: what it needs comes in its
/// function's arguments (a controller, texts), not from Leptos context, which it cannot see.
fn slot_view(
    texts: &'static Texts,
    message: Option<String>,
    mount: Box<dyn Fn(HtmlElement) -> MountFuture>,
) -> impl IntoView {
    let slot = NodeRef::<Div>::new();
    let failed = RwSignal::new(false);
    // A usize, as the widget's other counters: each type of signal carries its own copy of Leptos' code.
    let attempt = RwSignal::new(0_usize);
    let mounted = StoredValue::new_local(None::<MountedPart>);
    effect(move || {
        attempt.track();
        let Some(slot) = slot.get() else { return };
        let load = mount(slot.into());
        leptos::task::spawn_local(async move {
            later_texts_arrived(texts.locale).await;
            match load.await {
                // The view is in, and the message goes (the view is dropped at once if the
                // slot went meanwhile).
                Ok(view) => {
                    if mounted.try_set_value(Some(view)).is_none() && failed.try_get_untracked() == Some(true) {
                        failed.set(false);
                    }
                }
                // Still failing: the message stays as it is, and the focus on its Retry.
                Err(_) if failed.try_get_untracked() == Some(false) => drop(failed.try_set(true)),
                Err(_) => {}
            }
        });
    });
    let retry = move |_| attempt.update(|n| *n += 1);
    view! {
        <div class="mkb-slot" node_ref=slot></div>
        {move || {
            failed.get().then(|| view! {
                <div class="mkb-error" role="alert" data-testid="part-failed">
                    {message.clone().map(|message| view! { <p class="mkb-error__message">{message}</p> })}
                    <p class="mkb-error__message">{texts.part_failed}</p>
                    <button
                        type="button"
                        class="mkb-button mkb-button--primary"
                        data-testid="retry-part"
                        on:click=retry
                    >
                        {texts.retry}
                    </button>
                </div>
            })
        }}
    }
}
