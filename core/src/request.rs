//! The one request the widget makes: the software's missing KBs.

use crate::access_token::AccessToken;
use crate::api_base::ApiBase;
use crate::software_id::SoftwareId;

/// A GET request, ready for any HTTP client.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ApiRequest {
    pub url: String,
    /// Header name and value pairs; the token appears only in `Authorization`.
    pub headers: Vec<(&'static str, String)>,
}

/// `GET {apiBase}/api/Software/{id}/getmissingkbs`, with the bearer token and `Accept: application/json`.
pub fn missing_kbs_request(base: &ApiBase, id: &SoftwareId, token: &AccessToken) -> ApiRequest {
    let url = base.join(&format!("/api/Software/{}/getmissingkbs", id.path_segment()));
    page_request(url, token)
}

/// A request for a further page whose URL the paging rules already checked.
pub fn page_request(url: String, token: &AccessToken) -> ApiRequest {
    ApiRequest {
        url,
        headers: vec![("Authorization", token.bearer_header()), ("Accept", "application/json".to_owned())],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builds_the_documented_request() {
        let request = missing_kbs_request(
            &ApiBase::parse("https://api.securitycenter.microsoft.com", "https://portal.example").unwrap(),
            &SoftwareId::parse("microsoft-_-edge").unwrap(),
            &AccessToken::new("t0ken").unwrap(),
        );
        assert_eq!(request.url, "https://api.securitycenter.microsoft.com/api/Software/microsoft-_-edge/getmissingkbs");
        assert_eq!(
            request.headers,
            vec![("Authorization", "Bearer t0ken".to_owned()), ("Accept", "application/json".to_owned())]
        );
    }

    #[test]
    fn the_id_stays_inside_its_path_segment() {
        let request = missing_kbs_request(
            &ApiBase::parse("/proxy", "https://portal.example").unwrap(),
            &SoftwareId::parse("a:b;c=d&e").unwrap(),
            &AccessToken::new("t").unwrap(),
        );
        assert_eq!(request.url, "https://portal.example/proxy/api/Software/a%3Ab%3Bc%3Dd%26e/getmissingkbs");
    }

    #[test]
    fn the_token_is_never_in_the_url() {
        let request = missing_kbs_request(
            &ApiBase::parse("http://127.0.0.1:8787", "https://portal.example").unwrap(),
            &SoftwareId::parse("microsoft-_-edge").unwrap(),
            &AccessToken::new("secret-token").unwrap(),
        );
        assert!(!request.url.contains("secret-token"));
    }
}
