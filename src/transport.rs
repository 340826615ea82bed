//! Fetching a software's missing KBs over HTTP, page by page.

use gloo_net::http::Request;
use missing_kbs_core::{
    classify_response, missing_kbs_request, next_page_url, page_request, parse_missing_kbs_page, parse_retry_after,
    parse_software_info, software_request, AccessToken, ApiBase, ApiError, ApiRequest, ErrorKind, MissingKb,
    PagingError, SoftwareId, SoftwareInfo,
};
use web_sys::{AbortSignal, ReferrerPolicy};

use crate::timing::{now_ms, wait_for_rate_limit, with_timeout};

/// Every KB Defender reports for one software, as sent (the view ranks them), with a note when not all pages could be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MissingKbList {
    pub kbs: Vec<MissingKb>,
    /// Why not every page was read, when one was refused.
    pub incomplete: Option<PagingError>,
}

/// Where and how one load's calls are made.
pub struct Connection {
    pub api_base: ApiBase,
    /// The origin of the page, which a same-origin API base stands for.
    pub page_origin: String,
    /// Aborts every call of the load (a new load, Cancel, unmount).
    pub signal: AbortSignal,
    pub timeout_ms: u32,
}

/// Reads all pages of the getmissingkbs answer.
pub async fn fetch_missing_kbs(
    connection: &Connection,
    id: &SoftwareId,
    token: &AccessToken,
) -> Result<MissingKbList, ApiError> {
    let Connection { api_base: base, page_origin, signal, timeout_ms } = connection;
    let mut request = missing_kbs_request(base, id, token);
    let mut kbs = Vec::new();
    let mut pages_read = 0;
    let incomplete = loop {
        let page = parse_missing_kbs_page(&send(&request, signal, *timeout_ms).await?)?;
        pages_read += 1;
        kbs.extend(page.kbs);
        let Some(next_link) = page.next_link else { break None };
        match next_page_url(base, page_origin, &next_link, pages_read) {
            Ok(url) => request = page_request(url, token),
            Err(refused) => break Some(refused),
        }
    };
    Ok(MissingKbList { kbs, incomplete })
}

/// The software's name and vendor for the title; any failure just means no title.
pub async fn fetch_software_info(
    connection: &Connection,
    id: &SoftwareId,
    token: &AccessToken,
) -> Option<SoftwareInfo> {
    let request = software_request(&connection.api_base, id, token);
    parse_software_info(&send(&request, &connection.signal, connection.timeout_ms).await.ok()?)
}

/// One GET; the body of a 2xx answer, or the classified failure.
///
/// Every call first waits its turn under the page-wide rate limit, and is aborted
/// (as a `Timeout`) if it takes longer than `timeout_ms`, body included.
async fn send(request: &ApiRequest, signal: &AbortSignal, timeout_ms: u32) -> Result<String, ApiError> {
    if wait_for_rate_limit(signal).await {
        return Err(ApiError::new(ErrorKind::Network));
    }
    let (signal, timeout) = with_timeout(signal, timeout_ms);
    let network_error = |_| {
        ApiError::new(if timeout.aborted() {
            ErrorKind::Timeout(u64::from(timeout_ms / 1000))
        } else {
            ErrorKind::Network
        })
    };
    let builder = request
        .headers
        .iter()
        .fold(Request::get(&request.url), |builder, (name, value)| builder.header(name, value))
        // The portal's own URL is none of the API's business.
        .referrer_policy(ReferrerPolicy::NoReferrer)
        .abort_signal(Some(&signal));
    let response = builder.send().await.map_err(network_error)?;
    let body = response.text().await.map_err(network_error)?;
    if response.ok() {
        Ok(body)
    } else {
        let retry_after_secs = response.headers().get("retry-after").and_then(|value| {
            parse_retry_after(&value, (now_ms() / 1000.0) as u64, |date| {
                // The browser's Date.parse reads HTTP dates; NaN (not a date) fails the check.
                let at_ms = js_sys::Date::parse(date);
                (at_ms >= 0.0).then(|| (at_ms / 1000.0) as u64)
            })
        });
        Err(classify_response(response.status(), retry_after_secs, &body))
    }
}
