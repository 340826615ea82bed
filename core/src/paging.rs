//! Following `@odata.nextLink` without letting a response send the token elsewhere.

use crate::api_base::ApiBase;

/// The most pages one list is read from. Defender answers getmissingkbs in
/// one page today; the bound stops a service (or an attacker) that links pages
/// in a loop.
pub const MAX_PAGES: usize = 50;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PagingError {
    /// The link leaves the API: another origin, or, on the API's origin, a path outside the
    /// API base's (a same-origin proxy at `/defender` shares its origin with the rest of the portal).
    OutsideApi,
    TooManyPages,
}

/// The URL of the next page to fetch, or why it must not be fetched.
///
/// `pages_read` counts the pages already read. A link under the API base (its origin and
/// its path) is returned absolute: a relative one is joined to that origin here, never left
/// for the browser to resolve against the page's `<base href>`. A link with a dot segment
/// (`..`, `.`, or their percent-encoded forms, which the URL parser also removes) is refused,
/// since the browser would take it out of the path it seems to be under.
///
/// ```
/// use missing_kbs_core::{next_page_url, ApiBase, PagingError};
///
/// let base = ApiBase::parse("https://api.security.microsoft.com", "https://portal.example").unwrap();
/// let next = "https://api.security.microsoft.com/api/Software/x/getmissingkbs?$skiptoken=2";
/// assert_eq!(next_page_url(&base, next, 1), Ok(next.to_owned()));
/// assert_eq!(next_page_url(&base, "https://evil.example/x", 1), Err(PagingError::OutsideApi));
///
/// let proxy = ApiBase::parse("/defender", "https://portal.example").unwrap();
/// assert_eq!(next_page_url(&proxy, "/defender/api/next", 1).as_deref(), Ok("https://portal.example/defender/api/next"));
/// assert_eq!(next_page_url(&proxy, "/other-app/collect?x=1", 1), Err(PagingError::OutsideApi));
/// ```
pub fn next_page_url(base: &ApiBase, next_link: &str, pages_read: usize) -> Result<String, PagingError> {
    if pages_read >= MAX_PAGES {
        return Err(PagingError::TooManyPages);
    }
    if next_link.chars().any(|c| c.is_control() || c.is_whitespace() || c == '\\') {
        return Err(PagingError::OutsideApi);
    }
    let absolute = if next_link.starts_with('/') && !next_link.starts_with("//") {
        format!("{}{next_link}", base.origin())
    } else {
        next_link.to_owned()
    };
    // The origin's case does not matter; the path's does. Root ends in `/`, so a match ends
    // on a character boundary.
    let (root, origin) = (base.join("/"), base.origin().len());
    let (link, wanted) = (absolute.as_bytes(), root.as_bytes());
    let under_base = link.len() > wanted.len()
        && link[..origin].eq_ignore_ascii_case(&wanted[..origin])
        && link[origin..wanted.len()] == wanted[origin..];
    if under_base && !has_dot_segment(&absolute[root.len()..]) {
        Ok(absolute)
    } else {
        Err(PagingError::OutsideApi)
    }
}

/// Whether the path of `rest` (a URL after the API base's `/`) has a `.` or `..` segment,
/// spelled as the URL standard reads them (`%2e` is a dot there).
fn has_dot_segment(rest: &str) -> bool {
    let path = rest.split(['?', '#']).next().unwrap_or_default();
    path.split('/').any(is_dot_segment)
}

fn is_dot_segment(segment: &str) -> bool {
    let (mut rest, mut dots) = (segment.as_bytes(), 0);
    while let [b'.', tail @ ..] | [b'%', b'2', b'e' | b'E', tail @ ..] = rest {
        rest = tail;
        dots += 1;
    }
    rest.is_empty() && (1..=2).contains(&dots)
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
        assert_eq!(next_page_url(&base, "https://other.example/proxy/next", 1), Err(PagingError::OutsideApi));
    }

    #[test]
    fn a_same_origin_base_refuses_links_outside_its_path() {
        let base = ApiBase::parse("/defender", "https://portal.example").unwrap();
        for link in [
            "/other-app/collect?x=1",
            "https://portal.example/other-app/collect",
            "/defender-other/api",
            "/defender",
            "/defender/../other-app/collect",
            "/defender/%2e%2E/other-app",
            "https://PORTAL.example/defender/./../x",
        ] {
            assert_eq!(next_page_url(&base, link, 1), Err(PagingError::OutsideApi), "{link}");
        }
        assert_eq!(
            next_page_url(&base, "HTTPS://Portal.Example/defender/api/next?$skip=2&q=a..b", 1).as_deref(),
            Ok("HTTPS://Portal.Example/defender/api/next?$skip=2&q=a..b")
        );
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
            "https://api.security.microsoft.com/api/../x",
            "/api/%2E%2e/x",
            "/api/./x",
        ] {
            assert_eq!(next_page_url(&defender(), link, 1), Err(PagingError::OutsideApi), "{link}");
        }
    }

    #[test]
    fn stops_after_the_page_limit() {
        let next = "https://api.security.microsoft.com/api/next";
        assert!(next_page_url(&defender(), next, MAX_PAGES - 1).is_ok());
        assert_eq!(next_page_url(&defender(), next, MAX_PAGES), Err(PagingError::TooManyPages));
    }
}
