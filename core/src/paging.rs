//! Following `@odata.nextLink` without letting a response send the token elsewhere.

use crate::api_base::ApiBase;

/// The most pages one list is read from. Defender answers getmissingkbs in
/// one page today; the bound stops a service (or an attacker) that links pages
/// in a loop.
pub const MAX_PAGES: usize = 50;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PagingError {
    OtherHost,
    TooManyPages,
}

/// The URL of the next page to fetch, or why it must not be fetched.
///
/// `pages_read` counts the pages already read. A link on the API's origin is
/// returned absolute: a relative one is joined to that origin here, never left
/// for the browser to resolve against the page's `<base href>`.
///
/// ```
/// use missing_kbs_core::{next_page_url, ApiBase, PagingError};
///
/// let base = ApiBase::parse("https://api.security.microsoft.com", "https://portal.example").unwrap();
/// let next = "https://api.security.microsoft.com/api/Software/x/getmissingkbs?$skiptoken=2";
/// assert_eq!(next_page_url(&base, next, 1), Ok(next.to_owned()));
/// assert_eq!(next_page_url(&base, "https://evil.example/x", 1), Err(PagingError::OtherHost));
/// ```
pub fn next_page_url(base: &ApiBase, next_link: &str, pages_read: usize) -> Result<String, PagingError> {
    if pages_read >= MAX_PAGES {
        return Err(PagingError::TooManyPages);
    }
    if next_link.chars().any(|c| c.is_control() || c.is_whitespace() || c == '\\') {
        return Err(PagingError::OtherHost);
    }
    let origin = base.origin();
    if next_link.starts_with('/') && !next_link.starts_with("//") {
        return Ok(format!("{origin}{next_link}"));
    }
    let same_origin = next_link.len() > origin.len()
        && next_link.is_char_boundary(origin.len())
        && next_link[..origin.len()].eq_ignore_ascii_case(origin)
        && next_link[origin.len()..].starts_with('/');
    if same_origin {
        Ok(next_link.to_owned())
    } else {
        Err(PagingError::OtherHost)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn defender() -> ApiBase {
        ApiBase::parse("https://api.security.microsoft.com", "https://portal").unwrap()
    }

    #[test]
    fn follows_links_on_the_api_host() {
        let next = "https://api.security.microsoft.com/api/Software/a/getmissingkbs?$skip=100";
        assert_eq!(next_page_url(&defender(), next, 1).as_deref(), Ok(next));
        assert_eq!(
            next_page_url(&defender(), "/api/next?p=2", 1).as_deref(),
            Ok("https://api.security.microsoft.com/api/next?p=2")
        );
    }

    #[test]
    fn a_same_origin_base_follows_links_on_the_page_origin_as_absolute_urls() {
        let base = ApiBase::parse("/proxy", "https://portal.example").unwrap();
        assert_eq!(next_page_url(&base, "/proxy/next", 1).as_deref(), Ok("https://portal.example/proxy/next"));
        assert_eq!(
            next_page_url(&base, "https://portal.example/proxy/next", 1).as_deref(),
            Ok("https://portal.example/proxy/next")
        );
        assert_eq!(next_page_url(&base, "https://other.example/proxy/next", 1), Err(PagingError::OtherHost));
    }

    #[test]
    fn refuses_links_that_leave_the_host() {
        for link in [
            "https://evil.example/api",
            "https://api.security.microsoft.com.evil.example/api",
            "https://api.security.microsoft.com@evil.example/api",
            "http://api.security.microsoft.com/api",
            "//evil.example/api",
            "javascript:alert(1)",
            "https://api.security.microsoft.com",
            "/api\\..\\x",
        ] {
            assert_eq!(next_page_url(&defender(), link, 1), Err(PagingError::OtherHost), "{link}");
        }
    }

    #[test]
    fn stops_after_the_page_limit() {
        let next = "https://api.security.microsoft.com/api/next";
        assert!(next_page_url(&defender(), next, MAX_PAGES - 1).is_ok());
        assert_eq!(next_page_url(&defender(), next, MAX_PAGES), Err(PagingError::TooManyPages));
    }
}
