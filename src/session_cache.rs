//! Answers already loaded in this page session, kept in memory only (never in storage), by
//! account: a load shows one again at once for a token of the same account.

use std::sync::Arc;

use missing_kbs_core::{AccessToken, ApiBase};

use crate::endpoints::Endpoint;

/// An answer kept for this page session, in memory only (never in storage).
pub struct Cached<E: Endpoint> {
    pub value: Arc<E::Value>,
    pub extra: Option<E::Extra>,
    pub loaded_at: f64,
}

impl<E: Endpoint> Clone for Cached<E> {
    fn clone(&self) -> Self {
        Self { value: Arc::clone(&self.value), extra: self.extra.clone(), loaded_at: self.loaded_at }
    }
}

/// Keyed by [`cache_key`]: by who the token is for as well as by what was asked, so an
/// answer loaded with one account's token is never shown under another's (after
/// `setToken`, or a `getToken` that switched accounts), while an hourly refresh of the
/// same account's token keeps it. Each widget keeps its own. A list, not a hash map: a
/// session looks at a handful of answers.
pub struct SessionCache<E: Endpoint>(Vec<(String, Cached<E>)>);

impl<E: Endpoint> SessionCache<E> {
    pub fn new() -> Self {
        Self(Vec::new())
    }

    pub fn get(&self, key: &str) -> Option<&Cached<E>> {
        self.0.iter().find(|(other, _)| other == key).map(|(_, entry)| entry)
    }

    pub fn get_mut(&mut self, key: &str) -> Option<&mut Cached<E>> {
        self.0.iter_mut().find(|(other, _)| other == key).map(|(_, entry)| entry)
    }

    pub fn insert(&mut self, key: String, entry: Cached<E>) {
        match self.get_mut(&key) {
            Some(old) => *old = entry,
            None => self.0.push((key, entry)),
        }
    }
}

/// What a load is for: the API base and the key. No two widgets on the page ask for
/// the same answer at once.
pub fn request_key(api_base: &ApiBase, key: &impl std::fmt::Display) -> String {
    format!("{}|{key}", api_base.join(""))
}

/// The session cache's key: the account the token is for (`AccessToken::identity`, which names
/// its own end) first, then the answer.
pub fn cache_key(api_base: &ApiBase, key: &impl std::fmt::Display, token: &AccessToken) -> String {
    format!("{}|{}", crate::token::identity(token), request_key(api_base, key))
}
