//! Fetching a software's missing KBs over HTTP, page by page.

use js_sys::{Reflect, Uint8Array};
use missing_kbs_core::{
    classify_response, decode_utf8, inventory_request, kb_details, machine_references_request, missing_kbs_request,
    next_inventory_request, next_page_url, page_request, parse_inventory_page, parse_machine_references,
    parse_missing_kbs_page, parse_retry_after, parse_software_info, parse_vulnerability_rows, software_request,
    vulnerability_rows_request, AccessToken, ApiBase, ApiError, ApiRequest, ErrorKind, Inventory, InventoryCut,
    KbDetails, MissingKbList, RowQuery, SearchIndex, SoftwareId, SoftwareInfo, VulnerabilityRow, MAX_ANSWER_BYTES,
    MAX_INVENTORY, MAX_KBS_SHOWN,
};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    AbortSignal, Headers, ReadableStreamDefaultReader, ReferrerPolicy, RequestCache, RequestInit, RequestRedirect,
    Response, ResponseType,
};

use crate::clock::{now_ms, sleep, with_timeout};
use crate::endpoints::DetailsKey;
use crate::rate_limit::{wait_for_rate_limit, RateLimitWait};

/// Where and how one load's calls are made.
pub struct Connection {
    /// Absolute: a same-origin base was resolved against the page's origin when it was read.
    pub api_base: ApiBase,
    /// Aborts every call of the load (a new load, Cancel, unmount).
    pub signal: AbortSignal,
    pub timeout_ms: u32,
    /// Told the seconds left, once a second, while a call waits for the page-wide rate limit.
    pub on_rate_limit_wait: Box<dyn Fn(u64)>,
    /// Told how many items a load has read so far, after each page.
    pub on_progress: Box<dyn Fn(usize)>,
}

/// Reads the whole software inventory, page by page, within `MAX_INVENTORY` and the byte bound.
/// Reading a page, indexing it for search and ordering the whole are each a task of their own,
/// so none keeps the page from answering input for long (bench/results.md).
pub async fn fetch_inventory(connection: &Connection, token: &AccessToken) -> Result<Inventory, ApiError> {
    let base = &connection.api_base;
    let mut request = inventory_request(base, 0, token);
    let mut bytes_left = MAX_ANSWER_BYTES;
    let (mut entries, mut index, mut sent, mut pages_read) = (Vec::new(), SearchIndex::default(), 0, 0);
    let cut = loop {
        let mut page = parse_inventory_page(&send(&request, connection, &mut bytes_left, true).await?)?;
        pages_read += 1;
        sent += page.sent;
        let before = entries.len();
        entries.append(&mut page.entries);
        entries.truncate(MAX_INVENTORY);
        (connection.on_progress)(entries.len());
        sleep(0.0, &connection.signal).await;
        index.extend(&entries[before..]);
        if entries.len() >= MAX_INVENTORY || page.sent > MAX_INVENTORY {
            break Some(InventoryCut::TooMany);
        }
        match next_inventory_request(base, &page, sent, pages_read, token) {
            Ok(Some(next)) => request = next,
            Ok(None) => break None,
            Err(refused) => break Some(InventoryCut::Paging(refused)),
        }
    };
    sleep(0.0, &connection.signal).await;
    let inventory = Inventory::indexed(entries, cut, index);
    sleep(0.0, &connection.signal).await;
    Ok(inventory)
}

/// Reads all pages of the getmissingkbs answer, within the bounds of `answer_limits`.
pub async fn fetch_missing_kbs(
    connection: &Connection,
    id: &SoftwareId,
    token: &AccessToken,
) -> Result<MissingKbList, ApiError> {
    let base = &connection.api_base;
    let mut request = missing_kbs_request(base, id, token);
    let mut bytes_left = MAX_ANSWER_BYTES;
    let mut kbs = Vec::new();
    let mut pages_read = 0;
    let incomplete = loop {
        let page = parse_missing_kbs_page(&send(&request, connection, &mut bytes_left, true).await?)?;
        pages_read += 1;
        kbs.extend(page.kbs);
        if kbs.len() > MAX_KBS_SHOWN {
            return Err(ApiError::new(ErrorKind::TooLarge));
        }
        let Some(next_link) = page.next_link else { break None };
        match next_page_url(base, &next_link, pages_read) {
            Ok(url) => request = page_request(url, token),
            Err(refused) => break Some(refused),
        }
    };
    Ok(MissingKbList { kbs, incomplete })
}

/// The most one KB's rows may take, the three row answers together: the mock's KB of 2,211
/// devices and 97 CVEs takes about 0.7 MB of them, and a hostile or runaway answer stops here.
const MAX_DETAILS_BYTES: usize = 4 * 1024 * 1024;
/// The most the software's device list (for names only) may take: about 180 bytes a
/// device, so some 90,000 devices. Past it, or on any failure, devices show by id.
const MAX_DEVICE_NAMES_BYTES: usize = 16 * 1024 * 1024;

/// A KB's CVEs and devices, in four requests (core/src/kb_details.rs says why these): a
/// few rows of the KB, its rows on one row's device and for that row's CVE, then the
/// software's devices for their names (without them, devices show by id, and the panel
/// says why).
pub async fn fetch_kb_details(
    connection: &Connection,
    key: &DetailsKey,
    token: &AccessToken,
) -> Result<KbDetails, ApiError> {
    let base = &connection.api_base;
    let mut bytes_left = MAX_DETAILS_BYTES;
    let probe = vulnerability_rows(connection, RowQuery::Probe(key.kb.clone()), token, &mut bytes_left).await?;
    let Some((machine, cve)) =
        probe.into_iter().find_map(|row| (row.fixing_kb.as_ref() == Some(&key.kb)).then_some((row.machine?, row.cve?)))
    else {
        // No row this widget can use: empty lists, marked partial against the card's counts.
        return Ok(kb_details(&key.kb, &[], &[], &[], key.card));
    };
    let cve_rows =
        vulnerability_rows(connection, RowQuery::OnDevice(key.kb.clone(), machine), token, &mut bytes_left).await?;
    let device_rows =
        vulnerability_rows(connection, RowQuery::ForCve(key.kb.clone(), cve), token, &mut bytes_left).await?;
    let request = machine_references_request(base, &key.software, token);
    let mut names_left = MAX_DEVICE_NAMES_BYTES;
    let references = send(&request, connection, &mut names_left, true)
        .await
        .ok()
        .and_then(|body| parse_machine_references(&body).ok());
    let mut details = kb_details(&key.kb, &cve_rows, &device_rows, references.as_deref().unwrap_or_default(), key.card);
    details.names_unknown = references.is_none();
    Ok(details)
}

async fn vulnerability_rows(
    connection: &Connection,
    query: RowQuery,
    token: &AccessToken,
    bytes_left: &mut usize,
) -> Result<Vec<VulnerabilityRow>, ApiError> {
    let request = vulnerability_rows_request(&connection.api_base, &query, token);
    parse_vulnerability_rows(&send(&request, connection, bytes_left, true).await?)
}

/// The software's name and vendor for the title; any failure just means no title.
/// A nicety: it never waits for the page-wide rate limit, so no wait goes unseen.
pub async fn fetch_software_info(
    connection: &Connection,
    id: &SoftwareId,
    token: &AccessToken,
) -> Option<SoftwareInfo> {
    let request = software_request(&connection.api_base, id, token);
    let mut bytes_left = MAX_ANSWER_BYTES;
    parse_software_info(&send(&request, connection, &mut bytes_left, false).await.ok()?)
}

/// One GET; the body of a 2xx answer, or the classified failure.
///
/// Every call first waits its turn under the page-wide rate limit (or, when it
/// may not wait, fails at once), and is aborted (as a `Timeout`) if it takes
/// longer than the connection's timeout, body included. The body is read as it
/// arrives and counted against `bytes_left`. A redirect is never followed:
/// the API does not redirect, so one means something else is answering.
async fn send(
    request: &ApiRequest,
    connection: &Connection,
    bytes_left: &mut usize,
    may_wait: bool,
) -> Result<String, ApiError> {
    let Connection { signal, timeout_ms, on_rate_limit_wait, .. } = connection;
    match wait_for_rate_limit(signal, may_wait.then_some(on_rate_limit_wait.as_ref())).await {
        RateLimitWait::Acquired => {}
        RateLimitWait::Aborted => return Err(ApiError::new(ErrorKind::Network)),
        RateLimitWait::WouldWait(seconds) => return Err(ApiError::new(ErrorKind::RateLimited(seconds))),
    }
    let (signal, timeout) = with_timeout(signal, *timeout_ms);
    let network_error = || {
        ApiError::new(if timeout.aborted() {
            ErrorKind::Timeout(u64::from(timeout_ms / 1000))
        } else {
            ErrorKind::Network
        })
    };
    let response = fetch(request, &signal).await.map_err(|_| network_error())?;
    if response.type_() == ResponseType::Opaqueredirect {
        return Err(ApiError::new(ErrorKind::Redirected));
    }
    let body = read_body(&response, bytes_left).await.map_err(|error| error.unwrap_or_else(network_error))?;
    if response.ok() {
        Ok(body)
    } else {
        let retry_after_secs = response.headers().get("retry-after").ok().flatten().and_then(|value| {
            parse_retry_after(&value, (now_ms() / 1000.0) as u64, |date| {
                // The browser's Date.parse reads HTTP dates; NaN (not a date) fails the check.
                let at_ms = js_sys::Date::parse(date);
                (at_ms >= 0.0).then(|| (at_ms / 1000.0) as u64)
            })
        });
        Err(classify_response(response.status(), retry_after_secs, &body))
    }
}

/// The browser's `fetch` of a GET, answered once the headers are in.
async fn fetch(request: &ApiRequest, signal: &AbortSignal) -> Result<Response, JsValue> {
    let headers = Headers::new()?;
    for (name, value) in &request.headers {
        headers.append(name, value)?;
    }
    let init = RequestInit::new();
    init.set_headers(&headers);
    // The portal's own URL is none of the API's business.
    init.set_referrer_policy(ReferrerPolicy::NoReferrer);
    init.set_redirect(RequestRedirect::Manual);
    // Answers are kept per account by the session cache alone: the browser's HTTP cache is keyed
    // by URL, not by token, so an answer cached there for one account would reach the next one,
    // and Refresh would not reach Defender at all.
    init.set_cache(RequestCache::NoStore);
    init.set_signal(Some(signal));
    let promise = leptos::prelude::window().fetch_with_str_and_init(&request.url, &init);
    Ok(JsFuture::from(promise).await?.unchecked_into())
}

/// The body as text, read chunk by chunk and never past `bytes_left` (which it
/// lowers). `Err(None)` when the stream failed (the caller tells a timeout from
/// a network failure), `Err(Some(TooLarge))` when the bound was reached.
/// Each chunk is copied straight into the wasm's memory and the whole decoded as
/// `Response.text()` does (UTF-8, a leading byte order mark dropped, each invalid
/// sequence a U+FFFD): a JavaScript string would be copied in again, one character
/// at a time by the glue, which a first visit runs before the engine has compiled it.
async fn read_body(response: &Response, bytes_left: &mut usize) -> Result<String, Option<ApiError>> {
    let Some(stream) = response.body() else { return Ok(String::new()) };
    let reader: ReadableStreamDefaultReader = stream.get_reader().unchecked_into();
    let mut body = Vec::new();
    loop {
        let chunk = JsFuture::from(reader.read()).await.map_err(|_| None)?;
        if Reflect::get(&chunk, &"done".into()).map_err(|_| None)?.is_truthy() {
            break;
        }
        let chunk: Uint8Array = Reflect::get(&chunk, &"value".into()).map_err(|_| None)?.unchecked_into();
        let length = chunk.length() as usize;
        if length > *bytes_left {
            // Stops the download; what was read is dropped with `body`.
            let _ = reader.cancel();
            return Err(Some(ApiError::new(ErrorKind::TooLarge)));
        }
        *bytes_left -= length;
        let start = body.len();
        body.resize(start + length, 0);
        chunk.copy_to(&mut body[start..]);
    }
    Ok(decode_utf8(body))
}
