//! Software IDs that make the mock fail the way the real service can.

use std::collections::HashMap;

use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};

use crate::{defender_error, fixtures, json_ok, AppState};

/// A scripted behaviour, chosen by software ID.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scenario {
    /// `scenario-_-bad_request`: 400.
    BadRequest,
    /// `scenario-_-forbidden`: 403, as for an app without Software.Read.
    Forbidden,
    /// `scenario-_-throttled`: 429 with `Retry-After: 30`.
    Throttled,
    /// `scenario-_-server_error`: 500.
    ServerError,
    /// `scenario-_-unavailable`: 503.
    Unavailable,
    /// `scenario-_-slow`: the Edge answer after a delay.
    Slow,
    /// `scenario-_-hang`: sends the headers and the start of the body, then nothing more.
    Hang,
    /// `scenario-_-drip`: the Edge answer, a few bytes every 100 ms (about three seconds in all).
    Drip,
    /// `scenario-_-reset`: the connection breaks in the middle of the body.
    Reset,
    /// `scenario-_-throttle_storm`: 429 with `Retry-After: 1`, every time.
    ThrottleStorm,
    /// `scenario-_-malformed`: 200 with a cut-off JSON body.
    Malformed,
    /// `scenario-_-paged`: the Windows 10 answer split over pages linked by `@odata.nextLink`.
    Paged,
    /// `scenario-_-flaky…` (any suffix): 503 the first three times each ID is asked for (as many
    /// attempts as the widget makes by itself), then the Edge answer.
    Flaky,
    /// `scenario-_-blip…` (any suffix): 503 the first time each ID is asked for, then the Edge answer.
    Blip,
}

const PREFIX: &str = "scenario-_-";
const PAGE_SIZE: usize = 3;

impl Scenario {
    pub fn for_id(id: &str) -> Option<Self> {
        let name = id.strip_prefix(PREFIX)?;
        Some(match name {
            "bad_request" => Scenario::BadRequest,
            "forbidden" => Scenario::Forbidden,
            "throttled" => Scenario::Throttled,
            "server_error" => Scenario::ServerError,
            "unavailable" => Scenario::Unavailable,
            "slow" => Scenario::Slow,
            "malformed" => Scenario::Malformed,
            "hang" => Scenario::Hang,
            "drip" => Scenario::Drip,
            "reset" => Scenario::Reset,
            "throttle_storm" => Scenario::ThrottleStorm,
            "paged" => Scenario::Paged,
            name if name.starts_with("flaky") => Scenario::Flaky,
            name if name.starts_with("blip") => Scenario::Blip,
            _ => return None,
        })
    }
}

pub(crate) async fn respond(
    scenario: Scenario,
    id: &str,
    query: &HashMap<String, String>,
    headers: &HeaderMap,
    state: &AppState,
    correlation: &str,
) -> Response {
    let edge = || json_ok(fixtures::missing_kbs("microsoft-_-edge").expect("the Edge fixture is built in"));
    match scenario {
        Scenario::BadRequest => {
            defender_error(StatusCode::BAD_REQUEST, "InvalidRequestBody", "The request is invalid.", correlation)
        }
        Scenario::Forbidden => defender_error(
            StatusCode::FORBIDDEN,
            "Forbidden",
            "The application does not have any of the required delegated permissions (Software.Read) to access the resource.",
            correlation,
        ),
        Scenario::Throttled => {
            let mut response = defender_error(
                StatusCode::TOO_MANY_REQUESTS,
                "TooManyRequests",
                "Rate limit is exceeded. Try again in 30 seconds.",
                correlation,
            );
            response.headers_mut().insert(header::RETRY_AFTER, header::HeaderValue::from_static("30"));
            response
        }
        Scenario::ServerError => defender_error(
            StatusCode::INTERNAL_SERVER_ERROR,
            "InternalServerError",
            "An unexpected error occurred.",
            correlation,
        ),
        Scenario::Unavailable => defender_error(
            StatusCode::SERVICE_UNAVAILABLE,
            "ServiceUnavailable",
            "The service is temporarily unavailable.",
            correlation,
        ),
        Scenario::Slow => {
            tokio::time::sleep(state.config.slow_delay).await;
            edge()
        }
        Scenario::Hang => streamed(vec![Ok(r#"{"value":[{"id":"45"#.into())], Ending::Never),
        Scenario::Drip => {
            let body = fixtures::missing_kbs("microsoft-_-edge").expect("built in");
            let step = body.len().div_ceil(30);
            let chunks = body.as_bytes().chunks(step).map(|chunk| Ok(chunk.to_vec())).collect();
            streamed(chunks, Ending::Done)
        }
        Scenario::Reset => streamed(
            vec![Ok(br#"{"value":[{"id":"4540673","na"#.to_vec()), Err(std::io::Error::other("connection reset"))],
            Ending::Done,
        ),
        Scenario::ThrottleStorm => {
            let mut response =
                defender_error(StatusCode::TOO_MANY_REQUESTS, "TooManyRequests", "Rate limit is exceeded.", correlation);
            response.headers_mut().insert(header::RETRY_AFTER, header::HeaderValue::from_static("1"));
            response
        }
        Scenario::Malformed => json_ok(r#"{"@odata.context":"x","value":[{"id":"4540673","name":"March 2020"#.to_owned()),
        Scenario::Paged => paged(id, query, headers),
        Scenario::Flaky | Scenario::Blip => {
            let failures = if scenario == Scenario::Flaky { 3 } else { 1 };
            let asked_before = state
                .times_asked
                .lock()
                .map(|mut asked| {
                    let count = asked.entry(id.to_owned()).or_insert(0);
                    *count += 1;
                    *count - 1
                })
                .unwrap_or(failures);
            if asked_before < failures {
                defender_error(
                    StatusCode::SERVICE_UNAVAILABLE,
                    "ServiceUnavailable",
                    "The service is temporarily unavailable.",
                    correlation,
                )
            } else {
                edge()
            }
        }
    }
}

/// Windows 10's KBs, `PAGE_SIZE` a page, each page linking the next with an absolute URL on this host.
fn paged(id: &str, query: &HashMap<String, String>, headers: &HeaderMap) -> Response {
    let all: serde_json::Value =
        serde_json::from_str(&fixtures::missing_kbs("microsoft-_-windows_10").expect("built in"))
            .expect("valid fixture");
    let kbs = all["value"].as_array().cloned().unwrap_or_default();
    let skip: usize = query.get("$skiptoken").and_then(|s| s.parse().ok()).unwrap_or(0);
    let page: Vec<_> = kbs.iter().skip(skip).take(PAGE_SIZE).cloned().collect();
    let mut body = serde_json::json!({ "@odata.context": all["@odata.context"], "value": page });
    if skip + PAGE_SIZE < kbs.len() {
        let host = headers.get(header::HOST).and_then(|h| h.to_str().ok()).unwrap_or("127.0.0.1");
        body["@odata.nextLink"] =
            format!("http://{host}/api/Software/{id}/getmissingkbs?$skiptoken={}", skip + PAGE_SIZE).into();
    }
    json_ok(body.to_string())
}

/// What a streamed body does after its last chunk.
enum Ending {
    Done,
    /// Never ends (the connection stays open until the client gives up).
    Never,
}

/// A 200 JSON answer whose body comes in `chunks`, 100 ms apart; an `Err` chunk breaks the connection.
fn streamed(chunks: Vec<std::io::Result<Vec<u8>>>, ending: Ending) -> Response {
    use futures_util::stream::{self, StreamExt};
    let paced = stream::iter(chunks).then(|chunk| async move {
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        chunk
    });
    let body = match ending {
        Ending::Done => axum::body::Body::from_stream(paced),
        Ending::Never => axum::body::Body::from_stream(paced.chain(stream::pending())),
    };
    ([(header::CONTENT_TYPE, "application/json")], body).into_response()
}
