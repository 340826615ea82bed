//! When a failed call is tried again, and how long to wait first.
//!
//! Microsoft documents, for the vulnerability-management APIs, "50 calls per
//! minute and 1500 calls per hour"
//! (<https://learn.microsoft.com/defender-endpoint/api/get-discovered-vulnerabilities>,
//! "Limitations"), 100 calls per connection per 60 seconds for the API in
//! general (<https://learn.microsoft.com/legal/microsoft-365/api-terms-of-use>,
//! "Throttling limits"), and a 429 "Too Many Requests" answer carrying a
//! `Retry-After` in seconds (<https://learn.microsoft.com/defender-endpoint/api/common-errors>).

use std::collections::VecDeque;
use std::time::Duration;

use crate::api_error::ErrorKind;

/// Attempts per load, the first included.
pub const MAX_ATTEMPTS: u32 = 3;
/// The longest a `Retry-After` is honoured before the widget gives up waiting.
pub const MAX_RETRY_AFTER: Duration = Duration::from_secs(60);
/// The first backoff; each further one doubles.
pub const BASE_BACKOFF: Duration = Duration::from_secs(1);

/// What to do after a failed attempt.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RetryDecision {
    GiveUp,
    /// Wait, then try again. `throttled` waits are shown with a countdown and a Cancel button.
    RetryAfter {
        delay: Duration,
        throttled: bool,
    },
}

/// Why a load is waiting, which its countdown says.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WaitReason {
    /// Defender answered 429 and its `Retry-After` is running out.
    Throttled,
    /// A transient failure is tried again after a backoff.
    Retry,
    /// The page has used its share of the documented limits ([`RateLimiter`]).
    RateLimit,
}

/// `attempts` counts the attempts made so far (1 after the first failure);
/// `jitter` is a random number in `[0, 1)`, so widgets that failed together do not retry together.
///
/// ```
/// use std::time::Duration;
/// use missing_kbs_core::{retry_decision, ErrorKind, RetryDecision};
///
/// let throttled = ErrorKind::Throttled { retry_after_secs: Some(30) };
/// assert_eq!(retry_decision(&throttled, 1, 0.5), RetryDecision::RetryAfter { delay: Duration::from_secs(30), throttled: true });
/// assert_eq!(retry_decision(&ErrorKind::NotFound, 1, 0.5), RetryDecision::GiveUp);
/// ```
pub fn retry_decision(kind: &ErrorKind, attempts: u32, jitter: f64) -> RetryDecision {
    if attempts >= MAX_ATTEMPTS {
        return RetryDecision::GiveUp;
    }
    match kind {
        ErrorKind::Throttled { retry_after_secs: Some(seconds) } if Duration::from_secs(*seconds) > MAX_RETRY_AFTER => {
            RetryDecision::GiveUp
        }
        ErrorKind::Throttled { retry_after_secs: Some(seconds) } => {
            RetryDecision::RetryAfter { delay: Duration::from_secs(*seconds), throttled: true }
        }
        ErrorKind::Throttled { retry_after_secs: None } => {
            RetryDecision::RetryAfter { delay: backoff(attempts, jitter).max(BASE_BACKOFF * 10), throttled: true }
        }
        ErrorKind::ServerError(502..=504) | ErrorKind::Network => {
            RetryDecision::RetryAfter { delay: backoff(attempts, jitter), throttled: false }
        }
        // 400, 403, 404 and the rest will not change by asking again; 401 follows the token rule.
        _ => RetryDecision::GiveUp,
    }
}

/// Exponential backoff with "equal jitter": half the step fixed, half random.
fn backoff(attempts: u32, jitter: f64) -> Duration {
    let step = BASE_BACKOFF * 2u32.saturating_pow(attempts.saturating_sub(1).min(10));
    step / 2 + step.mul_f64(jitter.clamp(0.0, 1.0) / 2.0)
}

/// `Retry-After` as seconds to wait: delta-seconds, or an HTTP date compared with `now_unix_secs`.
///
/// `date_to_unix_secs` reads the date; the widget passes the browser's `Date.parse`,
/// so the wasm download carries no date parser of its own. `Date.parse` reads almost
/// anything as some date ("1.5" is 5 January 2001), so it is only asked about a value
/// shaped like an HTTP date: a weekday, a comma, and GMT at the end (RFC 9110, 5.6.7).
///
/// ```
/// use missing_kbs_core::parse_retry_after;
///
/// let no_dates = |_: &str| None;
/// assert_eq!(parse_retry_after("30", 0, no_dates), Some(30));
/// assert_eq!(parse_retry_after("Wed, 21 Oct 2026 07:28:30 GMT", 1_000, |_| Some(1_030)), Some(30));
/// assert_eq!(parse_retry_after("1.5", 1_000, |_| Some(0)), None);
/// ```
pub fn parse_retry_after(
    value: &str,
    now_unix_secs: u64,
    date_to_unix_secs: impl FnOnce(&str) -> Option<u64>,
) -> Option<u64> {
    let value = value.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(seconds);
    }
    if !looks_like_http_date(value) {
        return None;
    }
    Some(date_to_unix_secs(value)?.saturating_sub(now_unix_secs))
}

/// `Wed, 21 Oct 2026 07:28:30 GMT`, or the obsolete `Wednesday, 21-Oct-26 07:28:30 GMT`.
fn looks_like_http_date(value: &str) -> bool {
    let Some((weekday, rest)) = value.split_once(',') else { return false };
    weekday.len() >= 3
        && weekday.bytes().all(|b| b.is_ascii_alphabetic())
        && rest.ends_with(" GMT")
        && rest.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b' ' | b':' | b'-'))
}

/// Keeps every widget on a page within the documented limits: at most 50 calls
/// in any minute and 1,500 in any hour.
#[derive(Clone, Debug, Default)]
pub struct RateLimiter {
    /// Times of the calls in the last hour, oldest first, in milliseconds.
    recent: VecDeque<u64>,
}

pub const CALLS_PER_MINUTE: usize = 50;
pub const CALLS_PER_HOUR: usize = 1_500;
const MINUTE_MS: u64 = 60_000;
const HOUR_MS: u64 = 3_600_000;

impl RateLimiter {
    /// Records a call at `now_ms` if it is allowed now; otherwise says how long to wait.
    pub fn try_acquire(&mut self, now_ms: u64) -> Result<(), Duration> {
        while self.recent.front().is_some_and(|&at| at + HOUR_MS <= now_ms) {
            self.recent.pop_front();
        }
        let in_last_minute = self.recent.iter().rev().take_while(|&&at| at + MINUTE_MS > now_ms).count();
        let wait_ms = if self.recent.len() >= CALLS_PER_HOUR {
            self.recent[0] + HOUR_MS - now_ms
        } else if in_last_minute >= CALLS_PER_MINUTE {
            self.recent[self.recent.len() - CALLS_PER_MINUTE] + MINUTE_MS - now_ms
        } else {
            self.recent.push_back(now_ms);
            return Ok(());
        };
        Err(Duration::from_millis(wait_ms))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn retry(kind: ErrorKind, attempts: u32) -> RetryDecision {
        retry_decision(&kind, attempts, 0.5)
    }

    #[test]
    fn client_errors_never_retry() {
        for kind in [
            ErrorKind::BadRequest,
            ErrorKind::Forbidden,
            ErrorKind::NotFound,
            ErrorKind::Unauthorized,
            ErrorKind::InvalidResponse,
            ErrorKind::ServerError(500),
        ] {
            assert_eq!(retry(kind.clone(), 1), RetryDecision::GiveUp, "{kind:?}");
        }
    }

    #[test]
    fn transient_failures_retry_with_growing_jittered_backoff_up_to_three_attempts() {
        for kind in
            [ErrorKind::ServerError(502), ErrorKind::ServerError(503), ErrorKind::ServerError(504), ErrorKind::Network]
        {
            let RetryDecision::RetryAfter { delay: first, throttled: false } = retry(kind.clone(), 1) else {
                panic!("{kind:?}")
            };
            let RetryDecision::RetryAfter { delay: second, .. } = retry(kind.clone(), 2) else { panic!("{kind:?}") };
            assert!(first < second, "{kind:?}: {first:?} then {second:?}");
            assert_eq!(retry(kind, 3), RetryDecision::GiveUp);
        }
        let low = retry_decision(&ErrorKind::Network, 2, 0.0);
        let high = retry_decision(&ErrorKind::Network, 2, 0.999);
        assert_eq!(low, RetryDecision::RetryAfter { delay: Duration::from_secs(1), throttled: false });
        assert!(
            matches!(high, RetryDecision::RetryAfter { delay, .. } if delay > Duration::from_millis(1990) && delay < Duration::from_secs(2))
        );
    }

    #[test]
    fn throttling_waits_as_told_up_to_a_minute() {
        assert_eq!(
            retry(ErrorKind::Throttled { retry_after_secs: Some(60) }, 1),
            RetryDecision::RetryAfter { delay: Duration::from_secs(60), throttled: true }
        );
        assert_eq!(retry(ErrorKind::Throttled { retry_after_secs: Some(61) }, 1), RetryDecision::GiveUp);
        assert!(
            matches!(retry(ErrorKind::Throttled { retry_after_secs: None }, 1), RetryDecision::RetryAfter { delay, throttled: true } if delay >= Duration::from_secs(10))
        );
    }

    #[test]
    fn retry_after_is_seconds_or_an_http_date() {
        // The date reader the browser's Date.parse stands in for in the widget.
        let http_date = |value: &str| {
            let at = httpdate::parse_http_date(value).ok()?;
            Some(at.duration_since(std::time::UNIX_EPOCH).ok()?.as_secs())
        };
        let now = 1_792_567_680; // Wed, 21 Oct 2026 07:28:00 GMT
        assert_eq!(parse_retry_after(" 120 ", now, http_date), Some(120));
        assert_eq!(parse_retry_after("Wed, 21 Oct 2026 07:29:00 GMT", now, http_date), Some(60));
        assert_eq!(parse_retry_after("Wed, 21 Oct 2026 07:00:00 GMT", now, http_date), Some(0));
        assert_eq!(parse_retry_after("soon", now, http_date), None);
        assert_eq!(parse_retry_after("-5", now, http_date), None);
        assert_eq!(parse_retry_after("-5", now, |_| Some(now + 5)), None, "a negative delay is not a date");
        assert_eq!(
            parse_retry_after("Wednesday, 21-Oct-26 07:29:00 GMT", now, |_| Some(now + 60)),
            Some(60),
            "the obsolete RFC 850 form"
        );
        // What Date.parse would read as some date, but no server sends as one: never asked.
        for not_a_date in ["1.5", "1,5", "10 20", "Retry later 5", "Wed, 21 Oct 2026 07:29:00", "Wed, <b>1</b> GMT"] {
            assert_eq!(parse_retry_after(not_a_date, now, |_| Some(0)), None, "{not_a_date}");
        }
    }

    #[test]
    fn the_limiter_allows_fifty_calls_a_minute() {
        let mut limiter = RateLimiter::default();
        for call in 0..50 {
            assert_eq!(limiter.try_acquire(call * 100), Ok(()), "call {call}");
        }
        // The 51st waits until the first call is a minute old.
        assert_eq!(limiter.try_acquire(5_000), Err(Duration::from_millis(55_000)));
        assert_eq!(limiter.try_acquire(60_000), Ok(()));
    }

    #[test]
    fn the_limiter_allows_fifteen_hundred_calls_an_hour() {
        let mut limiter = RateLimiter::default();
        let mut now = 0;
        let mut made = 0;
        while now < HOUR_MS {
            match limiter.try_acquire(now) {
                Ok(()) => made += 1,
                Err(wait) => now += wait.as_millis() as u64,
            }
            now += 1;
        }
        assert_eq!(made, CALLS_PER_HOUR);
        assert!(limiter.try_acquire(HOUR_MS - 1).is_err());
    }
}
