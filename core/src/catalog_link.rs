//! The Microsoft Update Catalog link on each card: the only kind of link the widget renders.

use crate::missing_kb::{kb_digits, MissingKb};

const CATALOG_ORIGIN: &str = "https://catalog.update.microsoft.com/";

/// A link to the Microsoft Update Catalog, checked to stay on that site.
///
/// ```
/// use missing_kbs_core::{MissingKb, UpdateCatalogLink};
///
/// let kb = MissingKb { id: Some("4540673".into()), url: Some("javascript:alert(1)".into()), ..Default::default() };
/// assert_eq!(
///     UpdateCatalogLink::for_kb(&kb).unwrap().as_str(),
///     "https://catalog.update.microsoft.com/v7/site/Search.aspx?q=KB4540673"
/// );
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UpdateCatalogLink(String);

impl UpdateCatalogLink {
    /// The service's own `url` when it points into the Update Catalog over
    /// https; otherwise a catalog search for a digits-only KB number; otherwise none.
    pub fn for_kb(kb: &MissingKb) -> Option<Self> {
        kb.url
            .as_deref()
            .filter(|url| is_catalog_url(url))
            // The scheme and host matched ignoring case; they are written the usual way.
            .map(|url| Self(format!("{CATALOG_ORIGIN}{}", &url[CATALOG_ORIGIN.len()..])))
            .or_else(|| Self::search(kb.id.as_deref()?))
    }

    fn search(kb_id: &str) -> Option<Self> {
        let digits = kb_digits(kb_id)?;
        Some(Self(format!("{CATALOG_ORIGIN}v7/site/Search.aspx?q=KB{digits}")))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

fn is_catalog_url(url: &str) -> bool {
    url.len() > CATALOG_ORIGIN.len()
        && url.is_char_boundary(CATALOG_ORIGIN.len())
        && url[..CATALOG_ORIGIN.len()].eq_ignore_ascii_case(CATALOG_ORIGIN)
        && url.chars().all(|c| c.is_ascii_graphic() && !matches!(c, '"' | '\'' | '<' | '>' | '\\' | '`'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kb(id: Option<&str>, url: Option<&str>) -> MissingKb {
        MissingKb { id: id.map(Into::into), url: url.map(Into::into), ..MissingKb::default() }
    }

    fn link(id: Option<&str>, url: Option<&str>) -> Option<String> {
        UpdateCatalogLink::for_kb(&kb(id, url)).map(|l| l.as_str().to_owned())
    }

    #[test]
    fn keeps_the_service_catalog_url() {
        let url = "https://catalog.update.microsoft.com/v7/site/Search.aspx?q=KB4540673";
        assert_eq!(link(Some("4540673"), Some(url)).as_deref(), Some(url));
        assert_eq!(link(None, Some(url)).as_deref(), Some(url));
    }

    #[test]
    fn replaces_any_other_url_with_a_catalog_search() {
        let expected = Some("https://catalog.update.microsoft.com/v7/site/Search.aspx?q=KB5044273".to_owned());
        for url in [
            "javascript:alert(1)",
            "data:text/html,<script>alert(1)</script>",
            "http://catalog.update.microsoft.com/v7/site/Search.aspx?q=KB5044273",
            "https://catalog.update.microsoft.com.evil.example/",
            "https://catalog.update.microsoft.com@evil.example/",
            "https://evil.example/?https://catalog.update.microsoft.com/",
            "https://catalog.update.microsoft.com/\"><script>",
            "https://catalog.update.microsoft.com/",
            "",
        ] {
            assert_eq!(link(Some("5044273"), Some(url)), expected, "{url}");
        }
        assert_eq!(link(Some("KB5044273"), None), expected);
    }

    #[test]
    fn the_catalog_host_is_matched_ignoring_case_and_written_in_lower_case() {
        assert_eq!(
            link(None, Some("HTTPS://Catalog.Update.MicrosoFt.com/v7/site/Search.aspx?q=KB1")).as_deref(),
            Some("https://catalog.update.microsoft.com/v7/site/Search.aspx?q=KB1")
        );
    }

    #[test]
    fn no_link_without_a_catalog_url_or_a_numeric_kb() {
        assert_eq!(link(Some("not-a-kb"), Some("https://evil.example/")), None);
        assert_eq!(link(Some("12a"), None), None);
        assert_eq!(link(None, None), None);
    }
}
