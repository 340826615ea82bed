//! One load of anything the widget reads from the API, written once for every kind.
//!
//! A `Load` holds what one kind of answer (an [`Endpoint`]) looks like in the view:
//! idle, loading, waiting with a countdown, loaded, failed, or misconfigured. Each
//! load aborts the one before it, and an answer that arrives for a load that is no
//! longer current is dropped, so the view never shows one key's answer under
//! another's. Failures are retried by the core's retry policy, waits (a 429, a
//! backoff, the page's turn under the rate limit) are shown with a countdown and can
//! be cancelled, a 401 asks the host for a fresh token once (`endpoints::fetch_with_token`),
//! and answers already loaded in this page session show again at once, for a token of the
//! same account (`session_cache`).

use std::sync::Arc;

use leptos::prelude::*;
use leptos::task::spawn_local;
use missing_kbs_core::{
    retry_decision, AccessToken, ApiBase, ApiError, ConfigProblem, ErrorKind, RetryDecision, WaitReason,
};
use web_sys::AbortController;

use crate::clock::{countdown, jitter, now_ms, sleep};
use crate::endpoints::{fetch_with_token, Endpoint};
use crate::host_events::HostEvents;
use crate::rate_limit::claim_request;
use crate::session_cache::{cache_key, request_key, Cached, SessionCache};
use crate::token::TokenSource;
use crate::transport::Connection;

/// How long one call may take, unless the host says otherwise (`timeoutSeconds`).
pub const DEFAULT_TIMEOUT_MS: u32 = 30_000;

#[derive(Clone, Debug, PartialEq)]
pub enum LoadState<K, T> {
    /// Nothing asked for yet.
    Idle,
    Loading(K),
    /// The next call is made when `remaining_secs` reaches 0, unless the user cancels:
    /// a failed attempt is retried, or the page waits its turn under the rate limit.
    /// `error` is what Cancel shows.
    Waiting {
        key: K,
        error: ApiError,
        delay_secs: u64,
        remaining_secs: u64,
        reason: WaitReason,
    },
    /// `loaded_at` is the Unix time in milliseconds; `from_cache` when shown from this page session's memory.
    Loaded {
        key: K,
        value: Arc<T>,
        loaded_at: f64,
        from_cache: bool,
    },
    Failed {
        key: K,
        error: ApiError,
    },
    /// The host's options cannot be used (for example an `apiBase` that is not allowed); nothing is sent.
    Misconfigured(ConfigProblem),
}

impl<K, T> LoadState<K, T> {
    pub fn key(&self) -> Option<&K> {
        match self {
            LoadState::Idle | LoadState::Misconfigured(_) => None,
            LoadState::Loading(key)
            | LoadState::Waiting { key, .. }
            | LoadState::Loaded { key, .. }
            | LoadState::Failed { key, .. } => Some(key),
        }
    }
}

pub struct Load<E: Endpoint> {
    pub state: RwSignal<LoadState<E::Key, E::Value>>,
    /// The shown value's extra (such as the software's name), once it arrived.
    pub extra: RwSignal<Option<E::Extra>>,
    /// How many items the load in progress has read so far (software of the inventory).
    pub progress: RwSignal<usize>,
    /// Gone (reads as `None`) once the widget is unmounted.
    inner: StoredValue<LoadInner<E>, LocalStorage>,
}

impl<E: Endpoint> Clone for Load<E> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<E: Endpoint> Copy for Load<E> {}

/// What the load keeps that no view reads, in one stored value (ARCHITECTURE.md, "Wasm size").
struct LoadInner<E: Endpoint> {
    /// Which load is current; an answer for an older one is dropped.
    generation: u64,
    in_flight: Option<AbortController>,
    /// `None` when the host's `apiBase` was refused.
    api_base: Option<ApiBase>,
    /// Shared with the loads made by [`Load::sibling`], so a token the host sets later
    /// serves them too.
    token: StoredValue<TokenSource, LocalStorage>,
    events: Option<HostEvents>,
    timeout_ms: u32,
    cache: SessionCache<E>,
    /// The account (`AccessToken::account`) whose token the current view was asked with, when
    /// its claims named one; a token that names another makes the view go (`Load::use_token`).
    account: Option<String>,
}

/// What a new token from the host means for what a load shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AfterNewToken {
    /// Nothing changes: the view is of this token's account, and did not fail for want of a token.
    Keep,
    /// The view failed for want of a valid token: load it again.
    Retry,
    /// The view holds (or is loading) the answer of another account than the one this token's
    /// claims name: it must go, and what is shown next is asked for with this token. (A token
    /// whose claims name no account, such as a development token, is taken to be the same one's.)
    OtherAccount,
}

impl<E: Endpoint> Load<E> {
    /// Must be created inside the widget's reactive owner: its cleanup aborts the request in flight.
    /// With `Err` for the API base, the widget shows the problem and never asks for a token.
    pub fn new(
        api_base: Result<ApiBase, ConfigProblem>,
        token: TokenSource,
        events: Option<HostEvents>,
        timeout_ms: u32,
    ) -> Self {
        Self::sharing_token(api_base, StoredValue::new_local(token), events, timeout_ms)
    }

    fn sharing_token(
        api_base: Result<ApiBase, ConfigProblem>,
        token: StoredValue<TokenSource, LocalStorage>,
        events: Option<HostEvents>,
        timeout_ms: u32,
    ) -> Self {
        let (api_base, state) = match api_base {
            Ok(base) => (Some(base), LoadState::Idle),
            Err(problem) => (None, LoadState::Misconfigured(problem)),
        };
        let load = Self {
            state: RwSignal::new(state),
            extra: RwSignal::new(None),
            progress: RwSignal::new(0),
            inner: StoredValue::new_local(LoadInner {
                generation: 0,
                in_flight: None,
                api_base,
                token,
                events,
                timeout_ms,
                cache: SessionCache::new(),
                account: None,
            }),
        };
        on_cleanup(move || load.abort_in_flight());
        load
    }

    /// A load of another endpoint with the same API base, token (now and when the host sets
    /// another) and timeout, that tells the host nothing (the KB details: a failure there is
    /// the panel's own); `None` when this load has no API base (the widget is misconfigured) or
    /// is disposed.
    pub fn sibling<F: Endpoint>(&self) -> Option<Load<F>> {
        // `None` too once the widget is gone (a panel's code may arrive after an unmount).
        let (api_base, token, timeout_ms) =
            self.inner.try_with_value(|inner| (inner.api_base.clone(), inner.token, inner.timeout_ms))?;
        Some(Load::sharing_token(Ok(api_base?), token, None, timeout_ms))
    }

    /// A load of another endpoint made with the widget (the device opened over the list, the
    /// device search), with the same API base, token and timeout, that tells the host what it
    /// shows when `tells_host`. Without an API base it stays idle: the widget shows why.
    pub fn companion<F: Endpoint>(&self, tells_host: bool) -> Load<F> {
        let (api_base, token, events, timeout_ms) = self
            .inner
            .try_with_value(|inner| {
                (inner.api_base.clone(), inner.token, inner.events.clone().filter(|_| tells_host), inner.timeout_ms)
            })
            .unwrap_or_else(|| (None, StoredValue::new_local(TokenSource::Fixed(None)), None, 0));
        let load = Load::sharing_token(api_base.ok_or(ConfigProblem::NoTokenSource), token, events, timeout_ms);
        // Idle, not misconfigured: the widget's own list says what is wrong.
        load.state.set(LoadState::Idle);
        load
    }

    /// Shows the answer for `key`: from this session's memory when it was loaded before
    /// with a token for the same account, else from the API.
    pub fn load(&self, key: E::Key) {
        self.start(key, true);
    }

    /// Shows the answer for `key` as [`Load::load`] does, unless the load was asked for one
    /// already (it is not idle); says whether it started.
    pub fn load_if_idle(&self, key: E::Key) -> bool {
        let idle = self.state.with_untracked(|state| matches!(state, LoadState::Idle));
        if idle {
            self.load(key);
        }
        idle
    }

    /// Loads the current key again from the API.
    pub fn refresh(&self) {
        if let Some(key) = self.state.with_untracked(|state| state.key().cloned()) {
            self.start(key, false);
        }
    }

    /// Stops waiting and shows the failure that caused the wait.
    pub fn cancel(&self) {
        let waiting = self.state.with_untracked(|state| match state {
            LoadState::Waiting { key, error, .. } => Some((key.clone(), error.clone())),
            _ => None,
        });
        if let Some((key, error)) = waiting {
            self.start_new_generation();
            self.state.set(LoadState::Failed { key, error });
        }
    }

    /// Uses `token` from now on. A view that failed for want of a valid token loads again with
    /// it; a view of another account's answer is replaced by this account's (from the session
    /// cache, else from the API).
    pub fn set_token(&self, token: AccessToken) {
        match self.use_token(token) {
            AfterNewToken::Keep => {}
            AfterNewToken::Retry => self.refresh(),
            AfterNewToken::OtherAccount => {
                if let Some(key) = self.state.with_untracked(|state| state.key().cloned()) {
                    self.load(key);
                }
            }
        }
    }

    /// Uses `token` from now on, and says what that means for the view (which
    /// [`Load::set_token`] then does at once; a load whose code is in a part leaves it to the part).
    pub fn use_token(&self, token: AccessToken) -> AfterNewToken {
        let account = crate::token::account(&token);
        let Some(other_account) = self.inner.try_with_value(|inner| {
            inner.token.set_value(TokenSource::Fixed(Some(token)));
            matches!((&inner.account, &account), (Some(shown), Some(new)) if shown != new)
        }) else {
            return AfterNewToken::Keep;
        };
        self.state.with_untracked(|state| match state {
            LoadState::Failed { error, .. }
                if matches!(error.kind, ErrorKind::Unauthorized | ErrorKind::TokenUnavailable) =>
            {
                AfterNewToken::Retry
            }
            _ if other_account && state.key().is_some() => AfterNewToken::OtherAccount,
            _ => AfterNewToken::Keep,
        })
    }

    /// Forgets the view and what is in flight: the load is idle again, as before its first load.
    pub fn forget(&self) {
        self.start_new_generation();
        let _ = self.inner.try_update_value(|inner| inner.account = None);
        self.state.set(LoadState::Idle);
        self.extra.set(None);
        self.progress.set(0);
    }

    pub fn notify(&self, send: impl FnOnce(&HostEvents)) {
        // Taken out first: a host's event listener may call back into this widget.
        if let Some(Some(events)) = self.inner.try_with_value(|inner| inner.events.clone()) {
            send(&events);
        }
    }

    pub fn api_base(&self) -> Option<ApiBase> {
        self.inner.try_with_value(|inner| inner.api_base.clone()).flatten()
    }

    /// Whether the load of `generation` is still the one to show: the widget is there (a disposed
    /// StoredValue reads as None) and no newer load has started.
    fn is_current(&self, generation: u64) -> bool {
        self.inner.try_with_value(|inner| inner.generation) == Some(generation)
    }

    /// Aborts what is in flight and makes every answer still on its way stale.
    fn start_new_generation(&self) -> u64 {
        self.abort_in_flight();
        self.inner
            .try_update_value(|inner| {
                inner.generation += 1;
                inner.generation
            })
            .unwrap_or_default()
    }

    /// Starts a load of `key` that aborts the one before it: from the cache when
    /// `from_cache` and the token's account loaded it before, else from the API.
    fn start(&self, key: E::Key, from_cache: bool) {
        let Some(api_base) = self.api_base() else { return };
        let generation = self.start_new_generation();
        let Ok(controller) = AbortController::new() else {
            self.show_failure(key, ApiError::new(ErrorKind::Network));
            return;
        };
        let this = *self;
        let waiting_key = key.clone();
        let connection = Connection {
            api_base,
            signal: controller.signal(),
            timeout_ms: self.inner.with_value(|inner| inner.timeout_ms),
            on_rate_limit_wait: Box::new(move |seconds| this.show_rate_limit_wait(&waiting_key, seconds, generation)),
            on_progress: Box::new(move |read| {
                if this.is_current(generation) {
                    this.progress.set(read);
                }
            }),
        };
        self.progress.set(0);
        self.inner.update_value(|inner| inner.in_flight = Some(controller));
        self.state.set(LoadState::Loading(key.clone()));
        self.extra.set(None);

        let token = self.inner.with_value(|inner| inner.token.get_value());
        spawn_local(async move {
            let current = move || this.is_current(generation);
            // The token says whose cache entry this is; a host's getToken may have switched accounts.
            let first_token = token.token().await;
            if !current() {
                return;
            }
            let account = first_token.as_ref().ok().and_then(crate::token::account);
            let _ = this.inner.try_update_value(|inner| inner.account = account);
            if let (true, Ok(first_token)) = (from_cache, &first_token) {
                let cache_key = cache_key(&connection.api_base, &key, first_token);
                if let Some(cached) = this.inner.with_value(|inner| inner.cache.get(&cache_key).cloned()) {
                    let _ = this.inner.try_update_value(|inner| inner.in_flight = None);
                    this.extra.set(cached.extra);
                    this.show_value(key, cached.value, cached.loaded_at, true);
                    return;
                }
            }
            this.fetch(key, connection, token, first_token, current).await;
        });
    }

    /// Fetches the answer, retrying as the retry policy says, shows the outcome, then fetches its extra.
    async fn fetch(
        &self,
        key: E::Key,
        connection: Connection,
        token: TokenSource,
        first_token: Result<AccessToken, ApiError>,
        current: impl Fn() -> bool + Copy,
    ) {
        let this = *self;
        let request_key = request_key(&connection.api_base, &key);
        let mut first_token = Some(first_token);
        let mut attempts = 0;
        let result = loop {
            attempts += 1;
            // Two widgets asking for the same answer ask one after the other, never at once.
            let Some(claim) = claim_request(request_key.clone(), &connection.signal).await else {
                return;
            };
            let result = fetch_with_token::<E>(&connection, &key, &token, first_token.take()).await;
            drop(claim);
            if !current() {
                return;
            }
            let error = match result {
                Ok(fetched) => break Ok(fetched),
                Err(error) => error,
            };
            let RetryDecision::RetryAfter { delay, throttled } = retry_decision(&error.kind, attempts, jitter()) else {
                break Err(error);
            };
            let reason = if throttled { WaitReason::Throttled } else { WaitReason::Retry };
            if !this.wait_before_retry(&key, &error, delay.as_secs_f64(), reason, &connection, current).await {
                return;
            }
            this.state.set(LoadState::Loading(key.clone()));
        };
        match result {
            Ok((value, token_used)) => {
                let cache_key = cache_key(&connection.api_base, &key, &token_used);
                let value = Arc::new(value);
                // Remembered at once, so switching away before the extra arrives keeps the value.
                let loaded_at = now_ms();
                let entry = Cached { value: Arc::clone(&value), extra: None, loaded_at };
                let _ = this.inner.try_update_value(|inner| inner.cache.insert(cache_key.clone(), entry));
                this.show_value(key.clone(), value, loaded_at, false);
                let extra = E::fetch_extra(&connection, &key, &token_used).await;
                let _ = this.inner.try_update_value(|inner| {
                    if let Some(entry) = inner.cache.get_mut(&cache_key) {
                        entry.extra = extra.clone();
                    }
                });
                if current() {
                    this.extra.set(extra);
                    let _ = this.inner.try_update_value(|inner| inner.in_flight = None);
                }
            }
            Err(error) => {
                let _ = this.inner.try_update_value(|inner| inner.in_flight = None);
                this.show_failure(key, error);
            }
        }
    }

    /// Shows the wait for the page-wide rate limit (`seconds` left; 0 when it is over).
    fn show_rate_limit_wait(&self, key: &E::Key, seconds: u64, generation: u64) {
        if !self.is_current(generation) {
            return;
        }
        if seconds == 0 {
            self.state.set(LoadState::Loading(key.clone()));
            return;
        }
        let delay_secs = self.state.with_untracked(|state| match state {
            LoadState::Waiting { reason: WaitReason::RateLimit, delay_secs, .. } => *delay_secs,
            _ => seconds,
        });
        self.state.set(LoadState::Waiting {
            key: key.clone(),
            error: ApiError::new(ErrorKind::RateLimited(seconds)),
            delay_secs,
            remaining_secs: seconds,
            reason: WaitReason::RateLimit,
        });
    }

    /// Shows the countdown and waits; false when the wait was cancelled, aborted or superseded.
    async fn wait_before_retry(
        &self,
        key: &E::Key,
        error: &ApiError,
        delay_secs: f64,
        reason: WaitReason,
        connection: &Connection,
        current: impl Fn() -> bool,
    ) -> bool {
        let until = now_ms() + delay_secs * 1000.0;
        let delay = delay_secs.ceil() as u64;
        loop {
            let left_ms = until - now_ms();
            if left_ms <= 0.0 {
                return current();
            }
            let (remaining_secs, tick) = countdown(left_ms);
            self.state.set(LoadState::Waiting {
                key: key.clone(),
                error: error.clone(),
                delay_secs: delay,
                remaining_secs,
                reason,
            });
            if sleep(tick, &connection.signal).await || !current() {
                return false;
            }
        }
    }

    /// Shows a value, fresh or from this session's memory, and tells the host.
    fn show_value(&self, key: E::Key, value: Arc<E::Value>, loaded_at: f64, from_cache: bool) {
        self.notify(|events| E::shown(events, &key, &value));
        self.state.set(LoadState::Loaded { key, value, loaded_at, from_cache });
    }

    fn show_failure(&self, key: E::Key, error: ApiError) {
        self.notify(|events| E::failed(events, &key, &error));
        self.state.set(LoadState::Failed { key, error });
    }

    fn abort_in_flight(&self) {
        if let Some(Some(controller)) = self.inner.try_update_value(|inner| inner.in_flight.take()) {
            controller.abort();
        }
    }
}

#[cfg(test)]
mod tests;
