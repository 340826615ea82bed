//! Effects, through one copy of Leptos's effect machinery. `Effect::new` is generic over its
//! closure, and each closure gets its own copy of the task that runs it (1 to 3 KB of wasm
//! each); boxed, every effect of the widget and of its parts runs through the first
//! download's one copy.

use leptos::prelude::*;
use leptos::tachys::html::element::ElementType;
use wasm_bindgen::JsCast;

/// Runs `run` now and again whenever a signal it read changes, until its owner is disposed.
pub fn effect(run: impl FnMut() + 'static) {
    boxed_effect(Box::new(run));
}

fn boxed_effect(mut run: Box<dyn FnMut()>) {
    Effect::new(move |_| run());
}

/// Runs `then` once, with `node`'s element, once that element is on the page, as
/// `NodeRef::on_load` does (which is generic over its closure too).
pub fn when_loaded<E>(node: NodeRef<E>, then: impl FnOnce(E::Output) + 'static)
where
    E: ElementType + 'static,
    E::Output: JsCast + Clone + 'static,
{
    let mut then = Some(then);
    effect(move || {
        if let Some(element) = node.get() {
            if let Some(then) = then.take() {
                untrack(move || then(element));
            }
        }
    });
}
