//! A software's missing KBs (`GET /api/Software/{id}/getmissingkbs`): the request, and the
//! answer, one `MissingKb` per security update the software still lacks.

use std::cmp::Ordering;

use serde::de::{Deserializer, IgnoredAny, MapAccess};
use serde::Deserialize;

use crate::access_token::AccessToken;
use crate::answer_limits::MAX_KBS_SHOWN;
use crate::api_base::ApiBase;
use crate::api_error::{ApiError, ErrorKind};
use crate::lenient::{next_count, next_scalar, next_text, Lenient, LenientValue, ODataPage, Scalar};
use crate::paging::PagingError;
use crate::request::{page_request, ApiRequest};
use crate::software_id::SoftwareId;

/// `GET {apiBase}/api/Software/{id}/getmissingkbs`, with the bearer token and `Accept: application/json`.
pub fn missing_kbs_request(base: &ApiBase, id: &SoftwareId, token: &AccessToken) -> ApiRequest {
    let url = base.join(&format!("/api/Software/{}/getmissingkbs", id.path_segment()));
    page_request(url, token)
}

/// One missing security update, as Defender reports it.
///
/// Every field is optional: the service (or a proxy in front of it) may leave
/// one out, send `null`, or send the wrong type, and one bad field must not
/// hide the other updates. The view shows a missing value as "unknown".
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MissingKb {
    /// The KB number, digits only (`"4540673"`; `"KB4540673"` is read as `"4540673"`).
    /// Anything else is unknown: an id is copied, exported and put in links, so
    /// markup, formulas or line breaks in it must not get that far.
    pub id: Option<String>,
    pub name: Option<String>,
    pub products_names: Option<Vec<String>>,
    pub url: Option<String>,
    pub machine_missed_on: Option<u64>,
    pub cve_addressed: Option<u64>,
    /// Sent by some tenants for Windows cumulative updates.
    pub os_build: Option<u64>,
}

impl MissingKb {
    /// The KB as people write it: `KB4540673`.
    pub fn kb_label(&self) -> Option<String> {
        self.id.as_deref().map(|digits| format!("KB{digits}"))
    }
}

/// The digits of a KB id written `4540673` or `KB4540673`, if it is one.
pub(crate) fn kb_digits(id: &str) -> Option<&str> {
    let digits = id.strip_prefix("KB").or_else(|| id.strip_prefix("kb")).unwrap_or(id);
    (!digits.is_empty() && digits.len() <= 12 && digits.bytes().all(|b| b.is_ascii_digit())).then_some(digits)
}

/// Every KB Defender reports for one software, all pages together, as sent (the view
/// ranks them), with a note when not all pages could be read.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MissingKbList {
    pub kbs: Vec<MissingKb>,
    /// Why not every page was read, when one was refused.
    pub incomplete: Option<PagingError>,
    /// Read from the device's vulnerability rows, since its own list was refused
    /// (`device::missing_kbs_from_rows`): the KBs' names are not known then.
    pub from_vulnerability_rows: bool,
    /// The worst severity among the CVEs the KBs fix, when the answer says (only the rows do).
    pub worst_severity: Option<crate::kb_details::Severity>,
}

/// One page of the answer: its KBs and, when the service pages, the next page's URL.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MissingKbsPage {
    pub kbs: Vec<MissingKb>,
    pub next_link: Option<String>,
}

/// Reads a getmissingkbs response body.
///
/// ```
/// let page = missing_kbs_core::parse_missing_kbs_page(
///     r#"{"value": [{"id": "4540673", "machineMissedOn": 240, "cveAddressed": null}]}"#,
/// ).unwrap();
/// assert_eq!(page.kbs[0].machine_missed_on, Some(240));
/// assert_eq!(page.kbs[0].cve_addressed, None);
/// ```
pub fn parse_missing_kbs_page(body: &str) -> Result<MissingKbsPage, ApiError> {
    // A byte order mark is not JSON, but some proxies add one.
    let body = body.strip_prefix('\u{FEFF}').unwrap_or(body);
    let mut json = serde_json::Deserializer::from_str(body);
    let page = read_missing_kbs_page(&mut json)?;
    // Anything after the answer but whitespace means it is not the JSON it seems.
    json.end().map_err(|_| ApiError::new(ErrorKind::InvalidResponse))?;
    Ok(page)
}

/// Reads a getmissingkbs answer from any serde data format, by the same lenient
/// rules as [`parse_missing_kbs_page`]: for a body the browser already parsed
/// (`JSON.parse`), read through `serde-wasm-bindgen`.
pub fn read_missing_kbs_page<'de, D: Deserializer<'de>>(answer: D) -> Result<MissingKbsPage, ApiError> {
    let invalid = || ApiError::new(ErrorKind::InvalidResponse);
    let Lenient(wire) = Lenient::<ODataPage<KbWire>>::deserialize(answer).map_err(|_| invalid())?;
    let wire = wire.ok_or_else(invalid)?;
    let value = wire.value.ok_or_else(invalid)?;
    if value.len() > MAX_KBS_SHOWN {
        return Err(ApiError::new(ErrorKind::TooLarge));
    }
    Ok(MissingKbsPage {
        kbs: value.into_iter().filter_map(|kb| kb.0).map(KbWire::into_missing_kb).collect(),
        next_link: wire.next_link,
    })
}

/// The order an admin triages KBs in, the list's default and every sort's tiebreak:
/// most machines missing first, then most CVEs fixed, then by KB number; unknown counts go last.
pub(crate) fn triage_order(a: &MissingKb, b: &MissingKb) -> Ordering {
    most_first_unknown_last(a.machine_missed_on, b.machine_missed_on)
        .then_with(|| most_first_unknown_last(a.cve_addressed, b.cve_addressed))
        .then_with(|| a.id.cmp(&b.id))
}

/// Larger values first; a missing value after every known one.
pub(crate) fn most_first_unknown_last<T: Ord>(a: Option<T>, b: Option<T>) -> Ordering {
    match (a, b) {
        (Some(a), Some(b)) => b.cmp(&a),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
}

/// The keys of a KB the widget reads.
#[derive(Deserialize)]
#[serde(field_identifier, rename_all = "camelCase")]
enum KbKey {
    Id,
    Name,
    ProductsNames,
    Url,
    MachineMissedOn,
    CveAddressed,
    OsBuild,
    #[serde(other)]
    Other,
}

/// One KB as sent: each field unknown when missing, null or of the wrong type.
/// A repeated key counts once, with its last value, as in `JSON.parse`.
#[derive(Default)]
struct KbWire {
    id: Option<String>,
    name: Option<String>,
    products_names: Option<Vec<Lenient<Scalar>>>,
    url: Option<String>,
    machine_missed_on: Option<u64>,
    cve_addressed: Option<u64>,
    os_build: Option<u64>,
}

impl LenientValue for KbWire {
    fn from_object<'de, A: MapAccess<'de>>(mut object: A) -> Result<Option<Self>, A::Error> {
        let mut kb = KbWire::default();
        while let Some(key) = object.next_key()? {
            match key {
                KbKey::Id => kb.id = next_scalar(&mut object)?.and_then(kb_id),
                KbKey::Name => kb.name = next_text(&mut object)?,
                KbKey::ProductsNames => kb.products_names = object.next_value::<Lenient<_>>()?.0,
                KbKey::Url => kb.url = next_text(&mut object)?,
                KbKey::MachineMissedOn => kb.machine_missed_on = next_count(&mut object)?,
                KbKey::CveAddressed => kb.cve_addressed = next_count(&mut object)?,
                KbKey::OsBuild => kb.os_build = next_count(&mut object)?,
                KbKey::Other => drop(object.next_value::<IgnoredAny>()?),
            }
        }
        Ok(Some(kb))
    }
}

impl KbWire {
    /// Text is cut to lengths a card can show: an answer with a 10 MB name must not
    /// put 10 MB into the page.
    fn into_missing_kb(self) -> MissingKb {
        MissingKb {
            id: self.id,
            name: self.name.map(|name| shorten(name, MAX_NAME_CHARS)),
            products_names: self.products_names.map(|names| {
                names
                    .into_iter()
                    .filter_map(|name| name.0.and_then(Scalar::into_text))
                    .take(MAX_PRODUCTS)
                    .map(|n| shorten(n, MAX_PRODUCT_CHARS))
                    .collect()
            }),
            // A longer URL is not a catalog link anyway; the card builds one from the KB number.
            url: self.url.filter(|url| url.len() <= MAX_URL_BYTES),
            machine_missed_on: self.machine_missed_on,
            cve_addressed: self.cve_addressed,
            os_build: self.os_build,
        }
    }
}

const MAX_NAME_CHARS: usize = 1_000;
const MAX_PRODUCTS: usize = 100;
const MAX_PRODUCT_CHARS: usize = 200;
const MAX_URL_BYTES: usize = 2_048;

/// `text` cut to `max` characters, with an ellipsis when it was longer.
fn shorten(text: String, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text,
    }
}

/// The KB's number: documented as a string, but a number is clearly meant the same way.
/// Anything but digits (after an optional `KB`) is unknown.
fn kb_id(value: Scalar) -> Option<String> {
    match value {
        Scalar::Text(text) => kb_digits(&text).map(str::to_owned),
        Scalar::Count(number) => Some(number.to_string()),
        Scalar::Flag(_) | Scalar::Other => None,
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

    /// The example response from the API documentation (`../shared/seeds/`), without its "..." placeholder.
    const DOCUMENTED_EXAMPLE: &str = r#"{
        "@odata.context": "https://api.securitycenter.microsoft.com/api/$metadata#Collection(microsoft.windowsDefenderATP.api.PublicProductFixDto)",
        "value": [
             {
                "id": "4540673",
                "name": "March 2020 Security Updates",
                "productsNames": [
                    "edge"
                ],
                "url": "https://catalog.update.microsoft.com/v7/site/Search.aspx?q=KB4540673",
                "machineMissedOn": 240,
                "cveAddressed": 14
             }
        ]
    }"#;

    #[test]
    fn reads_the_documented_example() {
        let page = parse_missing_kbs_page(DOCUMENTED_EXAMPLE).unwrap();
        assert_eq!(
            page.kbs,
            vec![MissingKb {
                id: Some("4540673".into()),
                name: Some("March 2020 Security Updates".into()),
                products_names: Some(vec!["edge".into()]),
                url: Some("https://catalog.update.microsoft.com/v7/site/Search.aspx?q=KB4540673".into()),
                machine_missed_on: Some(240),
                cve_addressed: Some(14),
                os_build: None,
            }]
        );
        assert_eq!(page.next_link, None);
        assert_eq!(page.kbs[0].kb_label().as_deref(), Some("KB4540673"));
    }

    #[test]
    fn reads_past_values_of_the_wrong_shape_and_keeps_the_last_of_a_repeated_key() {
        let page = parse_missing_kbs_page(
            r#"{"value": [
                {"id": {"nested": [1, {"deeper": []}]}, "name": ["a", "b"], "id": "1", "id": "2", "machineMissedOn": -4,
                 "cveAddressed": 2.5, "osBuild": 19045, "productsNames": [null, 7, "edge", {"x": 1}]},
                [], "text", 12,
                {"id": 3}
            ], "@odata.nextLink": {"not": "a link"}}"#,
        )
        .unwrap();
        assert_eq!(page.kbs.len(), 2);
        assert_eq!(page.kbs[0].id.as_deref(), Some("2"));
        assert_eq!(
            (page.kbs[0].name.as_deref(), page.kbs[0].machine_missed_on, page.kbs[0].cve_addressed),
            (None, None, None)
        );
        assert_eq!(page.kbs[0].os_build, Some(19045));
        assert_eq!(page.kbs[0].products_names, Some(vec!["edge".to_owned()]));
        assert_eq!(page.kbs[1].id.as_deref(), Some("3"));
        assert_eq!(page.next_link, None);
    }

    #[test]
    fn reads_past_a_deeply_nested_value_without_recursing() {
        // 100,000 levels would overflow the stack of a recursive reader (the browser's wasm stack first).
        let body = format!(r#"{{"value": [{{"id": "1", "name": {}{}}}]}}"#, "[".repeat(100_000), "]".repeat(100_000));
        let page = parse_missing_kbs_page(&body).unwrap();
        assert_eq!(page.kbs.len(), 1);
        assert_eq!((page.kbs[0].id.as_deref(), page.kbs[0].name.as_deref()), (Some("1"), None));
    }

    #[test]
    fn refuses_text_after_the_answer() {
        assert_eq!(
            parse_missing_kbs_page(r#"{"value": []} {"value": []}"#).unwrap_err().kind,
            ErrorKind::InvalidResponse
        );
        assert!(parse_missing_kbs_page("{\"value\": []}\n  ").is_ok());
    }

    #[test]
    fn reads_an_answer_already_parsed_by_another_format() {
        // What the widget would get from JSON.parse through serde-wasm-bindgen: a value, not text.
        let value: serde_json::Value = serde_json::from_str(DOCUMENTED_EXAMPLE).unwrap();
        let from_value = read_missing_kbs_page(value).unwrap();
        assert_eq!(from_value, parse_missing_kbs_page(DOCUMENTED_EXAMPLE).unwrap());
        assert_eq!(read_missing_kbs_page(serde_json::json!([1, 2])).unwrap_err().kind, ErrorKind::InvalidResponse);
    }

    #[test]
    fn keeps_os_build_and_next_link_when_present() {
        let page = parse_missing_kbs_page(
            r#"{"value":[{"id":"5044273","osBuild":19045}],"@odata.nextLink":"https://api.security.microsoft.com/api/next"}"#,
        )
        .unwrap();
        assert_eq!(page.kbs[0].os_build, Some(19045));
        assert_eq!(page.next_link.as_deref(), Some("https://api.security.microsoft.com/api/next"));
    }

    #[test]
    fn a_missing_null_or_mistyped_field_leaves_the_rest_of_the_list() {
        let page = parse_missing_kbs_page(
            r#"{"value":[
                {"id":"1","name":null,"machineMissedOn":"many","cveAddressed":-3,"productsNames":["a",7,null,"b"]},
                {"id":2,"unknownField":{"deep":[1,2]}},
                {}
            ]}"#,
        )
        .unwrap();
        assert_eq!(page.kbs.len(), 3);
        let first = &page.kbs[0];
        assert_eq!(first.name, None);
        assert_eq!(first.machine_missed_on, None);
        assert_eq!(first.cve_addressed, None);
        assert_eq!(first.products_names, Some(vec!["a".into(), "b".into()]));
        assert_eq!(page.kbs[1].id.as_deref(), Some("2"));
        assert_eq!(page.kbs[2], MissingKb::default());
    }

    #[test]
    fn entries_that_are_not_objects_are_skipped() {
        let page = parse_missing_kbs_page(r#"{"value":[1,"x",null,[],["5",null],{"id":"3"}]}"#).unwrap();
        assert_eq!(page.kbs.len(), 1);
        assert_eq!(page.kbs[0].id.as_deref(), Some("3"));
    }

    #[test]
    fn a_body_without_a_kb_list_is_an_invalid_response() {
        for body in [
            "",
            "not json",
            "<html>error</html>",
            r#"{"value":"#,
            r#"{"items":[]}"#,
            r#"{"value":{}}"#,
            "[]",
            "[[[]]]",
            r#"[{"id":"1"}]"#,
            "null",
        ] {
            let error = parse_missing_kbs_page(body).unwrap_err();
            assert_eq!(error.kind, ErrorKind::InvalidResponse, "{body:?}");
        }
    }

    #[test]
    fn oversized_text_is_cut_to_what_a_card_can_show() {
        let body = serde_json::json!({ "value": [{
            "id": "9".repeat(100),
            "name": "é".repeat(5_000),
            "productsNames": vec!["p".repeat(300); 500],
            "url": format!("https://catalog.update.microsoft.com/{}", "a".repeat(3_000)),
        }] })
        .to_string();
        let kb = &parse_missing_kbs_page(&format!("\u{FEFF}{body}")).unwrap().kbs[0];
        assert_eq!(kb.id, None, "100 digits are no KB number");
        assert_eq!(kb.name.as_ref().unwrap().chars().count(), MAX_NAME_CHARS + 1);
        assert!(kb.name.as_ref().unwrap().ends_with('…'));
        let products = kb.products_names.as_ref().unwrap();
        assert_eq!(products.len(), MAX_PRODUCTS);
        assert_eq!(products[0].chars().count(), MAX_PRODUCT_CHARS + 1);
        assert_eq!(kb.url, None);
    }

    #[test]
    fn an_empty_list_is_a_valid_answer() {
        assert_eq!(parse_missing_kbs_page(r#"{"value":[]}"#).unwrap().kbs, vec![]);
    }

    #[test]
    fn a_kb_id_is_digits_and_anything_else_is_unknown() {
        let id = |value: serde_json::Value| {
            let body = serde_json::json!({ "value": [{ "id": value }] }).to_string();
            parse_missing_kbs_page(&body).unwrap().kbs[0].kb_label()
        };
        assert_eq!(id("4540673".into()).as_deref(), Some("KB4540673"));
        assert_eq!(id("KB5001".into()).as_deref(), Some("KB5001"));
        assert_eq!(id(5_044_273.into()).as_deref(), Some("KB5044273"));
        for odd in [
            "=cmd|' /C calc'!A0",
            "=HYPERLINK(\"x\")",
            "4540673\n\t=1",
            "<script>x()</script>",
            "+1",
            "-1",
            "KB",
            "",
            "45\u{200b}40673",
        ] {
            assert_eq!(id(odd.into()), None, "{odd:?}");
        }
        assert_eq!(MissingKb::default().kb_label(), None);
    }

    #[test]
    fn a_list_longer_than_any_real_one_is_too_large() {
        let list = |n: usize| format!(r#"{{"value":[{}]}}"#, vec!["{}"; n].join(","));
        assert_eq!(parse_missing_kbs_page(&list(MAX_KBS_SHOWN)).unwrap().kbs.len(), MAX_KBS_SHOWN);
        assert_eq!(parse_missing_kbs_page(&list(MAX_KBS_SHOWN + 1)).unwrap_err().kind, ErrorKind::TooLarge);
        assert_eq!(parse_missing_kbs_page(&list(MAX_KBS_SHOWN + 50_000)).unwrap_err().kind, ErrorKind::TooLarge);
    }

    #[test]
    fn ranking_puts_most_machines_first_and_unknown_last() {
        let kb = |id: &str, machines: Option<u64>, cves: Option<u64>| MissingKb {
            id: Some(id.into()),
            machine_missed_on: machines,
            cve_addressed: cves,
            ..MissingKb::default()
        };
        let mut kbs = [
            kb("1", Some(5), Some(1)),
            kb("2", None, Some(90)),
            kb("3", Some(240), Some(2)),
            kb("4", Some(5), Some(7)),
            kb("5", Some(0), None),
        ];
        kbs.sort_by(triage_order);
        let order: Vec<_> = kbs.iter().map(|k| k.id.clone().unwrap()).collect();
        assert_eq!(order, ["3", "4", "1", "5", "2"]);
    }
}
