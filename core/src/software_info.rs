//! The software itself (`GET /api/Software/{id}`): its name and vendor for the widget's title.

use serde::de::{IgnoredAny, MapAccess};
use serde::Deserialize;

use crate::access_token::AccessToken;
use crate::api_base::ApiBase;
use crate::api_error::shown_text;
use crate::lenient::{next_count, next_text, Lenient, LenientValue};
use crate::request::{page_request, ApiRequest};
use crate::software_id::SoftwareId;

/// The longest name or vendor the title shows.
const MAX_TITLE_CHARS: usize = 200;

/// What the title shows. Every field is optional, like the KB fields.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SoftwareInfo {
    pub name: Option<String>,
    pub vendor: Option<String>,
    pub exposed_machines: Option<u64>,
}

impl SoftwareInfo {
    /// `vendor product` as people read it: Defender writes `windows_10`, people write "windows 10".
    pub fn title(&self) -> Option<String> {
        let readable = |text: &String| text.replace('_', " ");
        match (self.vendor.as_ref().map(readable), self.name.as_ref().map(readable)) {
            (Some(vendor), Some(name)) => Some(format!("{vendor} {name}")),
            (None, Some(name)) => Some(name),
            _ => None,
        }
    }
}

/// `GET {apiBase}/api/Software/{id}`.
pub fn software_request(base: &ApiBase, id: &SoftwareId, token: &AccessToken) -> ApiRequest {
    page_request(base.join(&format!("/api/Software/{}", id.path_segment())), token)
}

/// Reads the software entity; anything unexpected gives `None`, and the widget simply shows no title.
///
/// ```
/// let info = missing_kbs_core::parse_software_info(
///     r#"{"id":"microsoft-_-edge","name":"edge","vendor":"microsoft","exposedMachines":172}"#,
/// ).unwrap();
/// assert_eq!(info.title().as_deref(), Some("microsoft edge"));
/// ```
pub fn parse_software_info(body: &str) -> Option<SoftwareInfo> {
    let wire = serde_json::from_str::<Lenient<SoftwareInfo>>(body).ok()?.0?;
    let text = |value: Option<String>| value.and_then(|text| shown_text(&text, MAX_TITLE_CHARS));
    let info = SoftwareInfo { name: text(wire.name), vendor: text(wire.vendor), ..wire };
    info.title().is_some().then_some(info)
}

#[derive(Deserialize)]
#[serde(field_identifier, rename_all = "camelCase")]
enum SoftwareKey {
    Name,
    Vendor,
    ExposedMachines,
    #[serde(other)]
    Other,
}

/// The fields as sent, each unknown when missing or of the wrong type.
impl LenientValue for SoftwareInfo {
    fn from_object<'de, A: MapAccess<'de>>(mut object: A) -> Result<Option<Self>, A::Error> {
        let mut info = SoftwareInfo::default();
        while let Some(key) = object.next_key()? {
            match key {
                SoftwareKey::Name => info.name = next_text(&mut object)?,
                SoftwareKey::Vendor => info.vendor = next_text(&mut object)?,
                SoftwareKey::ExposedMachines => info.exposed_machines = next_count(&mut object)?,
                SoftwareKey::Other => drop(object.next_value::<IgnoredAny>()?),
            }
        }
        Ok(Some(info))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_documented_software_entity() {
        let info = parse_software_info(
            r#"{"id":"microsoft-_-windows_10","name":"windows_10","vendor":"microsoft","weaknesses":467,
                "publicExploit":true,"activeAlert":false,"exposedMachines":2211,"impactScore":2.39}"#,
        )
        .unwrap();
        assert_eq!(info.title().as_deref(), Some("microsoft windows 10"));
        assert_eq!(info.exposed_machines, Some(2211));
    }

    #[test]
    fn odd_answers_give_no_title() {
        for body in ["", "[]", "{}", r#"{"name":7}"#, r#"{"name":"  "}"#, "<html>"] {
            assert_eq!(parse_software_info(body), None, "{body}");
        }
        let info = parse_software_info(r#"{"name":"edge","vendor":null,"exposedMachines":-1}"#).unwrap();
        assert_eq!(info.title().as_deref(), Some("edge"));
        assert_eq!(info.exposed_machines, None);
    }

    #[test]
    fn builds_the_software_request() {
        let request = software_request(
            &ApiBase::parse("https://api.security.microsoft.com", "https://portal.example").unwrap(),
            &SoftwareId::parse("microsoft-_-edge").unwrap(),
            &AccessToken::new("t").unwrap(),
        );
        assert_eq!(request.url, "https://api.security.microsoft.com/api/Software/microsoft-_-edge");
    }
}
