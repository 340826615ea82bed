//! Where the widget may send a bearer token: the only hosts it will call.

use std::fmt;

use thiserror::Error;

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
/// ```
/// use missing_kbs_core::ApiBase;
///
/// assert!(ApiBase::parse("https://eu.api.security.microsoft.com/").is_ok());
/// assert!(ApiBase::parse("/defender-proxy").is_ok());
/// assert!(ApiBase::parse("http://127.0.0.1:8787").is_ok());
/// assert!(ApiBase::parse("https://api.security.microsoft.com.evil.example").is_err());
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ApiBase {
    /// `scheme://host[:port]`, lowercased; `None` for the page's own origin.
    origin: Option<String>,
    /// A path prefix with no trailing slash; empty for the root.
    path: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum ApiBaseError {
    #[error("The API address “{0}” is not a Defender for Endpoint API host. Use one such as https://api.security.microsoft.com, a path on this site that proxies the API, or a loopback address.")]
    UnknownHost(String),
    #[error("The API address must use https (plain http is only allowed for localhost).")]
    NotHttps,
    #[error("The API address must not contain a user name, query, fragment, backslash or “..”.")]
    UnsafeSyntax,
    #[error("The API address is not a valid URL.")]
    Malformed,
}

impl ApiBase {
    pub fn parse(raw: &str) -> Result<Self, ApiBaseError> {
        let raw = raw.trim();
        if raw.chars().any(|c| c.is_control() || c.is_whitespace())
            || raw.contains(['@', '?', '#', '\\'])
            || raw.contains("..")
        {
            return Err(ApiBaseError::UnsafeSyntax);
        }
        if raw.is_empty() || (raw.starts_with('/') && !raw.starts_with("//")) {
            return Ok(Self { origin: None, path: clean_path(raw) });
        }
        let (scheme, rest) = raw.split_once("://").ok_or(ApiBaseError::Malformed)?;
        let scheme = scheme.to_ascii_lowercase();
        let (authority, path) = match rest.find('/') {
            Some(slash) => rest.split_at(slash),
            None => (rest, ""),
        };
        let authority = authority.to_ascii_lowercase();
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
        Ok(Self { origin: Some(format!("{scheme}://{authority}")), path: clean_path(path) })
    }

    /// The origin requests go to, or `None` when they go to the page's own origin.
    pub fn origin(&self) -> Option<&str> {
        self.origin.as_deref()
    }

    /// The absolute (or origin-relative) URL of an API path such as `/api/Software/x`.
    pub fn join(&self, api_path: &str) -> String {
        format!("{}{}{}", self.origin.as_deref().unwrap_or(""), self.path, api_path)
    }
}

impl fmt::Display for ApiBase {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}{}", self.origin.as_deref().unwrap_or(""), self.path)
    }
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

fn is_loopback(host: &str) -> bool {
    if host == "localhost" || host == "[::1]" {
        return true;
    }
    let octets: Vec<&str> = host.split('.').collect();
    octets.len() == 4
        && octets[0] == "127"
        && octets.iter().all(|o| !o.is_empty() && o.len() <= 3 && o.parse::<u8>().is_ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_documented_host_is_accepted_over_https() {
        for host in DEFENDER_API_HOSTS {
            let base = ApiBase::parse(&format!("https://{host}")).unwrap();
            assert_eq!(base.join("/api/x"), format!("https://{host}/api/x"));
        }
    }

    #[test]
    fn normalises_case_and_trailing_slash() {
        let base = ApiBase::parse("HTTPS://API.Security.Microsoft.com/").unwrap();
        assert_eq!(base.to_string(), "https://api.security.microsoft.com");
        assert_eq!(base.origin(), Some("https://api.security.microsoft.com"));
    }

    #[test]
    fn same_origin_paths_keep_requests_on_the_page_origin() {
        let base = ApiBase::parse("/defender/").unwrap();
        assert_eq!(base.origin(), None);
        assert_eq!(base.join("/api/Software/x"), "/defender/api/Software/x");
        assert_eq!(ApiBase::parse("").unwrap().join("/api/a"), "/api/a");
    }

    #[test]
    fn loopback_is_allowed_over_http_with_a_port() {
        for raw in ["http://127.0.0.1:8787", "http://localhost:3000/", "http://[::1]:8080", "https://127.0.0.2"] {
            assert!(ApiBase::parse(raw).is_ok(), "{raw}");
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
            assert_eq!(ApiBase::parse(raw), Err(expected), "{raw}");
        }
    }
}
