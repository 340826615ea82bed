//! The standalone page's `config.json`: which cloud to sign in to, which API to call, with what scope.

use serde::de::{IgnoredAny, MapAccess};
use serde::Deserialize;

use crate::api_base::{ApiBase, ApiBaseError};
use crate::lenient::{next_scalar, Lenient, LenientValue, Scalar};

/// The token the built-in mock API accepts; used only when `config.json` asks for the mock.
pub const MOCK_DEVELOPMENT_TOKEN: &str = "mock-development-token";

/// A Microsoft cloud that hosts Defender for Endpoint.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cloud {
    Commercial,
    Gcc,
    GccHigh,
    Dod,
}

/// Where a cloud's users sign in, which API answers, and the delegated scope to ask for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CloudEndpoints {
    pub login_host: &'static str,
    pub api_base: &'static str,
    pub scope: &'static str,
}

impl Cloud {
    pub const ALL: [Cloud; 4] = [Cloud::Commercial, Cloud::Gcc, Cloud::GccHigh, Cloud::Dod];

    /// The cloud named `name` (`commercial`, `gcc`, `gcc-high`, `dod`), as `config.json` and
    /// the `cloud` option of `mount` name them.
    pub fn from_name(name: &str) -> Option<Self> {
        Cloud::ALL.into_iter().find(|cloud| cloud.name() == name)
    }

    /// Where its users open the Defender portal, from
    /// <https://learn.microsoft.com/defender-endpoint/gov> ("Portal URLs"): commercial and
    /// GCC `security.microsoft.com`, GCC High `security.microsoft.us`, DoD `security.apps.mil`.
    pub fn portal_host(self) -> &'static str {
        match self {
            Cloud::Commercial | Cloud::Gcc => "security.microsoft.com",
            Cloud::GccHigh => "security.microsoft.us",
            Cloud::Dod => "security.apps.mil",
        }
    }

    /// The name used in `config.json`.
    pub fn name(self) -> &'static str {
        match self {
            Cloud::Commercial => "commercial",
            Cloud::Gcc => "gcc",
            Cloud::GccHigh => "gcc-high",
            Cloud::Dod => "dod",
        }
    }

    /// Sources:
    /// - commercial: the delegated permission Software.Read on the WindowsDefenderATP
    ///   resource `https://api.securitycenter.microsoft.com`
    ///   (<https://learn.microsoft.com/defender-endpoint/api/exposed-apis-create-app-nativeapp>,
    ///   <https://learn.microsoft.com/defender-endpoint/api/get-missing-kbs-software>);
    /// - US Government: "Sign in" and "Defender for Endpoint API" rows of the table in
    ///   <https://learn.microsoft.com/defender-endpoint/gov#api> (GCC signs in at
    ///   login.microsoftonline.com and calls api-gcc.securitycenter.microsoft.us; GCC High
    ///   and DoD sign in at login.microsoftonline.us and call api-gov.securitycenter.microsoft.us).
    ///   Microsoft does not spell out the government scope strings; the resource is the API
    ///   host, as Microsoft's own msticpy builds it (`{api host}/.default`), so the delegated
    ///   scope is `{api host}/Software.Read`. `config.json` can override it with `scope`.
    pub fn endpoints(self) -> CloudEndpoints {
        match self {
            Cloud::Commercial => CloudEndpoints {
                login_host: "login.microsoftonline.com",
                api_base: "https://api.securitycenter.microsoft.com",
                scope: "https://api.securitycenter.microsoft.com/Software.Read",
            },
            Cloud::Gcc => CloudEndpoints {
                login_host: "login.microsoftonline.com",
                api_base: "https://api-gcc.securitycenter.microsoft.us",
                scope: "https://api-gcc.securitycenter.microsoft.us/Software.Read",
            },
            Cloud::GccHigh | Cloud::Dod => CloudEndpoints {
                login_host: "login.microsoftonline.us",
                api_base: "https://api-gov.securitycenter.microsoft.us",
                scope: "https://api-gov.securitycenter.microsoft.us/Software.Read",
            },
        }
    }
}

/// What the standalone page was configured to do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StandaloneConfig {
    /// The demo: the built-in mock API, no sign-in, the fixed [`MOCK_DEVELOPMENT_TOKEN`].
    MockApi { api_base: ApiBase },
    /// Sign in with Microsoft Entra ID (MSAL.js) and call Defender with the user's token.
    SignIn(SignInConfig),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SignInConfig {
    pub client_id: String,
    pub cloud: Cloud,
    /// `https://{login host}/{tenant}`.
    pub authority: String,
    pub scope: String,
    /// The scope the KB details need beside `scope`, `…/Vulnerability.Read` on the same API,
    /// asked for silently and granted on the user's request (web/standalone.js); `None` when
    /// `scope` is not `…/Software.Read` (a `/.default` token holds what the app was granted).
    pub details_scope: Option<String>,
    pub api_base: ApiBase,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ConfigError {
    NotJson,
    ClientId,
    TenantId,
    UnknownCloud,
    Scope,
    ApiBase(ApiBaseError),
}

impl StandaloneConfig {
    /// Reads `config.json`.
    ///
    /// ```
    /// use missing_kbs_core::StandaloneConfig;
    ///
    /// let config = StandaloneConfig::parse(r#"{
    ///     "clientId": "00000000-0000-0000-0000-000000000001",
    ///     "tenantId": "contoso.onmicrosoft.com",
    ///     "cloud": "gcc-high"
    /// }"#, "https://portal.example").unwrap();
    /// let StandaloneConfig::SignIn(sign_in) = config else { unreachable!() };
    /// assert_eq!(sign_in.authority, "https://login.microsoftonline.us/contoso.onmicrosoft.com");
    /// ```
    /// `page_origin` is the page's `location.origin`, which a same-origin `apiBase` stands for.
    pub fn parse(json: &str, page_origin: &str) -> Result<Self, ConfigError> {
        let wire = serde_json::from_str::<Lenient<ConfigWire>>(json).ok().and_then(|wire| wire.0);
        let wire = wire.filter(|wire| !wire.wrong_type).ok_or(ConfigError::NotJson)?;
        let api_base = |default: &str| {
            ApiBase::parse(wire.api_base.as_deref().unwrap_or(default), page_origin).map_err(ConfigError::ApiBase)
        };
        if wire.mock_api {
            // The mock serves the page and the API from one origin unless told otherwise.
            return Ok(StandaloneConfig::MockApi { api_base: api_base("")? });
        }
        let client_id =
            wire.client_id.as_deref().map(str::trim).filter(|id| is_guid(id)).ok_or(ConfigError::ClientId)?;
        let tenant_id =
            wire.tenant_id.as_deref().map(str::trim).filter(|id| is_tenant(id)).ok_or(ConfigError::TenantId)?;
        let cloud = match wire.cloud.as_deref() {
            None => Cloud::Commercial,
            Some(name) => Cloud::from_name(name.trim()).ok_or(ConfigError::UnknownCloud)?,
        };
        let endpoints = cloud.endpoints();
        let scope = match wire.scope.as_deref().map(str::trim) {
            None => endpoints.scope.to_owned(),
            Some(scope) if !scope.is_empty() && scope.chars().all(|c| c.is_ascii_graphic()) => scope.to_owned(),
            Some(_) => return Err(ConfigError::Scope),
        };
        Ok(StandaloneConfig::SignIn(SignInConfig {
            client_id: client_id.to_owned(),
            cloud,
            authority: format!("https://{}/{tenant_id}", endpoints.login_host),
            details_scope: scope.strip_suffix("/Software.Read").map(|api| format!("{api}/Vulnerability.Read")),
            scope,
            api_base: api_base(endpoints.api_base)?,
        }))
    }
}

/// `config.json` as written. A value of the wrong type (`"mockApi": "yes"`) makes the
/// whole file unusable, as a typo would.
#[derive(Default)]
struct ConfigWire {
    mock_api: bool,
    client_id: Option<String>,
    tenant_id: Option<String>,
    cloud: Option<String>,
    scope: Option<String>,
    api_base: Option<String>,
    wrong_type: bool,
}

#[derive(Deserialize)]
#[serde(field_identifier, rename_all = "camelCase")]
enum ConfigKey {
    MockApi,
    ClientId,
    TenantId,
    Cloud,
    Scope,
    ApiBase,
    #[serde(other)]
    Other,
}

impl LenientValue for ConfigWire {
    fn from_object<'de, A: MapAccess<'de>>(mut object: A) -> Result<Option<Self>, A::Error> {
        let mut wire = ConfigWire::default();
        while let Some(key) = object.next_key()? {
            if matches!(key, ConfigKey::Other) {
                object.next_value::<IgnoredAny>()?;
                continue;
            }
            // null reads as None: the option left out.
            let value = next_scalar(&mut object)?;
            let wrong_type = &mut wire.wrong_type;
            match key {
                ConfigKey::MockApi => match value {
                    None => wire.mock_api = false,
                    Some(Scalar::Flag(flag)) => wire.mock_api = flag,
                    Some(_) => *wrong_type = true,
                },
                ConfigKey::ClientId => wire.client_id = config_text(value, wrong_type),
                ConfigKey::TenantId => wire.tenant_id = config_text(value, wrong_type),
                ConfigKey::Cloud => wire.cloud = config_text(value, wrong_type),
                ConfigKey::Scope => wire.scope = config_text(value, wrong_type),
                ConfigKey::ApiBase => wire.api_base = config_text(value, wrong_type),
                ConfigKey::Other => {}
            }
        }
        Ok(Some(wire))
    }
}

/// A text option's value; anything but a text or null sets `wrong_type`.
fn config_text(value: Option<Scalar>, wrong_type: &mut bool) -> Option<String> {
    match value {
        Some(Scalar::Text(text)) => Some(text),
        None => None,
        Some(_) => {
            *wrong_type = true;
            None
        }
    }
}

fn is_guid(text: &str) -> bool {
    let groups: Vec<&str> = text.split('-').collect();
    groups.iter().map(|g| g.len()).eq([8, 4, 4, 4, 12])
        && groups.iter().all(|g| g.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// A tenant GUID or a domain name: nothing that could change the authority URL's path or host.
fn is_tenant(text: &str) -> bool {
    is_guid(text)
        || (text.len() <= 253
            && text.contains('.')
            && !text.starts_with(['.', '-'])
            && !text.contains("..")
            && text.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-'))
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = "https://portal.example";
    const CLIENT: &str = "11111111-2222-3333-4444-555555555555";
    const TENANT: &str = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee";

    fn sign_in(extra: &str) -> Result<SignInConfig, ConfigError> {
        let json = format!(r#"{{"clientId":"{CLIENT}","tenantId":"{TENANT}"{extra}}}"#);
        StandaloneConfig::parse(&json, PAGE).map(|config| match config {
            StandaloneConfig::SignIn(sign_in) => sign_in,
            other => panic!("expected sign-in, got {other:?}"),
        })
    }

    #[test]
    fn each_cloud_has_its_authority_scope_and_api_host() {
        let expected = [
            (
                "commercial",
                "https://login.microsoftonline.com/",
                "https://api.securitycenter.microsoft.com/Software.Read",
                "https://api.securitycenter.microsoft.com",
            ),
            (
                "gcc",
                "https://login.microsoftonline.com/",
                "https://api-gcc.securitycenter.microsoft.us/Software.Read",
                "https://api-gcc.securitycenter.microsoft.us",
            ),
            (
                "gcc-high",
                "https://login.microsoftonline.us/",
                "https://api-gov.securitycenter.microsoft.us/Software.Read",
                "https://api-gov.securitycenter.microsoft.us",
            ),
            (
                "dod",
                "https://login.microsoftonline.us/",
                "https://api-gov.securitycenter.microsoft.us/Software.Read",
                "https://api-gov.securitycenter.microsoft.us",
            ),
        ];
        for (cloud, authority, scope, api) in expected {
            let config = sign_in(&format!(r#","cloud":"{cloud}""#)).unwrap();
            assert_eq!(config.cloud.name(), cloud);
            assert_eq!(config.authority, format!("{authority}{TENANT}"));
            assert_eq!(config.scope, scope);
            assert_eq!(config.details_scope.unwrap(), scope.replace("Software.Read", "Vulnerability.Read"));
            assert_eq!(config.api_base.to_string(), api);
        }
    }

    #[test]
    fn every_cloud_api_host_is_an_allowed_destination() {
        for cloud in Cloud::ALL {
            assert!(ApiBase::parse(cloud.endpoints().api_base, PAGE).is_ok(), "{cloud:?}");
        }
    }

    #[test]
    fn the_cloud_defaults_to_commercial_and_scope_and_api_base_can_be_overridden() {
        assert_eq!(sign_in("").unwrap().cloud, Cloud::Commercial);
        let config = sign_in(r#","scope":"https://api.securitycenter.microsoft.com/.default","apiBase":"https://eu.api.security.microsoft.com""#).unwrap();
        assert_eq!(config.scope, "https://api.securitycenter.microsoft.com/.default");
        assert_eq!(config.api_base.to_string(), "https://eu.api.security.microsoft.com");
    }

    #[test]
    fn the_demo_config_uses_the_mock_on_the_page_origin_or_another_loopback_port() {
        assert_eq!(
            StandaloneConfig::parse(r#"{"mockApi":true}"#, PAGE),
            Ok(StandaloneConfig::MockApi { api_base: ApiBase::parse("", PAGE).unwrap() })
        );
        let Ok(StandaloneConfig::MockApi { api_base }) =
            StandaloneConfig::parse(r#"{"mockApi":true,"apiBase":"http://127.0.0.1:8787"}"#, PAGE)
        else {
            panic!("expected the mock");
        };
        assert_eq!(api_base.origin(), "http://127.0.0.1:8787");
    }

    #[test]
    fn a_value_of_the_wrong_type_makes_the_file_unusable_and_null_leaves_an_option_out() {
        for wrong in [
            r#""mockApi":"yes""#,
            r#""mockApi":1"#,
            r#""cloud":5"#,
            r#""scope":1.5"#,
            r#""apiBase":-1"#,
            r#""cloud":["gcc"]"#,
            r#""cloud":{}"#,
            r#""cloud":true"#,
        ] {
            assert_eq!(sign_in(&format!(",{wrong}")), Err(ConfigError::NotJson), "{wrong}");
        }
        assert_eq!(
            sign_in(r#","cloud":null,"mockApi":null,"extra":[1.5,{"deep":true}]"#).unwrap().cloud,
            Cloud::Commercial
        );
        // A repeated key keeps its last value, as in JSON.parse.
        assert_eq!(sign_in(r#","cloud":"gcc","cloud":"dod""#).unwrap().cloud, Cloud::Dod);
    }

    #[test]
    fn bad_configs_say_what_to_fix() {
        assert_eq!(StandaloneConfig::parse("<html>", PAGE), Err(ConfigError::NotJson));
        assert_eq!(StandaloneConfig::parse("[]", PAGE), Err(ConfigError::NotJson));
        assert_eq!(StandaloneConfig::parse("{}", PAGE), Err(ConfigError::ClientId));
        assert_eq!(
            StandaloneConfig::parse(r#"{"clientId":"not-a-guid","tenantId":"x.y"}"#, PAGE),
            Err(ConfigError::ClientId)
        );
        for tenant in ["", "contoso", "evil.example/path", "a..b", "x.y?z", ".contoso.com"] {
            let json = format!(r#"{{"clientId":"{CLIENT}","tenantId":"{tenant}"}}"#);
            assert_eq!(StandaloneConfig::parse(&json, PAGE), Err(ConfigError::TenantId), "{tenant}");
        }
        assert_eq!(sign_in(r#","cloud":"china""#), Err(ConfigError::UnknownCloud));
        assert_eq!(sign_in(r#","scope":"a b""#), Err(ConfigError::Scope));
        assert!(matches!(
            sign_in(r#","apiBase":"https://evil.example""#),
            Err(ConfigError::ApiBase(ApiBaseError::UnknownHost(_)))
        ));
        assert!(matches!(
            StandaloneConfig::parse(r#"{"mockApi":true,"apiBase":"https://evil.example"}"#, PAGE),
            Err(ConfigError::ApiBase(_))
        ));
    }

    #[test]
    fn tenant_domains_are_accepted() {
        let json = format!(r#"{{"clientId":"{CLIENT}","tenantId":"contoso.onmicrosoft.com"}}"#);
        assert!(StandaloneConfig::parse(&json, PAGE).is_ok());
    }
}
