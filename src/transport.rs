//! Fetching a software's missing KBs over HTTP, page by page.

use gloo_net::http::Request;
use missing_kbs_core::{
    classify_response, missing_kbs_request, next_page_url, page_request, parse_missing_kbs_page, parse_software_info,
    rank_by_machines_missing, software_request, AccessToken, ApiBase, ApiError, ApiRequest, ErrorKind, MissingKb,
    PagingError, SoftwareId, SoftwareInfo,
};
use web_sys::{AbortSignal, ReferrerPolicy};

/// Every KB Defender reports for one software, ranked, with a note when not all pages could be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MissingKbList {
    pub kbs: Vec<MissingKb>,
    /// Why not every page was read, when one was refused.
    pub incomplete: Option<PagingError>,
}

/// Reads all pages of the getmissingkbs answer. `signal` aborts the request in flight.
pub async fn fetch_missing_kbs(
    base: &ApiBase,
    id: &SoftwareId,
    token: &AccessToken,
    page_origin: &str,
    signal: &AbortSignal,
) -> Result<MissingKbList, ApiError> {
    let mut request = missing_kbs_request(base, id, token);
    let mut kbs = Vec::new();
    let mut pages_read = 0;
    let incomplete = loop {
        let page = parse_missing_kbs_page(&send(&request, signal).await?)?;
        pages_read += 1;
        kbs.extend(page.kbs);
        let Some(next_link) = page.next_link else { break None };
        match next_page_url(base, page_origin, &next_link, pages_read) {
            Ok(url) => request = page_request(url, token),
            Err(refused) => break Some(refused),
        }
    };
    rank_by_machines_missing(&mut kbs);
    Ok(MissingKbList { kbs, incomplete })
}

/// The software's name and vendor for the title; any failure just means no title.
pub async fn fetch_software_info(
    base: &ApiBase,
    id: &SoftwareId,
    token: &AccessToken,
    signal: &AbortSignal,
) -> Option<SoftwareInfo> {
    parse_software_info(&send(&software_request(base, id, token), signal).await.ok()?)
}

/// One GET; the body of a 2xx answer, or the classified failure.
async fn send(request: &ApiRequest, signal: &AbortSignal) -> Result<String, ApiError> {
    let network_error = |_| ApiError::new(ErrorKind::Network);
    let builder = request
        .headers
        .iter()
        .fold(Request::get(&request.url), |builder, (name, value)| builder.header(name, value))
        // The portal's own URL is none of the API's business.
        .referrer_policy(ReferrerPolicy::NoReferrer)
        .abort_signal(Some(signal));
    let response = builder.send().await.map_err(network_error)?;
    let body = response.text().await.map_err(network_error)?;
    if response.ok() {
        Ok(body)
    } else {
        let retry_after = response.headers().get("retry-after");
        Err(classify_response(response.status(), retry_after.as_deref(), &body))
    }
}
