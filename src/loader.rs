//! One widget's view state: which software is shown and what came back for it.
//!
//! Each load aborts the one before it, and an answer that arrives for a load
//! that is no longer current is dropped, so the view never shows one
//! software's KBs under another's name. Failures are retried by the core's
//! retry policy, throttling waits are shown with a countdown, and lists already
//! loaded in this page session show again at once.

use std::sync::Arc;

use leptos::prelude::*;
use leptos::task::spawn_local;
use missing_kbs_core::{
    retry_decision, AccessToken, ApiBase, ApiError, ConfigProblem, ErrorKind, MissingKbList, RetryDecision, SoftwareId,
    SoftwareInfo, WaitReason,
};
use web_sys::AbortController;

use crate::clock::{jitter, now_ms, sleep};
use crate::host_events::HostEvents;
use crate::rate_limit::claim_request;
use crate::token::TokenSource;
use crate::transport::{fetch_missing_kbs, fetch_software_info, Connection};

/// How long one call may take, unless the host says otherwise (`timeoutSeconds`).
pub const DEFAULT_TIMEOUT_MS: u32 = 30_000;

#[derive(Clone, Debug, PartialEq)]
pub enum LoadState {
    /// No software chosen yet.
    Idle,
    Loading(SoftwareId),
    /// The next call is made when `remaining_secs` reaches 0, unless the user cancels:
    /// a failed attempt is retried, or the page waits its turn under the rate limit.
    /// `error` is what Cancel shows.
    Waiting {
        id: SoftwareId,
        error: ApiError,
        delay_secs: u64,
        remaining_secs: u64,
        reason: WaitReason,
    },
    /// `loaded_at` is the Unix time in milliseconds; `from_cache` when shown from this page session's memory.
    Loaded {
        id: SoftwareId,
        list: Arc<MissingKbList>,
        loaded_at: f64,
        from_cache: bool,
    },
    Failed {
        id: SoftwareId,
        error: ApiError,
    },
    /// The host's options cannot be used (for example an `apiBase` that is not allowed); nothing is sent.
    Misconfigured(ConfigProblem),
}

impl LoadState {
    pub fn software_id(&self) -> Option<&SoftwareId> {
        match self {
            LoadState::Idle | LoadState::Misconfigured(_) => None,
            LoadState::Loading(id)
            | LoadState::Waiting { id, .. }
            | LoadState::Loaded { id, .. }
            | LoadState::Failed { id, .. } => Some(id),
        }
    }
}

/// A loaded list kept for this page session, in memory only (never in storage).
#[derive(Clone)]
struct CachedList {
    list: Arc<MissingKbList>,
    software: Option<SoftwareInfo>,
    loaded_at: f64,
}

/// Keyed by [`cache_key`]: by who the token is for as well as by list, so a list
/// loaded with one account's token is never shown under another's (after
/// `setToken`, or a `getToken` that switched accounts), while an hourly refresh of
/// the same account's token keeps it. Each widget keeps its own.
/// A list, not a hash map: a session looks at a handful of software.
#[derive(Default)]
struct SessionCache(Vec<(String, CachedList)>);

impl SessionCache {
    fn get(&self, key: &str) -> Option<&CachedList> {
        self.0.iter().find(|(other, _)| other == key).map(|(_, entry)| entry)
    }

    fn get_mut(&mut self, key: &str) -> Option<&mut CachedList> {
        self.0.iter_mut().find(|(other, _)| other == key).map(|(_, entry)| entry)
    }

    fn insert(&mut self, key: String, entry: CachedList) {
        match self.get_mut(&key) {
            Some(old) => *old = entry,
            None => self.0.push((key, entry)),
        }
    }
}

/// Which list a load is for: the API base and the software ID. No two widgets on
/// the page ask for the same list at once.
fn list_key(api_base: &ApiBase, id: &SoftwareId) -> String {
    format!("{}|{id}", api_base.join(""))
}

/// The session cache's key: the list, and the account the token is for (`AccessToken::identity`).
fn cache_key(api_base: &ApiBase, id: &SoftwareId, token: &AccessToken) -> String {
    format!("{}|{}", list_key(api_base, id), crate::token::identity(token))
}

#[derive(Clone, Copy)]
pub struct Loader {
    pub state: RwSignal<LoadState>,
    /// The shown software's name and vendor, once `GET /api/Software/{id}` answered.
    pub software: RwSignal<Option<SoftwareInfo>>,
    /// Gone (reads as `None`) once the widget is unmounted.
    inner: StoredValue<LoaderInner, LocalStorage>,
}

/// What the loader keeps that no view reads, in one stored value (ARCHITECTURE.md, "Wasm size").
struct LoaderInner {
    /// Which load is current; an answer for an older one is dropped.
    generation: u64,
    in_flight: Option<AbortController>,
    /// `None` when the host's `apiBase` was refused.
    api_base: Option<ApiBase>,
    token: TokenSource,
    events: Option<HostEvents>,
    timeout_ms: u32,
    cache: SessionCache,
}

impl Loader {
    /// Must be created inside the widget's reactive owner: its cleanup aborts the request in flight.
    /// With `Err` for the API base, the widget shows the problem and never asks for a token.
    pub fn new(
        api_base: Result<ApiBase, ConfigProblem>,
        token: TokenSource,
        events: Option<HostEvents>,
        timeout_ms: u32,
    ) -> Self {
        let (api_base, state) = match api_base {
            Ok(base) => (Some(base), LoadState::Idle),
            Err(problem) => (None, LoadState::Misconfigured(problem)),
        };
        let misconfigured = api_base.is_none();
        let loader = Self {
            state: RwSignal::new(state),
            software: RwSignal::new(None),
            inner: StoredValue::new_local(LoaderInner {
                generation: 0,
                in_flight: None,
                api_base,
                token,
                events,
                timeout_ms,
                cache: SessionCache::default(),
            }),
        };
        if misconfigured {
            loader.notify(|events| events.misconfigured());
        }
        on_cleanup(move || loader.abort_in_flight());
        loader
    }

    /// Shows `id`: from this session's memory when it was loaded before with a token
    /// for the same account, else from the API.
    pub fn load(&self, id: SoftwareId) {
        self.start(id, true);
    }

    /// Loads the current software again from the API.
    pub fn refresh(&self) {
        if let Some(id) = self.state.with_untracked(|state| state.software_id().cloned()) {
            self.start(id, false);
        }
    }

    /// Stops waiting to retry and shows the failure that caused the wait.
    pub fn cancel(&self) {
        let waiting = self.state.with_untracked(|state| match state {
            LoadState::Waiting { id, error, .. } => Some((id.clone(), error.clone())),
            _ => None,
        });
        if let Some((id, error)) = waiting {
            self.start_new_generation();
            self.state.set(LoadState::Failed { id, error });
        }
    }

    /// Uses `token` from now on; a view that failed for want of a valid token loads again with it.
    pub fn set_token(&self, token: AccessToken) {
        self.inner.update_value(|inner| inner.token = TokenSource::Fixed(Some(token)));
        let needs_token = self.state.with_untracked(|state| {
            matches!(state, LoadState::Failed { error, .. } if matches!(error.kind, ErrorKind::Unauthorized | ErrorKind::TokenUnavailable))
        });
        if needs_token {
            self.refresh();
        }
    }

    pub fn notify(&self, send: impl FnOnce(&HostEvents)) {
        // Taken out first: a host's event listener may call back into this widget.
        if let Some(Some(events)) = self.inner.try_with_value(|inner| inner.events.clone()) {
            send(&events);
        }
    }

    fn api_base(&self) -> Option<ApiBase> {
        self.inner.try_with_value(|inner| inner.api_base.clone()).flatten()
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

    /// Starts a load of `id` that aborts the one before it: from the cache when
    /// `from_cache` and the token's account loaded it before, else from the API.
    fn start(&self, id: SoftwareId, from_cache: bool) {
        let Some(api_base) = self.api_base() else { return };
        let generation = self.start_new_generation();
        let Ok(controller) = AbortController::new() else {
            self.show_failure(id, ApiError::new(ErrorKind::Network));
            return;
        };
        let this = *self;
        let waiting_id = id.clone();
        let connection = Connection {
            api_base,
            signal: controller.signal(),
            timeout_ms: self.inner.with_value(|inner| inner.timeout_ms),
            on_rate_limit_wait: Box::new(move |seconds| this.show_rate_limit_wait(&waiting_id, seconds, generation)),
        };
        self.inner.update_value(|inner| inner.in_flight = Some(controller));
        self.state.set(LoadState::Loading(id.clone()));
        self.software.set(None);

        let token = self.inner.with_value(|inner| inner.token.clone());
        spawn_local(async move {
            // The widget may be gone (a disposed StoredValue reads as None), or a newer load may have started.
            let current = move || this.inner.try_with_value(|inner| inner.generation) == Some(generation);
            // The token says whose cache entry this is; a host's getToken may have switched accounts.
            let first_token = token.token().await;
            if !current() {
                return;
            }
            if let (true, Ok(first_token)) = (from_cache, &first_token) {
                let key = cache_key(&connection.api_base, &id, first_token);
                if let Some(cached) = this.inner.with_value(|inner| inner.cache.get(&key).cloned()) {
                    let _ = this.inner.try_update_value(|inner| inner.in_flight = None);
                    this.software.set(cached.software);
                    this.show_list(id, cached.list, cached.loaded_at, true);
                    return;
                }
            }
            this.fetch(id, connection, token, first_token, current).await;
        });
    }

    /// Fetches the list, retrying as the retry policy says, and shows the outcome.
    async fn fetch(
        &self,
        id: SoftwareId,
        connection: Connection,
        token: TokenSource,
        first_token: Result<AccessToken, ApiError>,
        current: impl Fn() -> bool + Copy,
    ) {
        let this = *self;
        let request_key = list_key(&connection.api_base, &id);
        let mut first_token = Some(first_token);
        let mut attempts = 0;
        let result = loop {
            attempts += 1;
            // Two widgets showing the same software ask one after the other, never at once.
            let Some(claim) = claim_request(request_key.clone(), &connection.signal).await else {
                return;
            };
            let result = fetch_with_token(&connection, &id, &token, first_token.take()).await;
            drop(claim);
            if !current() {
                return;
            }
            let error = match result {
                Ok(loaded) => break Ok(loaded),
                Err(error) => error,
            };
            let RetryDecision::RetryAfter { delay, throttled } = retry_decision(&error.kind, attempts, jitter()) else {
                break Err(error);
            };
            let reason = if throttled { WaitReason::Throttled } else { WaitReason::Retry };
            if !this.wait_before_retry(&id, &error, delay.as_secs_f64(), reason, &connection, current).await {
                return;
            }
            this.state.set(LoadState::Loading(id.clone()));
        };
        match result {
            Ok((list, token_used)) => {
                let key = cache_key(&connection.api_base, &id, &token_used);
                let list = Arc::new(list);
                // Remembered at once, so switching away before the title arrives keeps the list.
                let loaded_at = now_ms();
                let entry = CachedList { list: Arc::clone(&list), software: None, loaded_at };
                let _ = this.inner.try_update_value(|inner| inner.cache.insert(key.clone(), entry));
                this.show_list(id.clone(), list, loaded_at, false);
                // The title is a nicety: asked for only once the list is shown, with the same token.
                let info = fetch_software_info(&connection, &id, &token_used).await;
                let _ = this.inner.try_update_value(|inner| {
                    if let Some(entry) = inner.cache.get_mut(&key) {
                        entry.software = info.clone();
                    }
                });
                if current() {
                    this.software.set(info);
                    let _ = this.inner.try_update_value(|inner| inner.in_flight = None);
                }
            }
            Err(error) => {
                let _ = this.inner.try_update_value(|inner| inner.in_flight = None);
                this.show_failure(id, error);
            }
        }
    }

    /// Shows the wait for the page-wide rate limit (`seconds` left; 0 when it is over).
    fn show_rate_limit_wait(&self, id: &SoftwareId, seconds: u64, generation: u64) {
        if self.inner.try_with_value(|inner| inner.generation) != Some(generation) {
            return;
        }
        if seconds == 0 {
            self.state.set(LoadState::Loading(id.clone()));
            return;
        }
        let delay_secs = self.state.with_untracked(|state| match state {
            LoadState::Waiting { reason: WaitReason::RateLimit, delay_secs, .. } => *delay_secs,
            _ => seconds,
        });
        self.state.set(LoadState::Waiting {
            id: id.clone(),
            error: ApiError::new(ErrorKind::RateLimited(seconds)),
            delay_secs,
            remaining_secs: seconds,
            reason: WaitReason::RateLimit,
        });
    }

    /// Shows the countdown and waits; false when the wait was cancelled, aborted or superseded.
    async fn wait_before_retry(
        &self,
        id: &SoftwareId,
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
            let remaining_secs = (left_ms / 1000.0).ceil() as u64;
            self.state.set(LoadState::Waiting {
                id: id.clone(),
                error: error.clone(),
                delay_secs: delay,
                remaining_secs,
                reason,
            });
            // Tick once a second, so the countdown moves.
            let tick = left_ms - (remaining_secs - 1) as f64 * 1000.0;
            if sleep(tick, &connection.signal).await || !current() {
                return false;
            }
        }
    }

    /// Shows a list, fresh or from this session's memory, and tells the host.
    fn show_list(&self, id: SoftwareId, list: Arc<MissingKbList>, loaded_at: f64, from_cache: bool) {
        self.notify(|events| events.loaded(&id, list.kbs.len()));
        self.state.set(LoadState::Loaded { id, list, loaded_at, from_cache });
    }

    fn show_failure(&self, id: SoftwareId, error: ApiError) {
        self.notify(|events| {
            events.failed(Some(&id), &error.kind);
            if error.kind == ErrorKind::Unauthorized {
                events.token_expired(&id);
            }
        });
        self.state.set(LoadState::Failed { id, error });
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
    connection: &Connection,
    id: &SoftwareId,
    source: &TokenSource,
    first_token: Option<Result<AccessToken, ApiError>>,
) -> Result<(MissingKbList, AccessToken), ApiError> {
    let token = match first_token {
        Some(token) => token?,
        None => source.token().await?,
    };
    match fetch_missing_kbs(connection, id, &token).await {
        Err(error) if error.kind.wants_fresh_token() && source.is_refreshable() && !connection.signal.aborted() => {
            let fresh = source.token().await?;
            Ok((fetch_missing_kbs(connection, id, &fresh).await?, fresh))
        }
        other => other.map(|list| (list, token)),
    }
}
