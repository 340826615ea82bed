//! A local stand-in for the Defender for Endpoint getmissingkbs API, and the endpoints
//! around it the widget reads: the software inventory (`inventory.rs`), a KB's CVEs and
//! devices (`vulnerabilities.rs`) and the devices themselves (`machines.rs`), all made
//! from the fixtures and one fleet of devices (`fleet.rs`).
//!
//! It answers like the real service (bearer token required, Defender-shaped
//! error bodies, OData paging) from fixture files, has scenario IDs for every
//! failure the widget must handle, and serves the built widget so the demo is
//! one URL.

pub mod fixtures;
mod fleet;
pub mod hostile;
mod inventory;
mod machines;
mod scenarios;
mod vulnerabilities;

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, get_service};
use axum::Router;
use tower_http::cors::{AllowOrigin, CorsLayer};
use tower_http::services::ServeDir;
use tower_http::set_header::SetResponseHeaderLayer;

pub use scenarios::Scenario;

/// The token the demo page uses; any non-empty token is accepted except [`EXPIRED_TOKEN`].
pub use missing_kbs_core::MOCK_DEVELOPMENT_TOKEN as DEVELOPMENT_TOKEN;
/// A token the mock treats as expired, answering 401 as Defender does.
pub const EXPIRED_TOKEN: &str = "expired-token";

/// How the mock behaves.
#[derive(Clone, Debug)]
pub struct MockConfig {
    /// The built widget (`dist/`), served at `/`.
    pub dist: Option<PathBuf>,
    /// The embedding examples (`examples/`), served at `/examples/`.
    pub examples: Option<PathBuf>,
    /// How long `scenario-_-slow` waits before answering.
    pub slow_delay: Duration,
    /// Extra browser origins allowed by CORS, besides every loopback origin.
    pub allowed_origins: Vec<String>,
    /// The hostile-answer corpus, served as `scenario-_-hostile_<name>`.
    pub hostile: HashMap<String, hostile::HostileCase>,
}

impl Default for MockConfig {
    fn default() -> Self {
        Self {
            dist: None,
            examples: None,
            slow_delay: Duration::from_secs(3),
            allowed_origins: Vec::new(),
            hostile: HashMap::new(),
        }
    }
}

impl AppState {
    /// The hostile case a bearer token `<prefix><name>` asks for, if the corpus has it.
    fn hostile_case(&self, token: &str, prefix: &str) -> Option<&hostile::HostileCase> {
        token.strip_prefix(prefix).and_then(|name| self.config.hostile.get(name))
    }

    /// The hostile case of `endpoint` a bearer token `machine-hostile_<name>` asks for.
    fn machine_case(&self, token: &str, endpoint: &str) -> Option<&hostile::HostileCase> {
        self.hostile_case(token, hostile::MACHINE_TOKEN_PREFIX)
            .filter(|case| case.endpoint.as_deref() == Some(endpoint))
    }

    /// A new correlation ID, as Defender puts in an error's `target`.
    fn next_correlation(&self) -> String {
        format!("00000000-0000-4000-8000-{:012x}", self.requests.fetch_add(1, Ordering::Relaxed))
    }
}

#[derive(Clone)]
struct AppState {
    config: Arc<MockConfig>,
    requests: Arc<AtomicU64>,
    /// How often each `scenario-_-flaky…` / `blip…` ID was asked for.
    times_asked: Arc<Mutex<HashMap<String, u32>>>,
}

/// The policy every page the mock serves runs under: no inline script or
/// style, scripts and wasm from this origin only, and network access to this
/// origin (the mock API) and the Microsoft sign-in hosts (MSAL.js) only.
pub const STRICT_CSP: &str = "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; \
img-src 'self' data:; connect-src 'self' https://login.microsoftonline.com https://login.microsoftonline.us; \
frame-src 'self' https://login.microsoftonline.com https://login.microsoftonline.us; \
base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/// The whole mock: API routes, CORS, and the widget's files.
pub fn app(config: MockConfig) -> Router {
    let allowed: Vec<String> = config.allowed_origins.clone();
    let cors = CorsLayer::new()
        .allow_origin(AllowOrigin::predicate(move |origin, _| {
            origin.to_str().is_ok_and(|origin| is_loopback_origin(origin) || allowed.iter().any(|a| a == origin))
        }))
        .allow_methods([Method::GET])
        .allow_headers([header::AUTHORIZATION, header::ACCEPT])
        .expose_headers([header::RETRY_AFTER]);
    let dist = config.dist.clone();
    let examples = config.examples.clone();
    let state = AppState {
        config: Arc::new(config),
        requests: Arc::new(AtomicU64::new(0)),
        times_asked: Arc::new(Mutex::new(HashMap::new())),
    };
    let api = Router::new()
        .route("/api/Software", get(get_inventory))
        .route("/api/Software/{id}/getmissingkbs", get(get_missing_kbs))
        .route("/api/Software/{id}", get(get_software))
        .route("/api/Software/{id}/machineReferences", get(get_machine_references))
        .route("/api/vulnerabilities/machinesVulnerabilities", get(get_vulnerability_rows))
        .route("/api/machines", get(get_machines))
        .route("/api/machines/{id}", get(get_machine))
        .route("/api/machines/{id}/getmissingkbs", get(get_machine_kbs))
        .with_state(state)
        .layer(cors);
    let csp = SetResponseHeaderLayer::overriding(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(STRICT_CSP));
    let api = match examples {
        Some(examples) => api.nest_service("/examples", get_service(ServeDir::new(examples)).layer(csp.clone())),
        None => api,
    };
    match dist {
        Some(dist) => api.fallback_service(get_service(ServeDir::new(dist)).layer(csp)),
        None => api,
    }
}

async fn get_missing_kbs(
    State(state): State<AppState>,
    Path(id): Path<String>,
    Query(query): Query<HashMap<String, String>>,
    headers: HeaderMap,
) -> Response {
    let correlation = state.next_correlation();
    match bearer_token(&headers) {
        Some(token) if token != EXPIRED_TOKEN => {}
        Some(_) => {
            return defender_error(
                StatusCode::UNAUTHORIZED,
                "Unauthorized",
                "The access token has expired.",
                &correlation,
            )
        }
        None => {
            return defender_error(
                StatusCode::UNAUTHORIZED,
                "Unauthorized",
                "Authorization header is missing or is not a bearer token.",
                &correlation,
            )
        }
    }
    if let Some(case) = id.strip_prefix(hostile::PREFIX).and_then(|name| state.config.hostile.get(name)) {
        return hostile::respond(case, &id, &headers);
    }
    let scenario = Scenario::for_id(&id);
    if let Some(scenario) = scenario {
        return scenarios::respond(scenario, &id, &query, &headers, &state, &correlation).await;
    }
    match fixtures::missing_kbs(&id) {
        Some(body) => json_ok(body),
        None => defender_error(
            StatusCode::NOT_FOUND,
            "ResourceNotFound",
            &format!("Software {id} was not found in the organization's inventory."),
            &correlation,
        ),
    }
}

/// The software inventory, as `GET /api/Software` answers it (`inventory.rs`).
async fn get_inventory(
    State(state): State<AppState>,
    Query(query): Query<HashMap<String, String>>,
    headers: HeaderMap,
) -> Response {
    let correlation = state.next_correlation();
    let Some(token) = accepted_token(&headers) else { return unauthorized(&correlation) };
    if let Some(case) = state.hostile_case(token, hostile::INVENTORY_TOKEN_PREFIX) {
        return hostile::respond(case, "inventory", &headers);
    }
    if let Some(scenario) = inventory::InventoryScenario::for_token(token) {
        if let Some(failure) = inventory::scenario_failure(scenario, &correlation) {
            return failure;
        }
        tokio::time::sleep(state.config.slow_delay).await;
    }
    inventory::respond(&query, &correlation)
}

/// The software entity, as `GET /api/Software/{id}` answers it.
async fn get_software(State(state): State<AppState>, Path(id): Path<String>, headers: HeaderMap) -> Response {
    let correlation = state.next_correlation();
    if accepted_token(&headers).is_none() {
        return unauthorized(&correlation);
    }
    if Scenario::for_id(&id) == Some(Scenario::Forbidden) {
        return defender_error(StatusCode::FORBIDDEN, "Forbidden", "Missing permission Software.Read.", &correlation);
    }
    match fixtures::software(&id) {
        Some(body) => json_ok(body),
        None => defender_error(
            StatusCode::NOT_FOUND,
            "ResourceNotFound",
            &format!("Software {id} was not found."),
            &correlation,
        ),
    }
}

/// The vulnerability rows of a KB (`vulnerabilities.rs`), for the KB details.
async fn get_vulnerability_rows(
    State(state): State<AppState>,
    Query(query): Query<HashMap<String, String>>,
    headers: HeaderMap,
) -> Response {
    let correlation = state.next_correlation();
    let Some(token) = accepted_token(&headers) else { return unauthorized(&correlation) };
    if let Some(case) = state.hostile_case(token, hostile::DETAILS_TOKEN_PREFIX) {
        return hostile::respond(case, "details", &headers);
    }
    if let Some(case) = state.machine_case(token, "machine-rows") {
        return hostile::respond(case, "machine-rows", &headers);
    }
    if let Some(failure) = vulnerabilities::token_failure(token, &correlation) {
        return failure;
    }
    if vulnerabilities::DetailsScenario::for_token(token) == Some(vulnerabilities::DetailsScenario::Slow) {
        tokio::time::sleep(state.config.slow_delay).await;
    }
    vulnerabilities::rows(&query, &correlation)
}

/// The devices of a software (`vulnerabilities.rs`), for the names in the KB details.
async fn get_machine_references(State(state): State<AppState>, Path(id): Path<String>, headers: HeaderMap) -> Response {
    let correlation = state.next_correlation();
    let Some(token) = accepted_token(&headers) else { return unauthorized(&correlation) };
    if let Some(references) =
        state.hostile_case(token, hostile::DETAILS_TOKEN_PREFIX).and_then(|case| case.references.clone())
    {
        return json_ok(references);
    }
    vulnerabilities::machine_references(&id).unwrap_or_else(|| {
        defender_error(
            StatusCode::NOT_FOUND,
            "ResourceNotFound",
            &format!("Software {id} was not found."),
            &correlation,
        )
    })
}

/// `GET /api/machines`: the devices, searched by name (`machines.rs`).
async fn get_machines(
    State(state): State<AppState>,
    Query(query): Query<Vec<(String, String)>>,
    headers: HeaderMap,
) -> Response {
    machine_endpoint(&state, &headers, machines::Endpoint::Machines, |correlation| machines::list(&query, correlation))
        .await
}

/// `GET /api/machines/{id}`: one device (`machines.rs`).
async fn get_machine(State(state): State<AppState>, Path(id): Path<String>, headers: HeaderMap) -> Response {
    machine_endpoint(&state, &headers, machines::Endpoint::Machine, |correlation| machines::machine(&id, correlation))
        .await
}

/// `GET /api/machines/{id}/getmissingkbs`: the KBs one device misses (`machines.rs`).
async fn get_machine_kbs(State(state): State<AppState>, Path(id): Path<String>, headers: HeaderMap) -> Response {
    machine_endpoint(&state, &headers, machines::Endpoint::MachineKbs, |correlation| {
        machines::missing_kbs(&id, correlation)
    })
    .await
}

/// What every machine endpoint does before its answer: the token, a hostile case, a scenario.
async fn machine_endpoint(
    state: &AppState,
    headers: &HeaderMap,
    endpoint: machines::Endpoint,
    answer: impl FnOnce(&str) -> Response,
) -> Response {
    let correlation = state.next_correlation();
    let Some(token) = accepted_token(headers) else { return unauthorized(&correlation) };
    if let Some(case) = state.machine_case(token, endpoint.case_name()) {
        return hostile::respond(case, endpoint.case_name(), headers);
    }
    if endpoint == machines::Endpoint::MachineKbs && state.machine_case(token, "machine-rows").is_some() {
        // The case is about the fallback's rows: refuse, as for a delegated token, so the widget asks for them.
        return defender_error(
            StatusCode::FORBIDDEN,
            "Forbidden",
            "Missing application roles. Software.Read.All.",
            &correlation,
        );
    }
    if let Some(failure) = machines::token_failure(token, endpoint, &correlation) {
        return failure;
    }
    if machines::MachineScenario::for_token(token) == Some(machines::MachineScenario::Slow) {
        tokio::time::sleep(state.config.slow_delay).await;
    }
    answer(&correlation)
}

/// The request's bearer token, if Defender would take it: present, and, for a JWT, not
/// expired (`exp`) and for this API (`aud`), which `vulnerabilities::jwt_claims` reads.
/// The bearer token of a request the mock answers; `None` for one Defender would refuse with [`unauthorized`].
fn accepted_token(headers: &HeaderMap) -> Option<&str> {
    bearer_token(headers).filter(|token| *token != EXPIRED_TOKEN)
}

/// Defender's 401 for a missing, expired or wrong token.
fn unauthorized(correlation: &str) -> Response {
    defender_error(StatusCode::UNAUTHORIZED, "Unauthorized", "The access token is missing or expired.", correlation)
}

fn bearer_token(headers: &HeaderMap) -> Option<&str> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let token = value.strip_prefix("Bearer ")?.trim();
    let refused = vulnerabilities::jwt_claims(token).is_some_and(|claims| {
        let audience = claims["aud"].as_str().unwrap_or("https://api.securitycenter.microsoft.com");
        let expired = claims["exp"]
            .as_u64()
            .is_some_and(|exp| exp <= std::time::SystemTime::UNIX_EPOCH.elapsed().map_or(0, |now| now.as_secs()));
        expired || !(audience.contains("securitycenter") || audience.contains("api.security.microsoft"))
    });
    (!token.is_empty() && !refused).then_some(token)
}

fn json_ok(body: String) -> Response {
    ([(header::CONTENT_TYPE, "application/json; odata.metadata=minimal; charset=utf-8")], body).into_response()
}

/// An error in Defender's shape: `{"error": {"code", "message", "target"}}`.
fn defender_error(status: StatusCode, code: &str, message: &str, correlation: &str) -> Response {
    let body = serde_json::json!({ "error": { "code": code, "message": message, "target": correlation } });
    (status, [(header::CONTENT_TYPE, HeaderValue::from_static("application/json; charset=utf-8"))], body.to_string())
        .into_response()
}

fn is_loopback_origin(origin: &str) -> bool {
    let Some(rest) = origin.strip_prefix("http://").or_else(|| origin.strip_prefix("https://")) else {
        return false;
    };
    let host = rest.rsplit_once(':').map_or(
        rest,
        |(host, port)| {
            if port.bytes().all(|b| b.is_ascii_digit()) {
                host
            } else {
                rest
            }
        },
    );
    host == "localhost" || host == "[::1]" || host.starts_with("127.") && host.split('.').count() == 4
}

#[cfg(test)]
mod tests;
