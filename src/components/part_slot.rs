//! Where a view whose code is a wasm part that loads later goes (ARCHITECTURE.md, "Code that
//! loads later"), or, when that part could not be fetched, a message with a way to try again.
//!
//! The part mounts its own view into the slot's element, so the code that builds and renders
//! that view is the part's, not the first download's. `mount_to` gives that view a reactive
//! root of its own: what it needs comes in its function's arguments (a controller, texts),
//! not from Leptos context, which it cannot see.

use std::any::Any;
use std::future::Future;
use std::pin::Pin;

use leptos::html::Div;
use leptos::prelude::*;
use leptos::wasm_split::SplitLoaderError;
use missing_kbs_core::Texts;
use web_sys::HtmlElement;

use crate::language_catalogue::later_texts_arrived;

/// A part's view, mounted in a slot: dropping it unmounts the view.
pub type MountedPart = Box<dyn Any>;

/// An element (laid out as if its children were its parent's) that `mount` fills once its
/// part's code is here. When that code could not be fetched, the slot says so, after
/// `message` (what the missing view would have said, if anything), with a Retry that mounts
/// again (a failed fetch is not remembered, so Retry asks again). What `mount` built is
/// unmounted with the slot.
pub fn part_slot<Fut>(
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
    Effect::new(move |_| {
        attempt.track();
        let Some(slot) = slot.get() else { return };
        let load = mount(slot.into());
        leptos::task::spawn_local(async move {
            // The part's texts first, so that its view is built in the widget's language.
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
