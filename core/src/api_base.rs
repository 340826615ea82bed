//! Where the widget may send a bearer token: the only hosts it will call.

use std::fmt;

/// Every Defender for Endpoint API host the widget will send a token to over https.
///
/// Sources, as of 2026-11:
/// - <https://learn.microsoft.com/defender-endpoint/api/exposed-apis-list>
///   ("Endpoint URI": `api.security.microsoft.com` and the regional servers
///   `us`, `eu`, `uk`, `au`, `swa`, `ina`, `aea`);
/// - <https://learn.microsoft.com/defender-endpoint/api/api-hello-world> and the
///   older API pages, which use `api.securitycenter.microsoft.com`,
///   `api-{us,eu,uk,au}.securitycenter.microsoft.com`,
///   `api-{us,eu,uk}.security.microsoft.com` and `api.securitycenter.windows.com`;
/// - <https://learn.microsoft.com/defender-endpoint/gov> ("API"): GCC
///   `api-gcc.securitycenter.microsoft.us` / `api-gcc.security.microsoft.us`,
///   GCC High and DoD `api-gov.securitycenter.microsoft.us` / `api-gov.security.microsoft.us`.
pub const DEFENDER_API_HOSTS: &[&str] = &[
    "api.security.microsoft.com",
    "us.api.security.microsoft.com",
    "eu.api.security.microsoft.com",
    "uk.api.security.microsoft.com",
    "au.api.security.microsoft.com",
    "swa.api.security.microsoft.com",
    "ina.api.security.microsoft.com",
    "aea.api.security.microsoft.com",
    "api.securitycenter.microsoft.com",
    "api-us.securitycenter.microsoft.com",
    "api-eu.securitycenter.microsoft.com",
    "api-uk.securitycenter.microsoft.com",
    "api-au.securitycenter.microsoft.com",
    "api-us.security.microsoft.com",
    "api-eu.security.microsoft.com",
    "api-uk.security.microsoft.com",
    "api.securitycenter.windows.com",
    "api-gcc.securitycenter.microsoft.us",
    "api-gcc.security.microsoft.us",
    "api-gov.securitycenter.microsoft.us",
    "api-gov.security.microsoft.us",
];

/// The base of every API URL, for example `https://api.security.microsoft.com`.
///
/// Only three kinds are accepted, so a misconfigured page can never hand the
/// token to a stranger: a documented Defender host over https, a path on the
/// page's own origin (a portal that proxies the API), or a loopback address
/// (local development and the built-in mock API).
///
/// A path on the page's own origin is made absolute here, with the page's
/// origin (`location.origin`), and nowhere else: every URL the widget builds
/// is absolute, so a `<base href>` on the host page cannot send the token
/// elsewhere (a relative URL would be resolved against `document.baseURI`).
///
/// ```
/// use missing_kbs_core::ApiBase;
///
/// let page = "https://portal.example";
/// assert!(ApiBase::parse("https://eu.api.security.microsoft.com/", page).is_ok());
/// assert_eq!(ApiBase::parse("/defender-proxy", page).unwrap().join("/api/x"), "https://portal.example/defender-proxy/api/x");
/// assert!(ApiBase::parse("http://127.0.0.1:8787", page).is_ok());
/// assert!(ApiBase::parse("https://api.security.microsoft.com.evil.example", page).is_err());
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ApiBase {
    /// `scheme://host[:port]`, lowercased: the API's origin, or the page's for a same-origin path.
    origin: String,
    /// Whether the host named a path on the page's own origin rather than an origin.
    same_origin: bool,
    /// A path prefix with no trailing slash; empty for the root.
    path: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ApiBaseError {
    UnknownHost(String),
    NotHttps,
    UnsafeSyntax,
    Malformed,
    NoPageOrigin,
}

impl ApiBase {
    /// Reads the API address a host or `config.json` gave. `page_origin` is the
    /// page's `location.origin`, which a path (or `""`) stands for; it is
    /// `"null"` on a page opened from a file or in a sandboxed frame.
    pub fn parse(raw: &str, page_origin: &str) -> Result<Self, ApiBaseError> {
        let raw = raw.trim();
        if has_unsafe_characters(raw) || raw.contains("..") {
            return Err(ApiBaseError::UnsafeSyntax);
        }
        if raw.is_empty() || (raw.starts_with('/') && !raw.starts_with("//")) {
            let origin = page_origin_of(page_origin).ok_or(ApiBaseError::NoPageOrigin)?;
            return Ok(Self { origin, same_origin: true, path: clean_path(raw) });
        }
        let (scheme, authority, path) = split_url(raw).ok_or(ApiBaseError::Malformed)?;
        let host = host_of(&authority).ok_or(ApiBaseError::Malformed)?;
        let allowed = match scheme.as_str() {
            "https" => is_loopback(host) || (DEFENDER_API_HOSTS.contains(&host) && authority == host),
            "http" if is_loopback(host) => true,
            "http" => return Err(ApiBaseError::NotHttps),
            _ => return Err(ApiBaseError::Malformed),
        };
        if !allowed {
            return Err(ApiBaseError::UnknownHost(host.to_owned()));
        }
        Ok(Self { origin: format!("{scheme}://{authority}"), same_origin: false, path: clean_path(path) })
    }

    /// The origin every request goes to: the API's, or the page's for a same-origin path.
    pub fn origin(&self) -> &str {
        &self.origin
    }

    /// The Defender host the widget calls directly, such as `api-gov.security.microsoft.us`; `None`
    /// for a same-origin proxy or a loopback address, whose name says nothing about the cloud.
    ///
    /// ```
    /// use missing_kbs_core::ApiBase;
    ///
    /// let host = |raw: &str, page: &str| ApiBase::parse(raw, page).unwrap().defender_host().map(str::to_owned);
    /// assert_eq!(host("https://api-gov.security.microsoft.us", "https://p.example").as_deref(), Some("api-gov.security.microsoft.us"));
    /// assert_eq!(host("/defender", "https://api-gov.portal.example"), None);
    /// ```
    pub fn defender_host(&self) -> Option<&str> {
        let host = self.origin.strip_prefix("https://")?;
        (!self.same_origin && DEFENDER_API_HOSTS.contains(&host)).then_some(host)
    }

    /// The absolute URL of an API path such as `/api/Software/x`.
    pub fn join(&self, api_path: &str) -> String {
        format!("{}{}{}", self.origin, self.path, api_path)
    }
}

/// As the host wrote it, normalised: a same-origin base stays a path, so it reads back the same on any page.
impl fmt::Display for ApiBase {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let origin = if self.same_origin { "" } else { &self.origin };
        write!(f, "{origin}{}", self.path)
    }
}

/// `(scheme, authority, path)` of `scheme://authority/path`, the first two lowercased.
fn split_url(raw: &str) -> Option<(String, String, &str)> {
    let (scheme, rest) = raw.split_once("://")?;
    let (authority, path) = match rest.find('/') {
        Some(slash) => rest.split_at(slash),
        None => (rest, ""),
    };
    Some((scheme.to_ascii_lowercase(), authority.to_ascii_lowercase(), path))
}

/// The page's origin, if it is an http or https origin (not `"null"`).
fn page_origin_of(page_origin: &str) -> Option<String> {
    if has_unsafe_characters(page_origin) {
        return None;
    }
    let (scheme, authority, path) = split_url(page_origin)?;
    let ok = matches!(scheme.as_str(), "http" | "https") && path.is_empty() && host_of(&authority).is_some();
    ok.then(|| format!("{scheme}://{authority}"))
}

/// A user name, query, fragment, backslash, white space or control character: nothing an
/// origin or an API base may hold.
fn has_unsafe_characters(text: &str) -> bool {
    text.contains(['@', '?', '#', '\\']) || text.chars().any(|c| c.is_control() || c.is_whitespace())
}

fn clean_path(path: &str) -> String {
    path.trim_end_matches('/').to_owned()
}

/// The host part of `host[:port]`, or `None` when there is no host or the port is not a number.
fn host_of(authority: &str) -> Option<&str> {
    let host_end = if authority.starts_with('[') {
        authority.find(']')? + 1
    } else {
        authority.find(':').unwrap_or(authority.len())
    };
    let (host, port) = authority.split_at(host_end);
    let port_ok = match port.strip_prefix(':') {
        Some(number) => (1..=5).contains(&number.len()) && number.bytes().all(|b| b.is_ascii_digit()),
        None => port.is_empty(),
    };
    (port_ok && !host.is_empty()).then_some(host)
}

/// `localhost`, `[::1]`, or `127.b.c.d` written as the URL standard serializes it
/// (four decimal numbers of at most 255 with no sign or leading zero).
///
/// The URL standard's host parser reads other spellings too (`127.1`, `0x7f.0.0.1`,
/// `127.0.0.01`, `127.0.0.1.`), and anything that does not end in a number, such as
/// `127.0.0.+1`, is a domain name that DNS resolves, to whoever answers for it.
/// Accepting only the serialized form is a subset of the loopback addresses, so no
/// spelling that means another host can pass.
fn is_loopback(host: &str) -> bool {
    if host == "localhost" || host == "[::1]" {
        return true;
    }
    let mut parts = host.split('.');
    let canonical_number = |part: &str| {
        (1..=3).contains(&part.len())
            && part.bytes().all(|b| b.is_ascii_digit())
            && (part == "0" || !part.starts_with('0'))
            && part.parse::<u8>().is_ok()
    };
    parts.next() == Some("127") && parts.clone().count() == 3 && parts.all(canonical_number)
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = "https://portal.example";

    #[test]
    fn every_documented_host_is_accepted_over_https() {
        for host in DEFENDER_API_HOSTS {
            let base = ApiBase::parse(&format!("https://{host}"), PAGE).unwrap();
            assert_eq!(base.join("/api/x"), format!("https://{host}/api/x"));
        }
    }

    #[test]
    fn normalises_case_and_trailing_slash() {
        let base = ApiBase::parse("HTTPS://API.Security.Microsoft.com/", PAGE).unwrap();
        assert_eq!(base.to_string(), "https://api.security.microsoft.com");
        assert_eq!(base.origin(), "https://api.security.microsoft.com");
    }

    #[test]
    fn same_origin_paths_become_absolute_urls_on_the_page_origin() {
        let base = ApiBase::parse("/defender/", PAGE).unwrap();
        assert_eq!(base.origin(), PAGE);
        assert_eq!(base.join("/api/Software/x"), "https://portal.example/defender/api/Software/x");
        assert_eq!(base.to_string(), "/defender");
        assert_eq!(ApiBase::parse("", "http://127.0.0.1:8790").unwrap().join("/api/a"), "http://127.0.0.1:8790/api/a");
    }

    #[test]
    fn a_page_without_an_origin_needs_a_full_api_address() {
        for page in ["null", "", "file://", "about:blank", "https://portal.example/path", "https://user@portal.example"]
        {
            assert_eq!(ApiBase::parse("/defender", page), Err(ApiBaseError::NoPageOrigin), "{page}");
        }
        assert!(ApiBase::parse("https://api.security.microsoft.com", "null").is_ok());
    }

    #[test]
    fn loopback_is_allowed_over_http_with_a_port() {
        for raw in [
            "http://127.0.0.1:8787",
            "http://localhost:3000/",
            "http://[::1]:8080",
            "https://127.0.0.2",
            "http://127.255.0.10",
        ] {
            assert!(ApiBase::parse(raw, PAGE).is_ok(), "{raw}");
        }
    }

    /// Spellings the URL standard reads as a domain (so DNS decides where they go),
    /// or as an address only after a conversion: only the serialized form passes.
    #[test]
    fn loopback_is_only_the_serialized_address() {
        for raw in [
            "http://127.0.0.+1:9200",
            "http://+127.0.0.1",
            "http://127.0.0.01",
            "http://0127.0.0.1",
            "http://127.000.000.001",
            "http://0x7f.0.0.1",
            "http://0x7f000001",
            "http://2130706433",
            "http://127.1",
            "http://127.0.1",
            "http://127.0.0.1.",
            "http://127.0.0.256",
            "http://127.0.0.-1",
            "http://127.0.0.1.2",
            "http://localhost.",
            "http://localhost.evil.example",
            "http://[0:0:0:0:0:0:0:1]",
            "http://[::ffff:127.0.0.1]",
            "http://127.0.0.1%2e",
        ] {
            assert_eq!(ApiBase::parse(raw, PAGE), Err(ApiBaseError::NotHttps), "{raw}");
        }
    }

    #[test]
    fn refuses_every_other_destination() {
        let cases = [
            ("https://evil.example", ApiBaseError::UnknownHost("evil.example".into())),
            (
                "https://api.security.microsoft.com.evil.example",
                ApiBaseError::UnknownHost("api.security.microsoft.com.evil.example".into()),
            ),
            ("https://api.security.microsoft.com:8443", ApiBaseError::UnknownHost("api.security.microsoft.com".into())),
            ("https://127.0.0.+1", ApiBaseError::UnknownHost("127.0.0.+1".into())),
            ("http://api.security.microsoft.com", ApiBaseError::NotHttps),
            ("http://10.0.0.1", ApiBaseError::NotHttps),
            ("javascript:alert(1)", ApiBaseError::Malformed),
            ("//evil.example", ApiBaseError::Malformed),
            ("ftp://127.0.0.1", ApiBaseError::Malformed),
            ("https://user@api.security.microsoft.com", ApiBaseError::UnsafeSyntax),
            ("https://api.security.microsoft.com/?x", ApiBaseError::UnsafeSyntax),
            ("/proxy/../../x", ApiBaseError::UnsafeSyntax),
            ("http://127.0.0.1.evil.example", ApiBaseError::NotHttps),
            ("http://127.0.0.1:abc", ApiBaseError::Malformed),
        ];
        for (raw, expected) in cases {
            assert_eq!(ApiBase::parse(raw, PAGE), Err(expected), "{raw}");
        }
    }
}
