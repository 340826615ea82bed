//! What every request to the API is: a GET with the bearer token, asking for JSON. Each
//! endpoint's builder is beside its answer's reader (`missing_kb`, `software_info`,
//! `software_inventory`, `kb_details`).

use crate::access_token::AccessToken;

/// A GET request, ready for any HTTP client.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ApiRequest {
    pub url: String,
    /// Header name and value pairs; the token appears only in `Authorization`.
    pub headers: Vec<(&'static str, String)>,
}

/// A GET of `url` with `token`: a first page's URL its endpoint built, or a further page's that
/// the paging rules already checked.
pub fn page_request(url: String, token: &AccessToken) -> ApiRequest {
    ApiRequest {
        url,
        headers: vec![("Authorization", token.bearer_header()), ("Accept", "application/json".to_owned())],
    }
}
