//! What every widget on the page shares when it calls the API: the documented rate
//! limit, and no two widgets making the same request at once.

use std::cell::RefCell;

use missing_kbs_core::RateLimiter;
use web_sys::AbortSignal;

use crate::clock::{countdown, now_ms, sleep};

thread_local! {
    /// One limiter for every widget on the page: they share the tenant's API quota.
    static RATE_LIMITER: RefCell<RateLimiter> = RefCell::new(RateLimiter::default());
    /// The requests some widget on the page is making now, by URL-like key.
    static IN_FLIGHT: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
}

/// While it lives, no other widget on the page makes the same request.
pub struct InFlight(String);

impl Drop for InFlight {
    fn drop(&mut self) {
        let _ = IN_FLIGHT.try_with(|in_flight| in_flight.borrow_mut().retain(|key| *key != self.0));
    }
}

/// Waits until no other widget is making the request `key`, then claims it.
/// `None` when `signal` aborted the wait.
pub async fn claim_request(key: String, signal: &AbortSignal) -> Option<InFlight> {
    loop {
        if signal.aborted() {
            return None;
        }
        let claimed = IN_FLIGHT.with_borrow_mut(|in_flight| {
            let free = !in_flight.contains(&key);
            if free {
                in_flight.push(key.clone());
            }
            free
        });
        if claimed {
            return Some(InFlight(key));
        }
        if sleep(100.0, signal).await {
            return None;
        }
    }
}

/// How a wait for the page-wide rate limit ended.
pub enum RateLimitWait {
    /// The call may be made now; it has been counted.
    Acquired,
    /// The signal aborted the wait; nothing was counted.
    Aborted,
    /// The call would have to wait this many seconds, and was not allowed to.
    WouldWait(u64),
}

/// Waits until the page may make one more API call within the documented limits.
///
/// An aborted load never takes a slot (it checks before it counts), so loads
/// abandoned in a burst do not use up the limit for the one that is shown.
/// With `on_wait`, a wait is shown: it is told the seconds left, once a second, and 0
/// when the wait is over; without, the call does not wait at all.
pub async fn wait_for_rate_limit(signal: &AbortSignal, on_wait: Option<&dyn Fn(u64)>) -> RateLimitWait {
    let mut waited = false;
    loop {
        if signal.aborted() {
            return RateLimitWait::Aborted;
        }
        let wait_ms = match RATE_LIMITER.with_borrow_mut(|limiter| limiter.try_acquire(now_ms() as u64)) {
            Ok(()) => {
                if let (true, Some(on_wait)) = (waited, on_wait) {
                    on_wait(0);
                }
                return RateLimitWait::Acquired;
            }
            Err(wait) => wait.as_millis() as f64,
        };
        waited = true;
        let (seconds, tick) = countdown(wait_ms);
        let Some(on_wait) = on_wait else { return RateLimitWait::WouldWait(seconds) };
        on_wait(seconds);
        // Then ask the limiter again.
        if sleep(tick, signal).await {
            return RateLimitWait::Aborted;
        }
    }
}
