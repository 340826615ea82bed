use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use http_body_util::BodyExt;
use tower::ServiceExt;

use super::*;

mod machines;

async fn get(app: &Router, path: &str, token: Option<&str>) -> (StatusCode, HeaderMap, String) {
    let mut request = Request::get(path).header(header::ORIGIN, "http://127.0.0.1:8080");
    if let Some(token) = token {
        request = request.header(header::AUTHORIZATION, format!("Bearer {token}"));
    }
    let response = app.clone().oneshot(request.body(Body::empty()).unwrap()).await.unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let body = response.into_body().collect().await.unwrap().to_bytes();
    (status, headers, String::from_utf8(body.to_vec()).unwrap())
}

fn kbs_path(id: &str) -> String {
    format!("/api/Software/{id}/getmissingkbs")
}

fn error_code(body: &str) -> String {
    let body: serde_json::Value = serde_json::from_str(body).unwrap();
    assert!(body["error"]["target"].as_str().is_some_and(|t| !t.is_empty()), "{body}");
    body["error"]["code"].as_str().unwrap().to_owned()
}

#[tokio::test]
async fn serves_a_fixture_to_a_bearer_token() {
    let app = app(MockConfig::default());
    let (status, headers, body) = get(&app, &kbs_path("microsoft-_-edge"), Some(DEVELOPMENT_TOKEN)).await;
    assert_eq!(status, StatusCode::OK);
    assert!(headers[header::CONTENT_TYPE].to_str().unwrap().starts_with("application/json"));
    let body: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(body["value"][0]["id"], "4540673");
    assert_eq!(body["value"][0]["machineMissedOn"], 240);
}

#[tokio::test]
async fn refuses_requests_without_a_usable_token() {
    let app = app(MockConfig::default());
    for token in [None, Some(""), Some(EXPIRED_TOKEN)] {
        let (status, _, body) = get(&app, &kbs_path("microsoft-_-edge"), token).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "{token:?}");
        assert_eq!(error_code(&body), "Unauthorized");
    }
}

#[tokio::test]
async fn unknown_software_is_not_found() {
    let app = app(MockConfig::default());
    let (status, _, body) = get(&app, &kbs_path("contoso-_-nothing"), Some("t")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(error_code(&body), "ResourceNotFound");
}

#[tokio::test]
async fn scenarios_fail_as_the_service_does() {
    let app = app(MockConfig::default());
    for (id, status, code) in [
        ("scenario-_-bad_request", 400, "InvalidRequestBody"),
        ("scenario-_-forbidden", 403, "Forbidden"),
        ("scenario-_-throttled", 429, "TooManyRequests"),
        ("scenario-_-server_error", 500, "InternalServerError"),
        ("scenario-_-unavailable", 503, "ServiceUnavailable"),
    ] {
        let (actual, headers, body) = get(&app, &kbs_path(id), Some("t")).await;
        assert_eq!(actual.as_u16(), status, "{id}");
        assert_eq!(error_code(&body), code);
        if status == 429 {
            assert_eq!(headers[header::RETRY_AFTER], "30");
        }
    }
}

#[tokio::test]
async fn malformed_answers_are_not_json() {
    let app = app(MockConfig::default());
    let (status, _, body) = get(&app, &kbs_path("scenario-_-malformed"), Some("t")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(serde_json::from_str::<serde_json::Value>(&body).is_err());
}

#[tokio::test]
async fn flaky_ids_fail_three_times_and_blips_once_then_answer() {
    let app = app(MockConfig::default());
    let path = kbs_path("scenario-_-flaky_1");
    for _ in 0..3 {
        assert_eq!(get(&app, &path, Some("t")).await.0, StatusCode::SERVICE_UNAVAILABLE);
    }
    assert_eq!(get(&app, &path, Some("t")).await.0, StatusCode::OK);
    assert_eq!(get(&app, &kbs_path("scenario-_-flaky_2"), Some("t")).await.0, StatusCode::SERVICE_UNAVAILABLE);
    let blip = kbs_path("scenario-_-blip_1");
    assert_eq!(get(&app, &blip, Some("t")).await.0, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(get(&app, &blip, Some("t")).await.0, StatusCode::OK);
}

#[tokio::test]
async fn slow_answers_wait_the_configured_delay() {
    let app = app(MockConfig { slow_delay: Duration::from_millis(200), ..MockConfig::default() });
    let started = std::time::Instant::now();
    let (status, _, _) = get(&app, &kbs_path("scenario-_-slow"), Some("t")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(started.elapsed() >= Duration::from_millis(200));
}

#[tokio::test]
async fn paged_answers_link_every_page_on_the_same_host() {
    let app = app(MockConfig::default());
    let mut path = kbs_path("scenario-_-paged");
    let mut ids = Vec::new();
    for _ in 0..10 {
        let (status, _, body) = get(&app, &path, Some("t")).await;
        assert_eq!(status, StatusCode::OK);
        let body: serde_json::Value = serde_json::from_str(&body).unwrap();
        ids.extend(body["value"].as_array().unwrap().iter().map(|kb| kb["id"].clone()));
        match body["@odata.nextLink"].as_str() {
            Some(next) => path = next.strip_prefix("http://127.0.0.1").unwrap().to_owned(),
            None => break,
        }
    }
    let (_, _, whole) = get(&app, &kbs_path("microsoft-_-windows_10"), Some("t")).await;
    let whole: serde_json::Value = serde_json::from_str(&whole).unwrap();
    let expected: Vec<_> = whole["value"].as_array().unwrap().iter().map(|kb| kb["id"].clone()).collect();
    assert_eq!(ids, expected);
}

#[tokio::test]
async fn cors_allows_loopback_origins_and_refuses_others() {
    let app =
        app(MockConfig { allowed_origins: vec!["https://portal.contoso.example".into()], ..MockConfig::default() });
    for (origin, allowed) in [
        ("http://127.0.0.1:8080", true),
        ("http://localhost:3000", true),
        ("https://portal.contoso.example", true),
        ("https://evil.example", false),
        ("http://127.0.0.1.evil.example", false),
    ] {
        let preflight = Request::builder()
            .method(Method::OPTIONS)
            .uri(kbs_path("microsoft-_-edge"))
            .header(header::ORIGIN, origin)
            .header(header::ACCESS_CONTROL_REQUEST_METHOD, "GET")
            .header(header::ACCESS_CONTROL_REQUEST_HEADERS, "authorization,accept")
            .body(Body::empty())
            .unwrap();
        let response = app.clone().oneshot(preflight).await.unwrap();
        let allow_origin = response.headers().get(header::ACCESS_CONTROL_ALLOW_ORIGIN);
        assert_eq!(allow_origin.is_some_and(|o| o == origin), allowed, "{origin}");
        if allowed {
            let allow_headers = response.headers()[header::ACCESS_CONTROL_ALLOW_HEADERS].to_str().unwrap().to_owned();
            assert!(allow_headers.contains("authorization"), "{allow_headers}");
        }
    }
}

#[tokio::test]
async fn serves_the_built_widget() {
    let dist = std::env::temp_dir().join(format!("mock-api-dist-{}", std::process::id()));
    std::fs::create_dir_all(&dist).unwrap();
    std::fs::write(dist.join("index.html"), "<!doctype html><title>widget</title>").unwrap();
    let app = app(MockConfig { dist: Some(dist.clone()), ..MockConfig::default() });
    let (status, headers, body) = get(&app, "/", None).await;
    std::fs::remove_dir_all(&dist).unwrap();
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("<title>widget</title>"));
    assert_eq!(headers[header::CONTENT_SECURITY_POLICY], STRICT_CSP);
}

#[tokio::test]
async fn serves_the_examples_under_the_strict_policy() {
    let examples = std::env::temp_dir().join(format!("mock-api-examples-{}", std::process::id()));
    std::fs::create_dir_all(&examples).unwrap();
    std::fs::write(examples.join("portal.html"), "<!doctype html><title>portal</title>").unwrap();
    let app = app(MockConfig { examples: Some(examples.clone()), ..MockConfig::default() });
    let (status, headers, body) = get(&app, "/examples/portal.html", None).await;
    std::fs::remove_dir_all(&examples).unwrap();
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("<title>portal</title>"));
    let policy = headers[header::CONTENT_SECURITY_POLICY].to_str().unwrap();
    assert!(
        policy.contains("script-src 'self' 'wasm-unsafe-eval';") && policy.contains("style-src 'self';"),
        "{policy}"
    );
    assert!(!policy.contains("unsafe-inline"), "{policy}");
}

#[tokio::test]
async fn serves_the_software_entity_for_known_ids_only() {
    let app = app(MockConfig::default());
    let (status, _, body) = get(&app, "/api/Software/microsoft-_-windows_10", Some("t")).await;
    assert_eq!(status, StatusCode::OK);
    let body: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!((body["name"].as_str(), body["vendor"].as_str()), (Some("windows_10"), Some("microsoft")));
    assert_eq!(body["exposedMachines"], 2211);
    assert_eq!(get(&app, "/api/Software/contoso-_-nothing", Some("t")).await.0, StatusCode::NOT_FOUND);
    assert_eq!(get(&app, "/api/Software/scenario-_-forbidden", Some("t")).await.0, StatusCode::FORBIDDEN);
    assert_eq!(get(&app, "/api/Software/microsoft-_-edge", None).await.0, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn serves_the_hostile_corpus_by_name() {
    let corpus = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/hostile/cases.json");
    let cases = hostile::load(&corpus).unwrap();
    assert!(cases.len() >= 40, "{} cases", cases.len());
    let app = app(MockConfig { hostile: cases, ..MockConfig::default() });
    let (status, headers, body) = get(&app, &kbs_path("scenario-_-hostile_html-error-page-200"), Some("t")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(headers[header::CONTENT_TYPE].to_str().unwrap().starts_with("text/html"));
    assert!(body.contains("<script>"));
    let (status, headers, _) = get(&app, &kbs_path("scenario-_-hostile_retry-after-too-long"), Some("t")).await;
    assert_eq!(
        (status, &headers[header::RETRY_AFTER]),
        (StatusCode::TOO_MANY_REQUESTS, &HeaderValue::from_static("999999"))
    );
    let (_, _, big) = get(&app, &kbs_path("scenario-_-hostile_ten-megabyte-name"), Some("t")).await;
    assert!(big.len() > 10 * 1024 * 1024);
    assert_eq!(get(&app, &kbs_path("scenario-_-hostile_no-such-case"), Some("t")).await.0, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn fault_modes_drip_break_and_storm() {
    let app = app(MockConfig::default());
    let started = std::time::Instant::now();
    let (status, _, body) = get(&app, &kbs_path("scenario-_-drip"), Some("t")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body, fixtures::missing_kbs("microsoft-_-edge").unwrap());
    assert!(started.elapsed() >= Duration::from_secs(2), "{:?}", started.elapsed());

    let response = app
        .clone()
        .oneshot(
            Request::get(kbs_path("scenario-_-reset"))
                .header(header::AUTHORIZATION, "Bearer t")
                .body(Body::empty())
                .unwrap(),
        )
        .await
        .unwrap();
    assert!(response.into_body().collect().await.is_err(), "the body must break");

    for _ in 0..3 {
        let (status, headers, _) = get(&app, &kbs_path("scenario-_-throttle_storm"), Some("t")).await;
        assert_eq!(
            (status, &headers[header::RETRY_AFTER]),
            (StatusCode::TOO_MANY_REQUESTS, &HeaderValue::from_static("1"))
        );
    }

    let hang = app
        .clone()
        .oneshot(
            Request::get(kbs_path("scenario-_-hang"))
                .header(header::AUTHORIZATION, "Bearer t")
                .body(Body::empty())
                .unwrap(),
        )
        .await
        .unwrap();
    assert_eq!(hang.status(), StatusCode::OK);
    let never = tokio::time::timeout(Duration::from_millis(500), hang.into_body().collect()).await;
    assert!(never.is_err(), "the body must never end");
}

#[tokio::test]
async fn the_inventory_pages_with_top_and_skip_and_the_core_reads_it() {
    let app = app(MockConfig::default());
    let mut ids = Vec::new();
    for skip in [0, 100, 200] {
        let (status, _, body) =
            get(&app, &format!("/api/Software?$top=100&$skip={skip}"), Some(DEVELOPMENT_TOKEN)).await;
        assert_eq!(status, StatusCode::OK);
        let page = missing_kbs_core::parse_inventory_page(&body).unwrap();
        ids.extend(page.entries.into_iter().map(|entry| entry.id));
    }
    assert!(ids.len() > 100 && ids.len() < 300, "{}", ids.len());
    assert_eq!(ids.iter().collect::<std::collections::HashSet<_>>().len(), ids.len());
    assert!(ids.iter().any(|id| id == "microsoft-_-windows_10"));
}

#[tokio::test]
async fn the_inventory_filters_with_eq_and_ne_only() {
    let app = app(MockConfig::default());
    let filtered = "/api/Software?$filter=vendor%20eq%20%27mozilla%27%20and%20name%20ne%20%27thunderbird%27";
    let (status, _, body) = get(&app, filtered, Some("t")).await;
    assert_eq!(status, StatusCode::OK);
    let page = missing_kbs_core::parse_inventory_page(&body).unwrap();
    assert!(!page.entries.is_empty());
    assert!(page
        .entries
        .iter()
        .all(|entry| entry.vendor.as_deref() == Some("mozilla") && entry.name.as_deref() != Some("thunderbird")));
    for unsupported in ["contains(name,%27win%27)", "startswith(name,%27win%27)", "name%20gt%20%27a%27"] {
        let (status, _, body) = get(&app, &format!("/api/Software?$filter={unsupported}"), Some("t")).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{unsupported}");
        assert_eq!(error_code(&body), "BadRequest");
    }
    let (status, _, _) = get(&app, "/api/Software?$top=10001", Some("t")).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn inventory_scenarios_fail_as_the_service_does() {
    let app = app(MockConfig { slow_delay: std::time::Duration::from_millis(10), ..MockConfig::default() });
    let cases = [
        ("inventory-forbidden", StatusCode::FORBIDDEN),
        ("inventory-throttled", StatusCode::TOO_MANY_REQUESTS),
        ("inventory-server-error", StatusCode::INTERNAL_SERVER_ERROR),
        ("inventory-slow", StatusCode::OK),
        ("inventory-malformed", StatusCode::OK),
    ];
    for (token, expected) in cases {
        let (status, headers, body) = get(&app, "/api/Software", Some(token)).await;
        assert_eq!(status, expected, "{token}");
        if token == "inventory-throttled" {
            assert_eq!(headers[header::RETRY_AFTER], "30");
        }
        if token == "inventory-malformed" {
            assert!(missing_kbs_core::parse_inventory_page(&body).is_err());
        }
    }
    // The scenario tokens only change the inventory: the list still answers.
    let (status, _, _) = get(&app, &kbs_path("microsoft-_-edge"), Some("inventory-forbidden")).await;
    assert_eq!(status, StatusCode::OK);
}

/// The KB details' rows agree with the card of KB5049981 (2,211 devices, 97 CVEs): the widget's
/// three row queries read each device and each CVE once, and the device list names them all.
#[tokio::test]
async fn vulnerability_rows_agree_with_the_missing_kb_fixtures() {
    use missing_kbs_core::{parse_machine_references, parse_vulnerability_rows};
    let app = app(MockConfig::default());
    let rows = |filter: &str, top: usize| {
        let path =
            format!("/api/vulnerabilities/machinesVulnerabilities?$filter={}&$top={top}", filter.replace(' ', "%20"));
        let app = app.clone();
        async move {
            let (status, _, body) = get(&app, &path, Some(DEVELOPMENT_TOKEN)).await;
            assert_eq!(status, StatusCode::OK, "{body}");
            parse_vulnerability_rows(&body).unwrap()
        }
    };
    let probe = rows("fixingKbId eq '5049981'", 1).await;
    assert_eq!(probe.len(), 1);
    let machine = probe[0].machine.clone().unwrap();
    let cve = probe[0].cve.clone().unwrap();
    let on_device = rows(&format!("fixingKbId eq '5049981' and machineId eq '{}'", machine.as_str()), 10_000).await;
    assert_eq!(on_device.len(), 97);
    let for_cve = rows(&format!("fixingKbId eq '5049981' and cveId eq '{}'", cve.as_str()), 10_000).await;
    assert_eq!(for_cve.len(), 2_211);
    let (_, _, body) =
        get(&app, "/api/Software/microsoft-_-windows_10/machineReferences", Some(DEVELOPMENT_TOKEN)).await;
    let devices = parse_machine_references(&body).unwrap();
    assert!(for_cve.iter().all(|row| devices.iter().any(|device| device.id == row.machine)));
}

#[tokio::test]
async fn vulnerability_rows_refuse_other_filters_and_tokens_without_vulnerability_read() {
    let app = app(MockConfig::default());
    let path = "/api/vulnerabilities/machinesVulnerabilities?$filter=fixingKbId%20eq%20'1'%20or%20cveId%20eq%20'x'";
    let (status, _, body) = get(&app, path, Some(DEVELOPMENT_TOKEN)).await;
    assert_eq!((status, error_code(&body).as_str()), (StatusCode::BAD_REQUEST, "BadRequest"));
    let ok = "/api/vulnerabilities/machinesVulnerabilities?$filter=fixingKbId%20eq%20'5049981'&$top=1";
    let (status, _, _) = get(&app, ok, Some("vulnerability-forbidden")).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    // A JWT whose scp lacks Vulnerability.Read: {"scp":"Software.Read"}.
    let (status, _, _) = get(&app, ok, Some("e30.eyJzY3AiOiJTb2Z0d2FyZS5SZWFkIn0.sig")).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    // {"scp":"Software.Read Vulnerability.Read"}
    let (status, _, _) = get(&app, ok, Some("e30.eyJzY3AiOiJTb2Z0d2FyZS5SZWFkIFZ1bG5lcmFiaWxpdHkuUmVhZCJ9.sig")).await;
    assert_eq!(status, StatusCode::OK);
}
