//! The load's state machine, run in a browser (`wasm-bindgen-test`, headless Chromium; the test
//! command runs them), with an endpoint whose answers each test scripts: no network, no mock API.
//! Each test names the transition it holds.

use std::cell::RefCell;
use std::collections::VecDeque;

use leptos::prelude::*;
use missing_kbs_core::{AccessToken, ApiBase, ApiError, ErrorKind, WaitReason};
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::AbortController;

use super::{AfterNewToken, Load, LoadState};
use crate::clock::sleep;
use crate::endpoints::Endpoint;
use crate::token::TokenSource;
use crate::transport::Connection;

wasm_bindgen_test_configure!(run_in_browser);

/// One scripted answer: how long it takes, and what it is.
struct Answer {
    after_ms: f64,
    result: Result<u32, ApiError>,
}

thread_local! {
    static ANSWERS: RefCell<VecDeque<Answer>> = const { RefCell::new(VecDeque::new()) };
    /// Each fetch, as `key token`.
    static CALLS: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
}

/// An endpoint whose answers come from `ANSWERS`, in order (a network failure when none is left),
/// each with an extra that names its key.
struct Scripted;

impl Endpoint for Scripted {
    const PERMISSION: &'static str = "Test.Read";
    type Key = String;
    type Value = u32;
    type Extra = String;

    async fn fetch(_: &Connection, key: &String, token: &AccessToken) -> Result<u32, ApiError> {
        CALLS.with_borrow_mut(|calls| calls.push(format!("{key} {}", token.bearer_header())));
        let answer = ANSWERS.with_borrow_mut(VecDeque::pop_front);
        let Some(Answer { after_ms, result }) = answer else { return Err(ApiError::new(ErrorKind::Network)) };
        wait(after_ms).await;
        result
    }

    async fn fetch_extra(_: &Connection, key: &String, _: &AccessToken) -> Option<String> {
        Some(format!("extra of {key}"))
    }
}

fn script(answers: impl IntoIterator<Item = (f64, Result<u32, ApiError>)>) {
    ANSWERS.set(answers.into_iter().map(|(after_ms, result)| Answer { after_ms, result }).collect());
    CALLS.set(Vec::new());
}

fn calls() -> Vec<String> {
    CALLS.with_borrow(Clone::clone)
}

async fn wait(ms: f64) {
    sleep(ms, &AbortController::new().unwrap().signal()).await;
}

/// A JWT whose claims name account `oid` of tenant `tid` (unsigned: the widget never checks signatures).
fn token_of(tid: &str, oid: &str) -> AccessToken {
    let window = leptos::prelude::window();
    let part = |json: &str| window.btoa(json).unwrap().trim_end_matches('=').replace('+', "-").replace('/', "_");
    let payload = format!(r#"{{"tid":"{tid}","oid":"{oid}","aud":"https://api.securitycenter.microsoft.com"}}"#);
    AccessToken::new(&format!("{}.{}.sig", part(r#"{"alg":"none"}"#), part(&payload))).unwrap()
}

fn new_load(token: AccessToken) -> Load<Scripted> {
    // As mount_to does for a widget: the tasks a load spawns run on wasm-bindgen's executor.
    let _ = any_spawner::Executor::init_wasm_bindgen();
    let base = ApiBase::parse("https://api.security.microsoft.com", "https://portal.example").unwrap();
    Load::new(Ok(base), TokenSource::Fixed(Some(token)), None, 30_000)
}

fn loaded(state: LoadState<String, u32>) -> Option<(String, u32, bool)> {
    match state {
        LoadState::Loaded { key, value, from_cache, .. } => Some((key, *value, from_cache)),
        _ => None,
    }
}

#[wasm_bindgen_test]
async fn idle_then_loading_then_loaded() {
    script([(0.0, Ok(7))]);
    let load = new_load(token_of("t", "alice"));
    assert_eq!(load.state.get_untracked(), LoadState::Idle);
    load.load("a".into());
    assert_eq!(load.state.get_untracked(), LoadState::Loading("a".into()));
    wait(20.0).await;
    assert_eq!(loaded(load.state.get_untracked()), Some(("a".into(), 7, false)));
}

#[wasm_bindgen_test]
async fn the_same_account_loads_an_answer_again_from_the_cache_and_another_account_does_not() {
    script([(0.0, Ok(1)), (0.0, Ok(2)), (0.0, Ok(3))]);
    let load = new_load(token_of("t", "alice"));
    load.load("a".into());
    wait(20.0).await;
    load.load("b".into());
    wait(20.0).await;
    // A new token of the same account (an hourly refresh) keeps the cache.
    assert_eq!(load.use_token(token_of("t", "alice")), AfterNewToken::Keep);
    load.load("a".into());
    wait(20.0).await;
    assert_eq!(loaded(load.state.get_untracked()), Some(("a".into(), 1, true)));
    assert_eq!(calls().len(), 2);
    // Bob's token never gets Alice's answer.
    assert_eq!(load.use_token(token_of("t", "bob")), AfterNewToken::OtherAccount);
    load.load("a".into());
    wait(20.0).await;
    assert_eq!(loaded(load.state.get_untracked()), Some(("a".into(), 3, false)));
    assert_eq!(calls().len(), 3);
}

#[wasm_bindgen_test]
async fn the_extra_follows_its_value_and_comes_back_with_it_from_the_cache() {
    script([(0.0, Ok(1)), (0.0, Ok(2))]);
    let load = new_load(token_of("t", "alice"));
    load.load("a".into());
    assert_eq!(load.extra.get_untracked(), None);
    wait(20.0).await;
    assert_eq!(load.extra.get_untracked().as_deref(), Some("extra of a"));
    load.load("b".into());
    assert_eq!(load.extra.get_untracked(), None);
    wait(20.0).await;
    assert_eq!(load.extra.get_untracked().as_deref(), Some("extra of b"));
    load.load("a".into());
    wait(20.0).await;
    assert_eq!(loaded(load.state.get_untracked()), Some(("a".into(), 1, true)));
    assert_eq!(load.extra.get_untracked().as_deref(), Some("extra of a"));
}

#[wasm_bindgen_test]
async fn a_newer_load_drops_the_answer_of_the_older_one() {
    script([(60.0, Ok(1)), (0.0, Ok(2))]);
    let load = new_load(token_of("t", "alice"));
    load.load("slow".into());
    wait(5.0).await;
    load.load("fast".into());
    wait(120.0).await;
    assert_eq!(loaded(load.state.get_untracked()), Some(("fast".into(), 2, false)));
    assert_eq!(calls().iter().map(|call| call.split(' ').next().unwrap()).collect::<Vec<_>>(), ["slow", "fast"]);
}

#[wasm_bindgen_test]
async fn a_failure_that_asking_again_cannot_fix_is_shown_at_once() {
    script([(0.0, Err(ApiError::new(ErrorKind::NotFound)))]);
    let load = new_load(token_of("t", "alice"));
    load.load("a".into());
    wait(20.0).await;
    assert!(matches!(load.state.get_untracked(), LoadState::Failed { error, .. } if error.kind == ErrorKind::NotFound));
    assert_eq!(calls().len(), 1);
}

#[wasm_bindgen_test]
async fn a_passing_failure_waits_with_a_countdown_which_cancel_ends_on_the_failure() {
    script([(0.0, Err(ApiError::new(ErrorKind::ServerError(503))))]);
    let load = new_load(token_of("t", "alice"));
    load.load("a".into());
    wait(20.0).await;
    let LoadState::Waiting { key, error, remaining_secs, reason, .. } = load.state.get_untracked() else {
        panic!("not waiting: {:?}", load.state.get_untracked());
    };
    assert_eq!((key.as_str(), &error.kind, reason), ("a", &ErrorKind::ServerError(503), WaitReason::Retry));
    assert!(remaining_secs >= 1);
    load.cancel();
    assert!(
        matches!(load.state.get_untracked(), LoadState::Failed { error, .. } if error.kind == ErrorKind::ServerError(503))
    );
    // Cancelled: no second attempt follows.
    wait(20.0).await;
    assert_eq!(calls().len(), 1);
}

#[wasm_bindgen_test]
async fn a_new_token_retries_a_view_that_failed_for_want_of_one() {
    script([(0.0, Err(ApiError::new(ErrorKind::Unauthorized))), (0.0, Ok(5))]);
    let load = new_load(token_of("t", "alice"));
    load.load("a".into());
    wait(20.0).await;
    assert!(
        matches!(load.state.get_untracked(), LoadState::Failed { error, .. } if error.kind == ErrorKind::Unauthorized)
    );
    load.set_token(token_of("t", "alice"));
    wait(20.0).await;
    assert_eq!(loaded(load.state.get_untracked()), Some(("a".into(), 5, false)));
}

#[wasm_bindgen_test]
async fn another_accounts_token_replaces_the_view_and_forget_makes_the_load_idle() {
    script([(0.0, Ok(1)), (0.0, Ok(2))]);
    let load = new_load(token_of("t", "alice"));
    assert!(load.load_if_idle("a".into()));
    assert!(!load.load_if_idle("a".into()));
    wait(20.0).await;
    load.set_token(token_of("t", "bob"));
    wait(20.0).await;
    assert_eq!(loaded(load.state.get_untracked()), Some(("a".into(), 2, false)));
    assert!(calls()[1].ends_with(&token_of("t", "bob").bearer_header()));
    load.forget();
    assert_eq!(load.state.get_untracked(), LoadState::Idle);
}

#[wasm_bindgen_test]
async fn a_load_whose_widget_is_gone_sends_nothing_and_makes_no_sibling() {
    script([(0.0, Ok(1))]);
    let owner = Owner::new();
    let load = owner.with(|| new_load(token_of("t", "alice")));
    owner.cleanup();
    // What a part's code may still call once its widget went (the handle's methods stop first).
    load.load("a".into());
    assert_eq!(load.use_token(token_of("t", "bob")), AfterNewToken::Keep);
    assert!(load.sibling::<Scripted>().is_none());
    assert!(load.api_base().is_none());
    wait(20.0).await;
    assert_eq!(calls().len(), 0);
}
