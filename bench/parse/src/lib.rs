//! Benchmark only: the two ways the widget could read a getmissingkbs answer, so
//! bench/run.mjs can time them on the same answers in the same browser.

use missing_kbs_core::{parse_missing_kbs_page, read_missing_kbs_page};
use wasm_bindgen::prelude::*;

/// serde_json from the body's text (the text crosses into wasm memory first). Returns the KB count.
#[wasm_bindgen(js_name = parseText)]
pub fn parse_text(body: &str) -> Result<usize, JsError> {
    let page = parse_missing_kbs_page(body).map_err(|error| JsError::new(&error.to_string()))?;
    Ok(page.kbs.len())
}

/// serde-wasm-bindgen from the value `JSON.parse` made. Returns the KB count.
#[wasm_bindgen(js_name = parseValue)]
pub fn parse_value(answer: JsValue) -> Result<usize, JsError> {
    let page = read_missing_kbs_page(serde_wasm_bindgen::Deserializer::from(answer))
        .map_err(|error| JsError::new(&error.to_string()))?;
    Ok(page.kbs.len())
}
