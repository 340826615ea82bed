//! The standalone page's `config.json`: which API to call and how to get a token.

use serde::Deserialize;
use thiserror::Error;

use crate::access_token::AccessToken;
use crate::api_base::{ApiBase, ApiBaseError};

/// The token the built-in mock API accepts; used only when `config.json` asks for the mock.
pub const MOCK_DEVELOPMENT_TOKEN: &str = "mock-development-token";

/// What the standalone page was configured to do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StandaloneConfig {
    /// The demo: the built-in mock API, no sign-in, a fixed development token.
    MockApi { api_base: ApiBase, token: AccessToken },
}

#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum ConfigError {
    #[error("config.json is not valid JSON. Put an object such as {{\"mockApi\": true}} in it.")]
    NotJson,
    #[error("config.json has an unusable \"apiBase\": {0}")]
    ApiBase(ApiBaseError),
    #[error("config.json does not ask for the mock API, and signing in with Microsoft Entra ID is not available in this build yet. Set \"mockApi\": true to run the demo.")]
    SignInNotAvailable,
}

impl StandaloneConfig {
    /// Reads `config.json`. `apiBase` defaults to the page's own origin, where the mock serves the widget.
    ///
    /// ```
    /// use missing_kbs_core::StandaloneConfig;
    ///
    /// let StandaloneConfig::MockApi { api_base, .. } = StandaloneConfig::parse(r#"{"mockApi": true}"#).unwrap();
    /// assert_eq!(api_base.origin(), None);
    /// ```
    pub fn parse(json: &str) -> Result<Self, ConfigError> {
        #[derive(Deserialize)]
        #[serde(rename_all = "camelCase")]
        struct Wire {
            #[serde(default)]
            mock_api: bool,
            #[serde(default)]
            api_base: Option<String>,
        }
        let wire: Wire = serde_json::from_str(json).map_err(|_| ConfigError::NotJson)?;
        if !wire.mock_api {
            return Err(ConfigError::SignInNotAvailable);
        }
        let api_base = ApiBase::parse(wire.api_base.as_deref().unwrap_or("")).map_err(ConfigError::ApiBase)?;
        let token = AccessToken::new(MOCK_DEVELOPMENT_TOKEN).expect("the development token is a valid header value");
        Ok(StandaloneConfig::MockApi { api_base, token })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_demo_config_uses_the_page_origin_and_the_development_token() {
        let StandaloneConfig::MockApi { api_base, token } = StandaloneConfig::parse(r#"{"mockApi":true}"#).unwrap();
        assert_eq!(api_base, ApiBase::parse("").unwrap());
        assert_eq!(token, AccessToken::new(MOCK_DEVELOPMENT_TOKEN).unwrap());
    }

    #[test]
    fn a_mock_on_another_port_is_allowed() {
        let StandaloneConfig::MockApi { api_base, .. } =
            StandaloneConfig::parse(r#"{"mockApi":true,"apiBase":"http://127.0.0.1:8787"}"#).unwrap();
        assert_eq!(api_base.origin(), Some("http://127.0.0.1:8787"));
    }

    #[test]
    fn bad_configs_say_what_to_fix() {
        assert_eq!(StandaloneConfig::parse("<html>"), Err(ConfigError::NotJson));
        assert_eq!(StandaloneConfig::parse("{}"), Err(ConfigError::SignInNotAvailable));
        assert!(matches!(
            StandaloneConfig::parse(r#"{"mockApi":true,"apiBase":"https://evil.example"}"#),
            Err(ConfigError::ApiBase(ApiBaseError::UnknownHost(_)))
        ));
    }
}
