//! Why the options a host page passed cannot be used.

use thiserror::Error;

use crate::access_token::AccessTokenError;
use crate::api_base::ApiBaseError;

/// A problem with the host's `mount()` options. The widget shows it and sends nothing.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum ConfigProblem {
    #[error("mount() needs an options object: {{ softwareId, getToken or token, apiBase }}.")]
    OptionsNotAnObject,
    #[error("Pass getToken (a function that returns an access token) or token to mount().")]
    NoTokenSource,
    #[error("The getToken option must be a function that returns an access token.")]
    GetTokenNotAFunction,
    #[error("The {0} option must be a string.")]
    NotAString(&'static str),
    #[error("{0}")]
    Token(AccessTokenError),
    #[error("{0}")]
    ApiBase(ApiBaseError),
}
