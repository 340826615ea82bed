//! The standalone page: reads `config.json` and `?softwareId=`, then mounts one widget.

use gloo_net::http::Request;
use leptos::prelude::*;
use missing_kbs_core::{ConfigError, SoftwareId, StandaloneConfig};

use crate::components::MissingKbsWidget;
use crate::dom::{query_param, set_query_param};

const CONFIG_URL: &str = "config.json";
const SOFTWARE_ID_PARAM: &str = "softwareId";

/// Mounts the widget into the page's `#missing-kbs` element (or the body).
pub fn start() {
    let root = document()
        .get_element_by_id("missing-kbs")
        .and_then(|element| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(element).ok())
        .or_else(|| document().body());
    let Some(root) = root else { return };
    leptos::mount::mount_to(root, StandalonePage).forget();
}

#[component]
fn StandalonePage() -> impl IntoView {
    let config = LocalResource::new(load_config);
    view! {
        <Suspense fallback=|| view! { <p class="mkb-note">"Loading configuration…"</p> }>
            {move || Suspend::new(async move {
                match config.await {
                    Ok(StandaloneConfig::MockApi { api_base, token }) => view! {
                        <p class="mkb-banner" data-testid="mock-banner">
                            "Demo mode: data comes from the built-in mock Defender API, not from your tenant."
                        </p>
                        <MissingKbsWidget
                            api_base
                            token
                            initial_software_id=query_param(SOFTWARE_ID_PARAM).unwrap_or_default()
                            on_software_id_change=Callback::new(|id: SoftwareId| set_query_param(SOFTWARE_ID_PARAM, id.as_str()))
                        />
                    }
                    .into_any(),
                    Err(problem) => view! {
                        <div class="mkb-error" role="alert" data-testid="config-error">
                            <h2 class="mkb-error__title">"This page is not configured"</h2>
                            <p>{problem}</p>
                        </div>
                    }
                    .into_any(),
                }
            })}
        </Suspense>
    }
}

async fn load_config() -> Result<StandaloneConfig, String> {
    let response = Request::get(CONFIG_URL)
        .send()
        .await
        .map_err(|_| "config.json could not be loaded. Put a config.json beside this page.".to_owned())?;
    if !response.ok() {
        return Err(format!(
            "config.json could not be loaded (HTTP {}). Put a config.json beside this page, for example {{\"mockApi\": true}}.",
            response.status()
        ));
    }
    let text = response.text().await.map_err(|_| ConfigError::NotJson.to_string())?;
    StandaloneConfig::parse(&text).map_err(|error| error.to_string())
}
