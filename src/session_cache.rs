//! Answers already loaded in this page session, kept in memory only (never in storage), by
//! account: a load shows one again at once for a token of the same account.

use std::any::Any;
use std::sync::Arc;

use missing_kbs_core::{AccessToken, ApiBase};

/// An answer, or its extra, of any endpoint, as the load's driver and this cache hold it: its
/// type erased, so that one copy of their code serves every endpoint (`load.rs`, whose
/// `Keyed::show` gives it its type back).
pub type AnyValue = Arc<dyn Any + Send + Sync>;

/// An answer kept for this page session, in memory only (never in storage): the value and its
/// extra of the load's endpoint, their types erased as the load's driver holds them.
#[derive(Clone)]
pub struct Cached {
    pub value: AnyValue,
    pub extra: Option<AnyValue>,
    pub loaded_at: f64,
}

/// Keyed by [`cache_key`]: by who the token is for as well as by what was asked, so an
/// answer loaded with one account's token is never shown under another's (after
/// `setToken`, or a `getToken` that switched accounts), while an hourly refresh of the
/// same account's token keeps it. Each load keeps its own, so an entry is always of its
/// load's endpoint. A list, not a hash map: a session looks at a handful of answers.
#[derive(Default)]
pub struct SessionCache(Vec<(String, Cached)>);

impl SessionCache {
    pub fn get(&self, key: &str) -> Option<&Cached> {
        self.0.iter().find(|(other, _)| other == key).map(|(_, entry)| entry)
    }

    pub fn get_mut(&mut self, key: &str) -> Option<&mut Cached> {
        self.0.iter_mut().find(|(other, _)| other == key).map(|(_, entry)| entry)
    }

    pub fn insert(&mut self, key: String, entry: Cached) {
        match self.get_mut(&key) {
            Some(old) => *old = entry,
            None => self.0.push((key, entry)),
        }
    }
}

/// What a load is for: the API base and the key (as text). No two widgets on the page ask for
/// the same answer at once.
pub fn request_key(api_base: &ApiBase, key: &str) -> String {
    format!("{}|{key}", api_base.join(""))
}

/// The session cache's key: the account the token is for (`AccessToken::identity`, which names
/// its own end) first, then the answer.
pub fn cache_key(api_base: &ApiBase, key: &str, token: &AccessToken) -> String {
    format!("{}|{}", crate::token::identity(token), request_key(api_base, key))
}
