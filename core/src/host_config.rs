//! Why the options a host page passed cannot be used.

use crate::access_token::AccessTokenError;
use crate::api_base::ApiBaseError;

/// A problem with the host's `mount()` options. The widget shows it and sends nothing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ConfigProblem {
    OptionsNotAnObject,
    NoTokenSource,
    GetTokenNotAFunction,
    NotAString(&'static str),
    /// The `cloud` option names no cloud the widget knows.
    UnknownCloud,
    /// Both `softwareId` and `machineId`: a widget shows one software's or one device's list.
    SoftwareAndMachine,
    /// `machineId` is not a Defender device ID.
    NotAMachineId,
    Token(AccessTokenError),
    ApiBase(ApiBaseError),
}
