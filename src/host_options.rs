//! Reading the options object a host passes to `mount`.

use js_sys::{Function, Reflect};
use missing_kbs_core::{
    AccessToken, ApiBase, Cloud, ConfigProblem, InventoryOrder, InventorySort, KbViewOptions, Locale, MachineId,
    SortKey,
};
use wasm_bindgen::{JsCast, JsValue};

use crate::language_catalogue::choose_locale;
use crate::token::TokenSource;

/// The API base used when the host names none: the one in Microsoft's API examples.
pub const DEFAULT_API_BASE: &str = "https://api.securitycenter.microsoft.com";

/// The colours the host asks for; `Auto` follows the page's light or dark preference.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Theme {
    #[default]
    Auto,
    Light,
    Dark,
}

impl Theme {
    /// The widget root's classes.
    pub fn classes(self) -> &'static str {
        match self {
            Theme::Auto => "mkb",
            Theme::Light => "mkb mkb--light",
            Theme::Dark => "mkb mkb--dark",
        }
    }
}

pub struct HostOptions {
    pub software_id: String,
    /// The device to show (`machineId`), checked; a widget shows a software or a device.
    pub machine_id: Option<MachineId>,
    /// The list's first sort and filter (`sort`, `filter`, `products` options).
    pub view: KbViewOptions,
    pub locale: Locale,
    pub theme: Theme,
    /// How long one call may take (`timeoutSeconds`, 1 to 300).
    pub timeout_ms: u32,
    /// Whether the widget has a software finder (`finder`, default off).
    pub finder: bool,
    /// The finder's first order (`finderSort`, `finderShow`): by default, by exposure, the
    /// software that can have KBs first.
    pub finder_order: InventoryOrder,
    /// The API base, the token source and the cloud (`cloud`, for the links to its Defender
    /// portal; `None` to infer it from the API base), or the first reason the options cannot be used.
    pub connection: Result<(ApiBase, TokenSource, Option<Cloud>), ConfigProblem>,
}

/// Reads the options of `mount` (EMBEDDING.md): `softwareId` or `machineId`, `getToken` or `token`,
/// `apiBase`, `cloud`, `locale`, `theme`, `sort`, `filter`, `products`, `timeoutSeconds`, `finder`,
/// `finderSort` and `finderShow`.
/// Problems are returned for the widget to show, not thrown at the host.
pub fn read_host_options(options: &JsValue) -> HostOptions {
    let software_id = string_field(options, "softwareId").ok().flatten().unwrap_or_default();
    let machine_id = string_field(options, "machineId").ok().flatten().unwrap_or_default();
    let machine = match machine_id.trim() {
        "" => Ok(None),
        _ if !software_id.trim().is_empty() => Err(ConfigProblem::SoftwareAndMachine),
        raw => MachineId::parse(raw).map(Some).ok_or(ConfigProblem::NotAMachineId),
    };
    let locale = string_field(options, "locale").ok().flatten();
    let theme = match string_field(options, "theme").ok().flatten().as_deref() {
        Some("light") => Theme::Light,
        Some("dark") => Theme::Dark,
        _ => Theme::Auto,
    };
    let mut view = KbViewOptions {
        sort: SortKey::parse(&string_field(options, "sort").ok().flatten().unwrap_or_default()),
        text: string_field(options, "filter").ok().flatten().unwrap_or_default(),
        products: Vec::new(),
    };
    if let Ok(products) = field(options, "products").dyn_into::<js_sys::Array>() {
        view.set_products(products.iter().filter_map(|product| product.as_string()));
    }
    let timeout_ms = Reflect::get(options, &"timeoutSeconds".into())
        .ok()
        .and_then(|value| value.as_f64())
        .filter(|seconds| (1.0..=300.0).contains(seconds))
        .map_or(crate::load::DEFAULT_TIMEOUT_MS, |seconds| (seconds * 1000.0) as u32);
    HostOptions {
        software_id,
        machine_id: machine.as_ref().ok().cloned().flatten(),
        view,
        timeout_ms,
        finder: field(options, "finder").as_bool().unwrap_or(false),
        finder_order: InventoryOrder {
            sort: InventorySort::parse(&string_field(options, "finderSort").ok().flatten().unwrap_or_default()),
            kbs_first: InventoryOrder::kbs_first_from(
                &string_field(options, "finderShow").ok().flatten().unwrap_or_default(),
            ),
        },
        locale: choose_locale(locale.as_deref()),
        theme,
        connection: machine.and_then(|_| read_connection(options)),
    }
}

/// The origin of the page the widget runs in, which a same-origin API base stands for.
pub fn page_origin() -> String {
    leptos::prelude::window().location().origin().unwrap_or_default()
}

fn read_connection(options: &JsValue) -> Result<(ApiBase, TokenSource, Option<Cloud>), ConfigProblem> {
    if !options.is_object() {
        return Err(ConfigProblem::OptionsNotAnObject);
    }
    let api_base = string_field(options, "apiBase")?.unwrap_or_else(|| DEFAULT_API_BASE.to_owned());
    let api_base = ApiBase::parse(&api_base, &page_origin()).map_err(ConfigProblem::ApiBase)?;
    let get_token = field(options, "getToken");
    let token = if !get_token.is_undefined() && !get_token.is_null() {
        TokenSource::Callback(get_token.dyn_into::<Function>().map_err(|_| ConfigProblem::GetTokenNotAFunction)?)
    } else {
        match string_field(options, "token")? {
            Some(token) => TokenSource::Fixed(Some(AccessToken::new(&token).map_err(ConfigProblem::Token)?)),
            None => return Err(ConfigProblem::NoTokenSource),
        }
    };
    let cloud = match string_field(options, "cloud")? {
        Some(name) => Some(Cloud::from_name(&name).ok_or(ConfigProblem::UnknownCloud)?),
        None => None,
    };
    Ok((api_base, token, cloud))
}

fn field(options: &JsValue, name: &str) -> JsValue {
    Reflect::get(options, &name.into()).unwrap_or(JsValue::UNDEFINED)
}

fn string_field(options: &JsValue, name: &'static str) -> Result<Option<String>, ConfigProblem> {
    let value = field(options, name);
    if value.is_undefined() || value.is_null() {
        return Ok(None);
    }
    value.as_string().map(Some).ok_or(ConfigProblem::NotAString(name))
}
