//! Reading the options object a host passes to `mount`.

use js_sys::{Function, Reflect};
use missing_kbs_core::{AccessToken, ApiBase};
use wasm_bindgen::{JsCast, JsValue};

use crate::token::TokenSource;

/// The API base used when the host names none: the one in Microsoft's API examples.
pub const DEFAULT_API_BASE: &str = "https://api.securitycenter.microsoft.com";

pub struct HostOptions {
    pub software_id: String,
    /// The token source and API base, or the first reason the options cannot be used.
    pub connection: Result<(ApiBase, TokenSource), String>,
}

/// Reads `{softwareId, getToken | token, apiBase, locale}`. Problems are
/// returned as text for the widget to show, not thrown at the host.
pub fn read_host_options(options: &JsValue) -> HostOptions {
    let software_id = string_field(options, "softwareId").ok().flatten().unwrap_or_default();
    HostOptions { software_id, connection: read_connection(options) }
}

fn read_connection(options: &JsValue) -> Result<(ApiBase, TokenSource), String> {
    if !options.is_object() {
        return Err("mount() needs an options object: { softwareId, getToken or token, apiBase }.".to_owned());
    }
    let api_base = string_field(options, "apiBase")?.unwrap_or_else(|| DEFAULT_API_BASE.to_owned());
    let api_base = ApiBase::parse(&api_base).map_err(|error| error.to_string())?;
    let get_token = field(options, "getToken");
    let token = if !get_token.is_undefined() && !get_token.is_null() {
        let get_token = get_token
            .dyn_into::<Function>()
            .map_err(|_| "The getToken option must be a function that returns an access token.".to_owned())?;
        TokenSource::Callback(get_token)
    } else {
        match string_field(options, "token")? {
            Some(token) => TokenSource::Fixed(Some(AccessToken::new(&token).map_err(|error| error.to_string())?)),
            None => {
                return Err("Pass getToken (a function that returns an access token) or token to mount().".to_owned())
            }
        }
    };
    Ok((api_base, token))
}

fn field(options: &JsValue, name: &str) -> JsValue {
    Reflect::get(options, &name.into()).unwrap_or(JsValue::UNDEFINED)
}

fn string_field(options: &JsValue, name: &str) -> Result<Option<String>, String> {
    let value = field(options, name);
    if value.is_undefined() || value.is_null() {
        return Ok(None);
    }
    value.as_string().map(Some).ok_or_else(|| format!("The {name} option must be a string."))
}
