//! One load of anything the widget reads from the API, written once for every kind.
//!
//! A `Load` holds what one kind of answer (an [`Endpoint`]) looks like in the view:
//! idle, loading, waiting with a countdown, loaded, failed, or misconfigured. Each
//! load aborts the one before it, and an answer that arrives for a load that is no
//! longer current is dropped, so the view never shows one key's answer under
//! another's. Failures are retried by the core's retry policy, waits (a 429, a
//! backoff, the page's turn under the rate limit) are shown with a countdown and can
//! be cancelled, a 401 asks the host for a fresh token once (`fetch_with_token`),
//! and answers already loaded in this page session show again at once, for a token of the
//! same account (`session_cache`).
//!
//! What does all that, the `Driver`, is written once for every endpoint, its values' types
//! erased: each endpoint's own code is what it fetches and how its state is shown (`Keyed`),
//! so a part that loads an endpoint of its own does not bring a copy of the driver (docs/size.md).

use std::cell::Cell;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::sync::Arc;

use leptos::prelude::*;
use leptos::task::spawn_local;
use missing_kbs_core::{
    retry_decision, AccessToken, ApiBase, ApiError, ConfigProblem, ErrorKind, RetryDecision, WaitReason,
};
use web_sys::AbortController;

use crate::clock::{countdown, jitter, now_ms, sleep};
use crate::endpoints::Endpoint;
use crate::host_events::HostEvents;
use crate::rate_limit::claim_request;
use crate::session_cache::{cache_key, request_key, AnyValue, Cached, SessionCache};
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
    driver: Driver,
}

impl<E: Endpoint> Clone for Load<E> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<E: Endpoint> Copy for Load<E> {}

/// What the load keeps that no view reads, in one stored value (ARCHITECTURE.md, "Wasm size").
struct LoadInner {
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
    /// This load's answers: each entry is one of its endpoint's.
    cache: SessionCache,
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
        let progress = RwSignal::new(0);
        Self {
            state: RwSignal::new(state),
            extra: RwSignal::new(None),
            progress,
            driver: Driver::new(api_base, token, events, timeout_ms, progress),
        }
    }

    /// A load of another endpoint with the same API base, token (now and when the host sets
    /// another) and timeout, that tells the host nothing (the KB details: a failure there is
    /// the panel's own); `None` when this load has no API base (the widget is misconfigured) or
    /// is disposed.
    pub fn sibling<F: Endpoint>(&self) -> Option<Load<F>> {
        // `None` too once the widget is gone (a panel's code may arrive after an unmount).
        let (api_base, token, timeout_ms) =
            self.driver.inner.try_with_value(|inner| (inner.api_base.clone(), inner.token, inner.timeout_ms))?;
        Some(Load::sharing_token(Ok(api_base?), token, None, timeout_ms))
    }

    /// A load of another endpoint made with the widget (the device opened over the list, the
    /// device search), with the same API base, token and timeout, that tells the host what it
    /// shows when `tells_host`. Without an API base it stays idle: the widget shows why.
    pub fn companion<F: Endpoint>(&self, tells_host: bool) -> Load<F> {
        let (api_base, token, events, timeout_ms) = self
            .driver
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
            self.driver.start_new_generation();
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
        let Some(other_account) = self.driver.take_token(token) else {
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
        self.driver.forget();
        self.state.set(LoadState::Idle);
        self.extra.set(None);
        self.progress.set(0);
    }

    pub fn notify(&self, send: impl FnOnce(&HostEvents)) {
        // Taken out first: a host's event listener may call back into this widget.
        if let Some(events) = self.driver.events() {
            send(&events);
        }
    }

    pub fn api_base(&self) -> Option<ApiBase> {
        self.driver.api_base()
    }

    /// Starts a load of `key` that aborts the one before it: from the cache when
    /// `from_cache` and the token's account loaded it before, else from the API.
    fn start(&self, key: E::Key, from_cache: bool) {
        self.driver.start(Rc::new(Keyed { load: *self, key }), from_cache);
    }
}

/// A future of the driver's, which borrows what it was given.
type LocalFuture<'a, T> = Pin<Box<dyn Future<Output = T> + 'a>>;

/// What the driver shows of one load, which the typed `Load` puts in its signals.
enum Step {
    Loading,
    Waiting {
        error: ApiError,
        delay_secs: u64,
        remaining_secs: u64,
        reason: WaitReason,
    },
    Loaded {
        value: AnyValue,
        loaded_at: f64,
        from_cache: bool,
    },
    Failed(ApiError),
    /// The shown value's extra: `None` until it arrives.
    Extra(Option<AnyValue>),
}

/// One key of one endpoint, as the driver sees it: what it fetches and how it is shown. The
/// only code of a load that is written for each endpoint (`Keyed`).
trait Job {
    /// The key, as the session cache and the page-wide claim on a request know it.
    fn key_text(&self) -> String;
    /// The permission a refusal of this key's requests is explained by.
    fn permission(&self) -> &'static str;
    fn fetch<'a>(
        &'a self,
        connection: &'a Connection,
        token: &'a AccessToken,
    ) -> LocalFuture<'a, Result<AnyValue, ApiError>>;
    fn fetch_extra<'a>(
        &'a self,
        connection: &'a Connection,
        token: &'a AccessToken,
    ) -> LocalFuture<'a, Option<AnyValue>>;
    fn show(&self, step: Step);
}

/// A key of `E`'s, shown in `load`'s signals.
struct Keyed<E: Endpoint> {
    load: Load<E>,
    key: E::Key,
}

impl<E: Endpoint> Job for Keyed<E> {
    fn key_text(&self) -> String {
        self.key.to_string()
    }

    fn permission(&self) -> &'static str {
        E::permission(&self.key)
    }

    fn fetch<'a>(
        &'a self,
        connection: &'a Connection,
        token: &'a AccessToken,
    ) -> LocalFuture<'a, Result<AnyValue, ApiError>> {
        Box::pin(async move {
            let value: AnyValue = Arc::new(E::fetch(connection, &self.key, token).await?);
            Ok(value)
        })
    }

    fn fetch_extra<'a>(
        &'a self,
        connection: &'a Connection,
        token: &'a AccessToken,
    ) -> LocalFuture<'a, Option<AnyValue>> {
        Box::pin(async move {
            let extra = E::fetch_extra(connection, &self.key, token).await?;
            Some(Arc::new(extra) as AnyValue)
        })
    }

    fn show(&self, step: Step) {
        let key = self.key.clone();
        let state = match step {
            Step::Loading => LoadState::Loading(key),
            Step::Waiting { error, delay_secs, remaining_secs, reason } => {
                LoadState::Waiting { key, error, delay_secs, remaining_secs, reason }
            }
            Step::Loaded { value, loaded_at, from_cache } => {
                // Always an `E::Value`: the driver holds only what this load's `fetch` made.
                let Ok(value) = value.downcast::<E::Value>() else { return };
                self.load.notify(|events| E::shown(events, &self.key, &value));
                LoadState::Loaded { key, value, loaded_at, from_cache }
            }
            Step::Failed(error) => {
                self.load.notify(|events| E::failed(events, &self.key, &error));
                LoadState::Failed { key, error }
            }
            Step::Extra(extra) => {
                self.load.extra.set(extra.and_then(|extra| extra.downcast_ref::<E::Extra>().cloned()));
                return;
            }
        };
        self.load.state.set(state);
    }
}

/// What loads, retries, waits and caches, for every endpoint: the part of a load that does not
/// depend on what it loads, so that one copy of its code serves every `Load`.
#[derive(Clone, Copy)]
struct Driver {
    /// Gone (reads as `None`) once the widget is unmounted.
    inner: StoredValue<LoadInner, LocalStorage>,
    progress: RwSignal<usize>,
}

impl Driver {
    fn new(
        api_base: Option<ApiBase>,
        token: StoredValue<TokenSource, LocalStorage>,
        events: Option<HostEvents>,
        timeout_ms: u32,
        progress: RwSignal<usize>,
    ) -> Self {
        let driver = Self {
            inner: StoredValue::new_local(LoadInner {
                generation: 0,
                in_flight: None,
                api_base,
                token,
                events,
                timeout_ms,
                cache: SessionCache::default(),
                account: None,
            }),
            progress,
        };
        on_cleanup(move || driver.abort_in_flight());
        driver
    }

    fn api_base(&self) -> Option<ApiBase> {
        self.inner.try_with_value(|inner| inner.api_base.clone()).flatten()
    }

    fn events(&self) -> Option<HostEvents> {
        self.inner.try_with_value(|inner| inner.events.clone()).flatten()
    }

    /// Uses `token` from now on; whether its claims name another account than the one the view
    /// was asked with (`None` once the widget is gone).
    fn take_token(&self, token: AccessToken) -> Option<bool> {
        let account = crate::token::account(&token);
        self.inner.try_with_value(|inner| {
            inner.token.set_value(TokenSource::Fixed(Some(token)));
            matches!((&inner.account, &account), (Some(shown), Some(new)) if shown != new)
        })
    }

    fn forget(&self) {
        self.start_new_generation();
        let _ = self.inner.try_update_value(|inner| inner.account = None);
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

    /// Starts loading `job` and aborts the load before it: from the cache when `from_cache` and
    /// the token's account loaded it before, else from the API.
    fn start(self, job: Rc<dyn Job>, from_cache: bool) {
        let Some(api_base) = self.api_base() else { return };
        let generation = self.start_new_generation();
        let Ok(controller) = AbortController::new() else {
            job.show(Step::Failed(ApiError::new(ErrorKind::Network)));
            return;
        };
        let waiting = Rc::clone(&job);
        // The whole of the rate limit's wait being shown, in seconds; 0 when none is.
        let rate_limit_wait = Cell::new(0);
        let connection = Connection {
            api_base,
            signal: controller.signal(),
            timeout_ms: self.inner.with_value(|inner| inner.timeout_ms),
            on_rate_limit_wait: Box::new(move |seconds| {
                self.show_rate_limit_wait(&*waiting, &rate_limit_wait, seconds, generation)
            }),
            on_progress: Box::new(move |read| {
                if self.is_current(generation) {
                    self.progress.set(read);
                }
            }),
        };
        self.progress.set(0);
        self.inner.update_value(|inner| inner.in_flight = Some(controller));
        job.show(Step::Loading);
        job.show(Step::Extra(None));

        let token = self.inner.with_value(|inner| inner.token.get_value());
        spawn_local(async move {
            // The token says whose cache entry this is; a host's getToken may have switched accounts.
            let first_token = token.token().await;
            if !self.is_current(generation) {
                return;
            }
            let account = first_token.as_ref().ok().and_then(crate::token::account);
            let _ = self.inner.try_update_value(|inner| inner.account = account);
            let key_text = job.key_text();
            if let (true, Ok(first_token)) = (from_cache, &first_token) {
                let cache_key = cache_key(&connection.api_base, &key_text, first_token);
                if let Some(cached) = self.inner.with_value(|inner| inner.cache.get(&cache_key).cloned()) {
                    let _ = self.inner.try_update_value(|inner| inner.in_flight = None);
                    job.show(Step::Extra(cached.extra));
                    job.show(Step::Loaded { value: cached.value, loaded_at: cached.loaded_at, from_cache: true });
                    return;
                }
            }
            self.fetch(&*job, &key_text, connection, token, first_token, generation).await;
        });
    }

    /// Fetches the answer, retrying as the retry policy says, shows the outcome, then fetches its extra.
    async fn fetch(
        self,
        job: &dyn Job,
        key_text: &str,
        connection: Connection,
        token: TokenSource,
        first_token: Result<AccessToken, ApiError>,
        generation: u64,
    ) {
        let request_key = request_key(&connection.api_base, key_text);
        let mut first_token = Some(first_token);
        let mut attempts = 0;
        let result = loop {
            attempts += 1;
            // Two widgets asking for the same answer ask one after the other, never at once.
            let Some(claim) = claim_request(request_key.clone(), &connection.signal).await else {
                return;
            };
            let result = fetch_with_token(job, &connection, &token, first_token.take()).await;
            drop(claim);
            if !self.is_current(generation) {
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
            if !self.wait_before_retry(job, &error, delay.as_secs_f64(), reason, &connection, generation).await {
                return;
            }
            job.show(Step::Loading);
        };
        match result {
            Ok((value, token_used)) => {
                let cache_key = cache_key(&connection.api_base, key_text, &token_used);
                // Remembered at once, so switching away before the extra arrives keeps the value.
                let loaded_at = now_ms();
                let entry = Cached { value: Arc::clone(&value), extra: None, loaded_at };
                let _ = self.inner.try_update_value(|inner| inner.cache.insert(cache_key.clone(), entry));
                job.show(Step::Loaded { value, loaded_at, from_cache: false });
                let extra = job.fetch_extra(&connection, &token_used).await;
                let _ = self.inner.try_update_value(|inner| {
                    if let Some(entry) = inner.cache.get_mut(&cache_key) {
                        entry.extra = extra.clone();
                    }
                });
                if self.is_current(generation) {
                    job.show(Step::Extra(extra));
                    let _ = self.inner.try_update_value(|inner| inner.in_flight = None);
                }
            }
            Err(error) => {
                let _ = self.inner.try_update_value(|inner| inner.in_flight = None);
                job.show(Step::Failed(error));
            }
        }
    }

    /// Shows the wait for the page-wide rate limit (`seconds` left; 0 when it is over), whose
    /// whole length `shown` keeps while it lasts.
    fn show_rate_limit_wait(&self, job: &dyn Job, shown: &Cell<u64>, seconds: u64, generation: u64) {
        if !self.is_current(generation) {
            return;
        }
        if seconds == 0 {
            shown.set(0);
            job.show(Step::Loading);
            return;
        }
        if shown.get() == 0 {
            shown.set(seconds);
        }
        job.show(Step::Waiting {
            error: ApiError::new(ErrorKind::RateLimited(seconds)),
            delay_secs: shown.get(),
            remaining_secs: seconds,
            reason: WaitReason::RateLimit,
        });
    }

    /// Shows the countdown and waits; false when the wait was cancelled, aborted or superseded.
    async fn wait_before_retry(
        &self,
        job: &dyn Job,
        error: &ApiError,
        delay_secs: f64,
        reason: WaitReason,
        connection: &Connection,
        generation: u64,
    ) -> bool {
        let until = now_ms() + delay_secs * 1000.0;
        let delay = delay_secs.ceil() as u64;
        loop {
            let left_ms = until - now_ms();
            if left_ms <= 0.0 {
                return self.is_current(generation);
            }
            let (remaining_secs, tick) = countdown(left_ms);
            job.show(Step::Waiting { error: error.clone(), delay_secs: delay, remaining_secs, reason });
            if sleep(tick, &connection.signal).await || !self.is_current(generation) {
                return false;
            }
        }
    }

    fn abort_in_flight(&self) {
        if let Some(Some(controller)) = self.inner.try_update_value(|inner| inner.in_flight.take()) {
            controller.abort();
        }
    }
}

/// Fetches with `first_token` or else a token from `source`; after a 401, a host's
/// `getToken` is asked once more and the request retried once, since MSAL may hold a newer token.
async fn fetch_with_token(
    job: &dyn Job,
    connection: &Connection,
    source: &TokenSource,
    first_token: Option<Result<AccessToken, ApiError>>,
) -> Result<(AnyValue, AccessToken), ApiError> {
    let token = match first_token {
        Some(token) => token?,
        None => source.token().await?,
    };
    let (result, token) = match job.fetch(connection, &token).await {
        Err(error) if error.kind.wants_fresh_token() && source.is_refreshable() && !connection.signal.aborted() => {
            let fresh = source.token().await?;
            (job.fetch(connection, &fresh).await, fresh)
        }
        other => (other, token),
    };
    match result {
        Ok(value) => Ok((value, token)),
        Err(mut error) => {
            if matches!(error.kind, ErrorKind::Unauthorized | ErrorKind::Forbidden) {
                error.token = crate::token::token_problem(&token, job.permission());
            }
            Err(error)
        }
    }
}

#[cfg(test)]
mod tests;
